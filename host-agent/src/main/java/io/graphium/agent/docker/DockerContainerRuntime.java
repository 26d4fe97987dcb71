package io.graphium.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import io.graphium.agent.core.ContainerInspection;
import io.graphium.agent.core.ContainerRequest;
import io.graphium.agent.core.ContainerRuntime;
import io.graphium.agent.core.ContainerRuntimeException;
import io.graphium.agent.core.ContainerRuntimeException.Kind;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.Diagnosis;
import io.graphium.agent.core.DockerStates;
import io.graphium.agent.core.HealthCheck;
import io.graphium.agent.core.HostFacts;
import io.graphium.agent.core.HostObservation;
import io.graphium.admission.ImageReference;
import io.graphium.agent.core.ManagedContainer;
import io.graphium.agent.core.OwnershipLabels;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.PortInUse;
import io.graphium.agent.core.PullProgress;
import io.graphium.agent.core.Protocol;
import io.graphium.agent.core.RegistryCredentials;
import io.graphium.agent.core.RegistryLogins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@link ContainerRuntime} on a Docker daemon through docker-java. Containers are found by their ownership labels
 * only. Every call is bounded: the client gives up on a silent daemon after its response timeout, and streams (pull,
 * logs) have their own deadlines.
 */
public class DockerContainerRuntime implements ContainerRuntime {

    private static final Duration LOG_DEADLINE = Duration.ofSeconds(5);
    /** What a stop may take beyond its grace period before the client's response timeout must not cut it. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    private final DockerClient client;
    private final String bindAddress;
    private final Duration callTimeout;
    private final RegistryLogins logins;
    /** Limits and port bindings never change after create: inspected once per container, not on every heartbeat. */
    private final Map<String, Fixed> fixedById = new ConcurrentHashMap<>();

    private record Fixed(List<PortBinding> ports, Double cpuCores, Long memoryBytes) {
    }

    /**
     * @param bindAddress host address published ports are bound to (0.0.0.0: all interfaces)
     * @param callTimeout the client's response timeout (stops are kept within it)
     * @param logins      registry logins; a pull sends the one of its image's registry
     */
    public DockerContainerRuntime(DockerClient client, String bindAddress, Duration callTimeout,
                                  RegistryLogins logins) {
        this.client = client;
        this.bindAddress = bindAddress;
        this.callTimeout = callTimeout;
        this.logins = logins;
    }

    @Override
    public HostFacts hostFacts() {
        Info info = DockerFailures.call("docker info", () -> client.infoCmd().exec());
        return new HostFacts(info.getNCPU() == null ? 0 : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal(), info.getServerVersion());
    }

    @Override
    public HostObservation observe() {
        List<Container> all = DockerFailures.call("list containers",
                () -> client.listContainersCmd().withShowAll(true).exec());
        List<ManagedContainer> managed = new ArrayList<>();
        List<PortInUse> ports = new ArrayList<>();
        int running = 0;
        for (Container container : all) {
            if ("running".equals(container.getState())) {
                running++;
                for (ContainerPort port : container.getPorts() == null ? new ContainerPort[0] : container.getPorts()) {
                    if (port.getPublicPort() != null && port.getPublicPort() > 0) {
                        ports.add(new PortInUse(port.getPublicPort(), Protocol.fromDocker(port.getType())));
                    }
                }
            }
            managed(container).ifPresent(c -> {
                managed.add(c);
                // A stopped container of ours gets its ports back when started: they stay booked.
                c.ports().stream().filter(PortBinding::published)
                        .forEach(p -> ports.add(new PortInUse(p.hostPort(), p.protocol())));
            });
        }
        Set<String> present = all.stream().map(Container::getId).collect(Collectors.toSet());
        fixedById.keySet().retainAll(present);
        return new HostObservation(managed, ports, running);
    }

    @Override
    public List<ManagedContainer> findSlot(String stackId, String containerName) {
        List<Container> found = DockerFailures.call("list containers of " + stackId + "/" + containerName,
                () -> client.listContainersCmd().withShowAll(true)
                        .withLabelFilter(OwnershipLabels.slotFilter(stackId, containerName)).exec());
        return found.stream().map(this::managed).flatMap(Optional::stream).toList();
    }

    @Override
    public boolean hasImage(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw DockerFailures.translate("inspect image " + image, e);
        }
    }

    @Override
    public void pullImage(String image, Duration timeout, PullProgress layers) {
        ImageReference reference = ImageReference.parse(image);
        Optional<RegistryCredentials> login = logins.forImage(reference);
        try {
            pull(image, reference, login, timeout, layers);
        } catch (ContainerRuntimeException e) {
            if (e.unavailable()) {
                throw e;
            }
            throw new ContainerRuntimeException(e.kind(), Diagnosis.pullFailure(e.getMessage(),
                    reference.registry(), login.map(RegistryCredentials::username).orElse(null)), e);
        }
    }

    private void pull(String image, ImageReference reference, Optional<RegistryCredentials> login, Duration timeout,
                      PullProgress layers) {
        PullStream progress = new PullStream(layers);
        boolean finished;
        try {
            PullImageCmd pull = client.pullImageCmd(reference.repository()).withTag(reference.tagOrDigest());
            login.ifPresent(l -> pull.withAuthConfig(new AuthConfig().withRegistryAddress(l.serverAddress())
                    .withUsername(l.username()).withPassword(l.password())));
            pull.exec(progress);
            finished = progress.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException(Kind.FAILED, "interrupted while pulling " + image, e);
        } catch (RuntimeException e) {
            throw DockerFailures.translate("pull " + image, e);
        } finally {
            closeQuietly(progress);
        }
        if (!finished) {
            throw new ContainerRuntimeException(Kind.FAILED, "the pull did not finish within " + timeout.toSeconds()
                    + " s (graphium.agent.pull-timeout)"
                    + (progress.lastStatus == null ? "" : "; last status: " + progress.lastStatus));
        }
        if (progress.failure != null) {
            throw DockerFailures.translate("pull " + image, progress.failure);
        }
        if (progress.error != null) {
            throw new ContainerRuntimeException(Kind.FAILED, progress.error);
        }
        if (!hasImage(image)) {
            throw new ContainerRuntimeException(Kind.FAILED, "the pull ended but the image is not there"
                    + (progress.lastStatus == null ? "" : " (last status: " + progress.lastStatus + ")"));
        }
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        try {
            client.inspectVolumeCmd(name).exec();
            return; // exists: not ours to label
        } catch (NotFoundException missing) {
            // create it below
        } catch (RuntimeException e) {
            throw DockerFailures.translate("inspect volume " + name, e);
        }
        DockerFailures.call("create volume " + name,
                () -> client.createVolumeCmd().withName(name).withLabels(labels).exec());
    }

    @Override
    public List<String> volumes(Map<String, String> labels) {
        List<String> filter = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        var found = DockerFailures.call("list volumes", () -> client.listVolumesCmd()
                .withFilter("label", filter).exec().getVolumes());
        return found == null ? List.of() : found.stream().map(v -> v.getName()).toList();
    }

    @Override
    public void removeVolume(String name) {
        try {
            client.removeVolumeCmd(name).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to do
        } catch (RuntimeException e) {
            throw DockerFailures.translate("remove volume " + name, e);
        }
    }

    @Override
    public String create(ContainerRequest request, Map<String, String> labels) {
        return DockerFailures.call("create " + request.dockerName(),
                () -> ContainerCreation.command(client, request, labels, bindAddress).exec().getId());
    }

    @Override
    public void start(String dockerId) {
        try {
            client.startContainerCmd(dockerId).exec();
        } catch (NotModifiedException alreadyRunning) {
            // nothing to do
        } catch (RuntimeException e) {
            throw DockerFailures.translate("start " + dockerId, e);
        }
    }

    @Override
    public void stop(String dockerId, Duration grace) {
        long maxGrace = Math.max(1, callTimeout.minus(STOP_MARGIN).toSeconds());
        int seconds = (int) Math.min(Math.max(0, grace.toSeconds()), maxGrace);
        try {
            client.stopContainerCmd(dockerId).withTimeout(seconds).exec();
        } catch (NotModifiedException alreadyStopped) {
            // nothing to do
        } catch (RuntimeException e) {
            throw DockerFailures.translate("stop " + dockerId, e);
        }
    }

    @Override
    public void remove(String dockerId, boolean removeVolumes) {
        try {
            client.removeContainerCmd(dockerId).withForce(true).withRemoveVolumes(removeVolumes).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to do
        } catch (ConflictException e) {
            if (e.getMessage() == null || !e.getMessage().contains("already in progress")) {
                throw DockerFailures.translate("remove " + dockerId, e);
            }
        } catch (RuntimeException e) {
            throw DockerFailures.translate("remove " + dockerId, e);
        }
        fixedById.remove(dockerId);
    }

    @Override
    public Optional<ContainerInspection> inspect(String dockerId) {
        InspectContainerResponse response;
        try {
            response = client.inspectContainerCmd(dockerId).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerFailures.translate("inspect " + dockerId, e);
        }
        InspectContainerResponse.ContainerState state = response.getState();
        Long exitCode = state.getExitCodeLong();
        return Optional.of(new ContainerInspection(response.getId(), state.getStatus(),
                DockerStates.health(state.getHealth() == null ? null : state.getHealth().getStatus()),
                exitCode == null ? null : exitCode.intValue(), Boolean.TRUE.equals(state.getOOMKilled()),
                state.getError(), response.getHostConfig() == null ? null : response.getHostConfig().getMemory(),
                response.getConfig() == null ? null
                        : HealthCheck.fromLabels(response.getConfig().getLabels()).orElse(null)));
    }

    @Override
    public List<String> lastLogLines(String dockerId, int count) {
        StringBuffer text = new StringBuffer();
        ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void onError(Throwable throwable) {
                closeQuietly(this); // logs only decorate a diagnosis
            }
        };
        try {
            client.logContainerCmd(dockerId).withStdOut(true).withStdErr(true).withTail(count).exec(collector)
                    .awaitCompletion(LOG_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return List.of(); // logs only decorate a diagnosis
        } finally {
            closeQuietly(collector);
        }
        List<String> lines = Arrays.stream(text.toString().split("\\R")).filter(l -> !l.isBlank()).toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** The managed container a list entry describes; empty when it does not carry complete ownership labels. */
    private Optional<ManagedContainer> managed(Container container) {
        Map<String, String> labels = container.getLabels();
        return OwnershipLabels.refOf(labels).map(ref -> {
            ContainerStatus status = DockerStates.status(container.getState());
            Fixed fixed = fixed(container.getId());
            String name = container.getNames() == null || container.getNames().length == 0 ? ""
                    : container.getNames()[0].replaceFirst("^/", "");
            return new ManagedContainer(ref, container.getId(), name, container.getImage(),
                    labels.get(OwnershipLabels.COMMAND), status,
                    DockerStates.healthFromStatusText(container.getStatus()),
                    status == ContainerStatus.EXITED ? DockerStates.exitCodeFromStatusText(container.getStatus()) : null,
                    fixed.ports(), fixed.cpuCores(), fixed.memoryBytes(),
                    labels.get(OwnershipLabels.HOST));
        });
    }

    private Fixed fixed(String dockerId) {
        Fixed known = fixedById.get(dockerId);
        if (known != null) {
            return known;
        }
        HostConfig host;
        try {
            host = client.inspectContainerCmd(dockerId).exec().getHostConfig();
        } catch (NotFoundException e) {
            return new Fixed(List.of(), null, null); // removed meanwhile
        } catch (RuntimeException e) {
            throw DockerFailures.translate("inspect " + dockerId, e);
        }
        Fixed fixed = new Fixed(bindings(host), host.getNanoCPUs() == null || host.getNanoCPUs() == 0 ? null
                : host.getNanoCPUs() / 1e9, host.getMemory() == null || host.getMemory() == 0 ? null : host.getMemory());
        fixedById.put(dockerId, fixed);
        return fixed;
    }

    private static List<PortBinding> bindings(HostConfig host) {
        List<PortBinding> result = new ArrayList<>();
        Ports ports = host.getPortBindings();
        if (ports == null) {
            return result;
        }
        ports.getBindings().forEach((exposed, bound) -> {
            Protocol protocol = Protocol.fromDocker(exposed.getProtocol().toString());
            if (bound == null || bound.length == 0) {
                result.add(new PortBinding(exposed.getPort(), 0, protocol));
                return;
            }
            for (Ports.Binding binding : bound) {
                String spec = binding.getHostPortSpec();
                int hostPort = spec == null || spec.isBlank() || !spec.matches("\\d+") ? 0 : Integer.parseInt(spec);
                result.add(new PortBinding(exposed.getPort(), hostPort, protocol));
            }
        });
        return result;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is over either way
        }
    }

    /**
     * Remembers the last status and the first error of a pull's progress stream. A failed request is kept for the
     * caller to translate, not logged as an error by docker-java: a missing image is an answer, not an incident.
     */
    private static final class PullStream extends ResultCallback.Adapter<PullResponseItem> {
        private final PullProgress layers;
        private volatile String error;
        private volatile String lastStatus;
        private volatile RuntimeException failure;

        PullStream(PullProgress layers) {
            this.layers = layers;
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable instanceof RuntimeException runtime ? runtime : new IllegalStateException(throwable);
            closeQuietly(this);
        }

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getStatus() != null) {
                lastStatus = item.getStatus();
            }
            if (item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null
                    && "Downloading".equals(item.getStatus())) {
                long current = item.getProgressDetail().getCurrent() == null ? 0 : item.getProgressDetail().getCurrent();
                layers.layer(item.getId(), current, item.getProgressDetail().getTotal());
            }
            if (error == null && item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            }
        }
    }
}
