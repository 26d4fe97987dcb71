package io.graphium.agent;

import io.graphium.agent.core.HostIds;
import io.graphium.agent.core.RegistryCredentials;
import io.graphium.agent.core.RegistryLogins;
import io.graphium.kafka.Topics;
import io.graphium.kafka.acl.Principals;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code graphium.agent.*}: who this host is and how to reach its Docker daemon. Each setting can come from the
 * environment, e.g. {@code GRAPHIUM_AGENT_HOST_ID}, {@code GRAPHIUM_AGENT_IP_ADDRESS},
 * {@code GRAPHIUM_AGENT_LABELS_ZONE=a} (relaxed binding).
 *
 * @param hostId             id in the inventory and in the command topic name; default: derived from the host name
 * @param name               display name; default: the host name
 * @param ipAddress          address other hosts reach this host's published ports on; default: the first
 *                           non-loopback IPv4 address of a physical-looking interface
 * @param datacenter         where the host is, for placement; optional
 * @param labels             free labels for placement constraints
 * @param dockerHost         the local Docker daemon; default {@code unix:///var/run/docker.sock}
 * @param bindAddress        host address published container ports bind to; default {@code 0.0.0.0}
 * @param heartbeatInterval  pause between heartbeats; default 2 s
 * @param pullTimeout        how long an image pull may take; default 2 min
 * @param dockerCallTimeout  how long the daemon may stay silent in one call; default 2 min
 * @param dockerPingAttempts pings of the daemon at start before the host is reported DEGRADED; default 5 (~3 s)
 * @param probeAddress       where HTTP/TCP health checks reach published ports; default the bind address, or
 *                           127.0.0.1 when ports bind to all interfaces (the agent runs in the host's namespace)
 * @param stopGrace          grace period of stops the agent decides itself (reconciliation); default 10 s
 * @param registries         logins for image pulls, one per registry host; none by default (anonymous pulls)
 */
@ConfigurationProperties("graphium.agent")
public record AgentProperties(String hostId, String name, String ipAddress, String datacenter,
                              Map<String, String> labels, URI dockerHost, String bindAddress,
                              Duration heartbeatInterval, Duration pullTimeout, Duration dockerCallTimeout,
                              Integer dockerPingAttempts, String probeAddress, Duration stopGrace,
                              List<Registry> registries) {

    public AgentProperties {
        hostId = blank(hostId) ? HostIds.fromHostname(LocalHost.hostname()) : hostId.strip();
        Topics.hostCommands(hostId); // fails early, with the rules, for an id unusable in a topic name
        name = blank(name) ? LocalHost.hostname() : name.strip();
        ipAddress = blank(ipAddress) ? LocalHost.primaryAddress() : ipAddress.strip();
        datacenter = blank(datacenter) ? null : datacenter.strip();
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        dockerHost = dockerHost == null ? URI.create("unix:///var/run/docker.sock") : dockerHost;
        bindAddress = blank(bindAddress) ? "0.0.0.0" : bindAddress.strip();
        heartbeatInterval = positive(heartbeatInterval, Duration.ofSeconds(2));
        pullTimeout = positive(pullTimeout, Duration.ofMinutes(2));
        dockerCallTimeout = positive(dockerCallTimeout, Duration.ofMinutes(2));
        dockerPingAttempts = dockerPingAttempts == null || dockerPingAttempts < 1 ? 5 : dockerPingAttempts;
        probeAddress = !blank(probeAddress) ? probeAddress.strip()
                : "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress;
        stopGrace = positive(stopGrace, Duration.ofSeconds(10));
        registries = registries == null ? List.of() : List.copyOf(registries);
    }

    /**
     * {@code graphium.agent.registries[i].*}: the login for one image registry. The password is given inline or,
     * better, in a file only the agent can read (then it stays out of the properties file).
     *
     * @param address      the registry host, e.g. {@code registry.example.com:5000}; {@code docker.io} for Docker Hub
     * @param username     the user name
     * @param password     the password or token; or
     * @param passwordFile a file holding it (surrounding white space, e.g. a final newline, is dropped)
     */
    public record Registry(String address, String username, String password, Path passwordFile) {

        @Override
        public String toString() {
            return "Registry[address=" + address + ", username=" + username
                    + (password != null ? ", password=******" : "") + ", passwordFile=" + passwordFile + "]";
        }
    }

    /**
     * The registry logins, password files read now: a missing or unreadable file, or a login that is incomplete,
     * stops the agent at start with the key to fix.
     */
    public RegistryLogins registryLogins() {
        List<RegistryCredentials> logins = new ArrayList<>();
        for (int i = 0; i < registries.size(); i++) {
            Registry registry = registries.get(i);
            String key = "graphium.agent.registries[" + i + "]";
            try {
                logins.add(new RegistryCredentials(registry.address(), registry.username(), password(registry)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        return new RegistryLogins(logins);
    }

    private static String password(Registry registry) {
        if (registry.password() != null && registry.passwordFile() != null) {
            throw new IllegalArgumentException("set password or password-file, not both");
        }
        if (registry.passwordFile() == null) {
            return registry.password();
        }
        try {
            return Files.readString(registry.passwordFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("password-file " + registry.passwordFile()
                    + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The consumer group of this host's agent: one per host, so that each agent reads its whole topic; the one group
     * the agent's ACLs allow ({@link Principals#agentGroup}).
     */
    public String consumerGroup() {
        return Principals.agentGroup(hostId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Duration positive(Duration value, Duration fallback) {
        return value == null || value.isNegative() || value.isZero() ? fallback : value;
    }
}
