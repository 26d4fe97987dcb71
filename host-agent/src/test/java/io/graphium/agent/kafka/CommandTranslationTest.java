package io.graphium.agent.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.admission.Admission;
import io.graphium.admission.AdmissionPolicy;
import io.graphium.admission.HostPathResolver;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.ContainerStatus;
import io.graphium.agent.core.Health;
import io.graphium.agent.core.Mount;
import io.graphium.agent.core.PortBinding;
import io.graphium.agent.core.Protocol;
import io.graphium.agent.core.StatusChange;
import io.graphium.events.ContainerSpec;
import io.graphium.events.ContainerState;
import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.DeployContainer;
import io.graphium.events.EnvironmentVariable;
import io.graphium.events.HealthStatus;
import io.graphium.events.PortMapping;
import io.graphium.events.Resources;
import io.graphium.events.SecretSealer;
import io.graphium.events.VolumeMount;
import io.graphium.events.VolumeType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTranslationTest {

    static final String KEY = SecretSealer.newBase64Key();
    static final Admission DEFAULT_POLICY = new Admission(AdmissionPolicy.DEFAULTS, HostPathResolver.FILESYSTEM);

    static DeployContainer deploy(List<EnvironmentVariable> environment) {
        return DeployContainer.newBuilder().setCommandId("c-1").setRequestedAt(Instant.now()).setHostId("h1")
                .setSpec(ContainerSpec.newBuilder().setStackId("shop").setDeploymentId("d-1").setContainerName("web")
                        .setDockerName("shop-web").setImage("graphium/busybox:1")
                        .setPorts(List.of(PortMapping.newBuilder().setContainerPort(8080).setHostPort(18080).build(),
                                PortMapping.newBuilder().setContainerPort(9000).build()))
                        .setEnvironment(environment)
                        .setVolumeMounts(List.of(VolumeMount.newBuilder().setType(VolumeType.TMPFS)
                                .setTarget("/cache").build()))
                        .setCommand(List.of("httpd", "-f"))
                        .setResources(Resources.newBuilder().setCpuCores(0.25).setMemoryBytes(32L << 20).build())
                        .setLabels(Map.of("team", "shop"))
                        .build())
                .build();
    }

    static EnvironmentVariable env(String name, Object value) {
        return EnvironmentVariable.newBuilder().setName(name).setValue(value).build();
    }

    @Test
    void readsEverythingTheSpecSaysAndOpensSealedValues() {
        SecretOpener opener = SecretOpener.of(KEY);
        DeployContainer command = deploy(List.of(env("MODE", "prod"),
                env("DB_PASSWORD", SecretSealer.fromBase64(KEY).seal("s3cret"))));

        CommandTranslation.Deploy read = CommandTranslation.deploy(command, opener, DEFAULT_POLICY);

        assertThat(read.rejection()).isNull();
        assertThat(read.request().ref()).isEqualTo(new ContainerRef("shop", "d-1", "web"));
        assertThat(read.request().commandId()).isEqualTo("c-1");
        assertThat(read.request().environment()).containsExactly(Map.entry("MODE", "prod"),
                Map.entry("DB_PASSWORD", "s3cret"));
        assertThat(read.request().ports()).containsExactly(new PortBinding(8080, 18080, Protocol.TCP),
                new PortBinding(9000, 0, Protocol.TCP));
        assertThat(read.request().mounts()).containsExactly(new Mount(Mount.Type.TMPFS, null, "/cache", false));
        assertThat(read.request().cpuCores()).isEqualTo(0.25);
        assertThat(read.request().memoryBytes()).isEqualTo(32L << 20);
        assertThat(read.request().labels()).containsEntry("team", "shop");
    }

    @Test
    void sealedValueWithoutKeyIsRejectedWithAClearMessage() {
        DeployContainer command = deploy(List.of(env("DB_PASSWORD", SecretSealer.fromBase64(KEY).seal("s3cret"))));

        CommandTranslation.Deploy read = CommandTranslation.deploy(command, SecretOpener.of(null), DEFAULT_POLICY);

        assertThat(read.request()).isNull();
        assertThat(read.rejection()).isEqualTo("container web of stack shop (deployment d-1) was not deployed: its "
                + "secret variable DB_PASSWORD cannot be opened: this agent has no sealing key (set graphium.secrets.key-dir "
                + "to a directory with the orchestrator's key files, or graphium.secrets.sealing-key, "
                + "GRAPHIUM_SECRETS_SEALING_KEY, to the orchestrator's key)");
    }

    @Test
    void sealedWithAnotherKeyIsRejected() {
        DeployContainer command = deploy(List.of(env("DB_PASSWORD", SecretSealer.fromBase64(KEY).seal("s3cret"))));

        CommandTranslation.Deploy read = CommandTranslation.deploy(command,
                SecretOpener.of(SecretSealer.newBase64Key()), DEFAULT_POLICY);

        assertThat(read.rejection()).contains("DB_PASSWORD cannot be opened: sealed with key");
    }

    @Test
    void aForgedDeployWithTheDockerSocketIsRefusedBeforeAnySecretIsOpened() {
        DeployContainer forged = DeployContainer.newBuilder(deploy(List.of(env("DB_PASSWORD",
                SecretSealer.fromBase64(KEY).seal("s3cret"))))).build();
        forged.getSpec().setVolumeMounts(List.of(VolumeMount.newBuilder().setType(VolumeType.BIND)
                .setSource("/var/run/docker.sock").setTarget("/var/run/docker.sock").setReadOnly(false).build()));

        CommandTranslation.Deploy read = CommandTranslation.deploy(forged, SecretOpener.of(null), DEFAULT_POLICY);

        assertThat(read.request()).isNull();
        assertThat(read.rejection()).startsWith("container web of stack shop (deployment d-1) was refused by "
                + "this host's admission policy: volumeMounts[0].source: bind mount of host path "
                + "'/var/run/docker.sock'").contains("is refused: it exposes the Docker socket")
                .contains("which is root on the host");
    }

    @Test
    void statusEventAnswersItsCommand() {
        StatusChange change = new StatusChange("c-1", new ContainerRef("shop", "d-1", "web"), ContainerStatus.RUNNING,
                Health.HEALTHY, "abc", null, null);

        ContainerStatusChanged first = KafkaStatusReporter.event("h1", change);
        ContainerStatusChanged second = KafkaStatusReporter.event("h1", change);

        assertThat(first.getCommandId()).isEqualTo("c-1");
        assertThat(first.getCausationId()).isEqualTo("c-1");
        assertThat(first.getEventId()).isNotEqualTo(second.getEventId());
        assertThat(first.getState()).isEqualTo(ContainerState.RUNNING);
        assertThat(first.getHealth()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(first.getHostId()).isEqualTo("h1");
        assertThat(first.getDockerId()).isEqualTo("abc");
    }

    @Test
    void everyCoreStateHasAContractState() {
        assertThat(Arrays.stream(ContainerStatus.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(ContainerState.values()).map(Enum::name).toList());
        assertThat(Arrays.stream(Health.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(HealthStatus.values()).map(Enum::name).toList());
    }
}
