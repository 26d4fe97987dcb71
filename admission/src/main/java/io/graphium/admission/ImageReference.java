package io.graphium.admission;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference read with Docker's grammar (distribution/reference):
 * <pre>
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component { "/" path-component }      (at most 255 characters)
 *   domain    := host [ ":" port ]        host: DNS labels joined by '.', or [IPv6]
 *   path-component := [a-z0-9]+ { separator [a-z0-9]+ }   separator := "." | "_" | "__" | "-"+
 *   tag       := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest    := algorithm ":" hex        sha256: 64 hex digits, sha512: 128 (lower case)
 * </pre>
 * The first component is a domain when it has a '.' or ':', is {@code localhost}, or has upper case letters (as
 * Docker decides); otherwise the image is on Docker Hub.
 *
 * @param domain registry host[:port], or null for Docker Hub
 * @param path   repository path inside the registry, e.g. {@code team/web} or {@code busybox}
 * @param tag    null when absent
 * @param digest null when absent
 */
public record ImageReference(String domain, String path, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final int MAX_NAME = 255;
    private static final String LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[a-fA-F0-9:]+\\])"
            + "(?::([0-9]+))?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{32,}");
    private static final String EXAMPLE = "e.g. nginx:1.27 or registry.example.com:5000/team/web:1.2@sha256:<64 hex>";

    /** The reference, or {@link InvalidImageReference} saying which part breaks which rule. */
    public static ImageReference parse(String image) {
        if (image == null || image.isEmpty()) {
            throw invalid(image, "it is empty; give an image, " + EXAMPLE);
        }
        for (int i = 0; i < image.length(); i++) {
            char c = image.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw invalid(image, "it contains white space or a control character at position " + (i + 1)
                        + "; an image reference is one word, " + EXAMPLE);
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ".-_:/@[]+".indexOf(c) >= 0)) {
                throw invalid(image, "'" + c + "' is not allowed in an image reference (letters, digits and "
                        + "'.', '-', '_', ':', '/', '@' only), " + EXAMPLE);
            }
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            checkDigest(image, digest);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) { // a colon before the last slash is a registry port
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(image, "tag '" + tag + "' is not valid: 1-128 letters, digits, '_', '.' or '-', "
                        + "not starting with '.' or '-'");
            }
        }
        if (rest.isEmpty()) {
            throw invalid(image, "it has no repository name, " + EXAMPLE);
        }
        if (rest.length() > MAX_NAME) {
            throw invalid(image, "the repository name is " + rest.length() + " characters long; at most "
                    + MAX_NAME + " are allowed");
        }
        String domain = null;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase(Locale.ROOT))) {
                domain = first;
                path = rest.substring(slash + 1);
                Matcher m = DOMAIN.matcher(domain);
                if (!m.matches()) {
                    throw invalid(image, "registry '" + domain + "' is not a host name or host:port");
                }
                if (m.group(1) != null && (m.group(1).length() > 5 || Integer.parseInt(m.group(1)) > 65535)) {
                    throw invalid(image, "registry port '" + m.group(1) + "' is not a port number");
                }
            }
        }
        if (path.isEmpty()) {
            throw invalid(image, "it names registry '" + domain + "' but no repository, " + EXAMPLE);
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw invalid(image, component.isEmpty() ? "the repository path has an empty component ('//' or a "
                        + "trailing '/')" : "repository path component '" + component + "' is not valid: use lower-"
                        + "case letters and digits, separated by '.', '_', '__' or '-'"
                        + (component.equals(component.toLowerCase(Locale.ROOT)) ? "" : " (no upper case)"));
            }
        }
        return new ImageReference(domain, path, tag, digest);
    }

    /** Why {@code image} is not a valid reference, or empty when it is. */
    public static Optional<String> problem(String image) {
        try {
            parse(image);
            return Optional.empty();
        } catch (InvalidImageReference e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void checkDigest(String image, String digest) {
        int colon = digest.indexOf(':');
        String algorithm = colon < 0 ? "" : digest.substring(0, colon);
        String hex = colon < 0 ? "" : digest.substring(colon + 1);
        if (!ALGORITHM.matcher(algorithm).matches() || !HEX.matcher(hex).matches()) {
            throw invalid(image, "digest '" + digest + "' is not valid: write algorithm:hex, e.g. sha256: and 64 "
                    + "lower-case hex digits");
        }
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        if (expected > 0 && hex.length() != expected) {
            throw invalid(image, "digest '" + digest + "' has " + hex.length() + " hex digits; " + algorithm
                    + " needs " + expected);
        }
    }

    private static InvalidImageReference invalid(String image, String why) {
        return new InvalidImageReference("'" + image + "' is not a valid image reference: " + why);
    }

    /** The registry the image is pulled from, lower case; {@code docker.io} for Docker Hub. */
    public String registry() {
        String host = domain == null ? DOCKER_HUB : domain.toLowerCase(Locale.ROOT);
        return host.equals("index.docker.io") || host.equals("registry-1.docker.io") ? DOCKER_HUB : host;
    }

    /** The repository as Docker's pull API names it: {@code [domain/]path}, without tag or digest. */
    public String repository() {
        return (domain == null ? "" : domain + "/") + path;
    }

    /**
     * What to pass as the tag parameter of a pull: the digest when there is one, else the tag, else {@code latest}
     * (without a tag Docker would pull every tag of the repository).
     */
    public String tagOrDigest() {
        return digest != null ? digest : tag != null ? tag : "latest";
    }

    @Override
    public String toString() {
        return (domain == null ? "" : domain + "/") + path + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
    }

    /** An image reference that breaks the grammar; the message names the part and the rule. */
    public static final class InvalidImageReference extends IllegalArgumentException {
        InvalidImageReference(String message) {
            super(message);
        }
    }
}
