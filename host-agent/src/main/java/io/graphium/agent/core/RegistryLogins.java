package io.graphium.agent.core;

import io.graphium.admission.ImageReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry logins of this host, and which one an image pull uses: the one for the image's registry host. */
public final class RegistryLogins {

    private final Map<String, RegistryCredentials> byHost;

    public RegistryLogins(List<RegistryCredentials> logins) {
        this.byHost = logins.stream().collect(Collectors.toUnmodifiableMap(RegistryCredentials::host,
                Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("two registry logins for " + a.host() + " (" + a.address()
                            + " and " + b.address() + "); keep one");
                }));
    }

    public static RegistryLogins none() {
        return new RegistryLogins(List.of());
    }

    /** The login for {@code image}'s registry; empty when there is none (an anonymous pull). */
    public Optional<RegistryCredentials> forImage(ImageReference image) {
        return Optional.ofNullable(byHost.get(RegistryCredentials.host(image.registry())));
    }

    public boolean isEmpty() {
        return byHost.isEmpty();
    }

    /** The registry hosts, never a password. */
    @Override
    public String toString() {
        return "RegistryLogins" + byHost.keySet();
    }
}
