package io.graphium.orchestrator.core;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Rules about environment variable names: which are valid, which hold secrets, which a service's variables use. */
public final class EnvNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Matched against the name upper-cased without '_' and '-', so API_KEY, apiKey and X-API-KEY all count. */
    private static final List<String> SECRET_WORDS = List.of(
            "PASSWORD", "PASSWD", "SECRET", "TOKEN", "PRIVATEKEY", "APIKEY", "CREDENTIAL");

    private EnvNames() {
    }

    /** Letters, digits and '_', not starting with a digit: what every shell can reference. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * True when the name says the value is a secret (contains PASSWORD, PASSWD, SECRET, TOKEN, PRIVATE_KEY, API_KEY or
     * CREDENTIAL, in any case). Erring towards secret only costs sealing a harmless value.
     */
    public static boolean looksSecret(String name) {
        String squashed = name.toUpperCase(Locale.ROOT).replace("_", "").replace("-", "");
        return SECRET_WORDS.stream().anyMatch(squashed::contains);
    }

    /** The prefix of a service's variables: "my-db.eu" gives MY_DB_EU (for MY_DB_EU_ENDPOINT, _HOST, _PORT). */
    public static String prefixOf(String containerName) {
        return containerName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
