package io.graphium.agent.core;

import java.util.Locale;

/**
 * A login for one image registry. The password is never part of {@link #toString()}, so it cannot reach a log line
 * or an event by accident.
 *
 * @param address  the registry as configured, e.g. {@code registry.example.com:5000} or {@code docker.io}
 * @param username the user name
 * @param password the password or access token
 */
public record RegistryCredentials(String address, String username, String password) {

    /** Docker Hub's canonical name; {@code index.docker.io} and {@code registry-1.docker.io} mean the same. */
    public static final String DOCKER_HUB = "docker.io";

    public RegistryCredentials {
        if (address == null || address.isBlank() || host(address).isEmpty()) {
            throw new IllegalArgumentException("a registry login needs an address");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("the login for registry " + address + " needs a username");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the login for registry " + address + " needs a password");
        }
        address = address.strip();
        username = username.strip();
    }

    /** The registry host this login is for, e.g. {@code registry.example.com:5000}, {@code docker.io}. */
    public String host() {
        return host(address);
    }

    /** The server address Docker expects in the login: Hub's legacy index URL, or the registry host. */
    public String serverAddress() {
        return DOCKER_HUB.equals(host()) ? "https://index.docker.io/v1/" : host();
    }

    /**
     * A registry address reduced to its host (and port): without scheme or path, lower case, Docker Hub's aliases
     * folded into {@link #DOCKER_HUB}.
     */
    static String host(String address) {
        String host = address.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        int slash = host.indexOf('/');
        host = slash < 0 ? host : host.substring(0, slash);
        return switch (host) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> DOCKER_HUB;
            default -> host;
        };
    }

    @Override
    public String toString() {
        return "RegistryCredentials[address=" + address + ", username=" + username + ", password=******]";
    }
}
