package io.graphium.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Facts about the machine the agent runs on, for defaults: host name, address, and capacity as the OS sees it. */
final class LocalHost {

    /** Interfaces that are not the host's own network: bridges and veth pairs of container engines. */
    private static final List<String> VIRTUAL_PREFIXES = List.of("docker", "br-", "veth", "virbr", "cni", "flannel",
            "cali", "vxlan", "tun", "tap", "lo");

    private LocalHost() {
    }

    static String hostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            String fromFile = Files.readString(Path.of("/etc/hostname")).strip();
            if (!fromFile.isEmpty()) {
                return fromFile;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or no such file: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The first IPv4 address of an interface that is up, not loopback and not a container bridge. */
    static String primaryAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()
                        || VIRTUAL_PREFIXES.stream().anyMatch(nic.getName()::startsWith)) {
                    continue;
                }
                Optional<String> address = Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .map(InetAddress::getHostAddress).findFirst();
                if (address.isPresent()) {
                    return address.get();
                }
            }
        } catch (SocketException ignored) {
            // fall through
        }
        return "127.0.0.1";
    }

    static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    static long memoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
