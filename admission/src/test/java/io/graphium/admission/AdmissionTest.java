package io.graphium.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graphium.admission.AdmissionPolicy.AllowedPath;
import io.graphium.admission.ContainerSpec.MountSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy decisions as tables: {mount, readOnly, policy} -> admitted, or the field and the reason. */
class AdmissionTest {

    private static final AdmissionPolicy OPERATOR = new AdmissionPolicy(List.of(new AllowedPath("/srv/data", false),
            new AllowedPath("/etc/graphium", true), new AllowedPath("/srv/data/config", true)),
            null, null, null, null, null, null);

    @ParameterizedTest(name = "{0} (readOnly {1}) -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            /srv/data                | false | -
            /srv/data/app/logs       | false | -
            /srv/data/../data/x      | false | -
            /etc/graphium/app.conf   | true  | -
            /etc/graphium/app.conf   | false | volumeMounts[0].readOnly: must be read-only: the policy allows /etc/graphium read-only
            /srv/data/config/x       | false | volumeMounts[0].readOnly: must be read-only
            /srv/data2               | false | volumeMounts[0].source: it is not under an allowed prefix (/srv/data, /etc/graphium, /srv/data/config)
            /srv/data/../../etc      | false | volumeMounts[0].source: it is not under an allowed prefix
            /etc                     | true  | volumeMounts[0].source: it is not under an allowed prefix
            /                        | true  | volumeMounts[0].source: it is the host's whole file system; it is never allowed unless graphium.admission.host-paths names '/' itself
            /srv/data/../../         | true  | volumeMounts[0].source: it is the host's whole file system
            /var/run/docker.sock     | true  | volumeMounts[0].source: it exposes the Docker socket /var/run/docker.sock, which is root on the host
            /run/docker.sock         | true  | volumeMounts[0].source: it exposes the Docker socket /run/docker.sock
            /var/run                 | true  | volumeMounts[0].source: it exposes the Docker socket /var/run/docker.sock
            /var                     | true  | volumeMounts[0].source: it exposes the Docker socket /var/run/docker.sock
            srv/data                 | true  | volumeMounts[0].source: bind mount source: 'srv/data' is not an absolute path
            """)
    void bindMountsAreDecidedByTheOperatorsPrefixes(String source, boolean readOnly, String expected) {
        List<Violation> violations = check(OPERATOR, bind(source, readOnly));
        if (expected == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).hasSize(1);
            Violation violation = violations.get(0);
            assertThat(violation.container()).isEqualTo("web");
            assertThat(violation.field() + ": " + violation.reason()).startsWith(expected.substring(0,
                    expected.indexOf(':') + 2)).contains(expected.substring(expected.indexOf(':') + 2));
        }
    }

    @Test
    void bindMountsAreRefusedByDefaultAndVolumesAndTmpfsAreNot() {
        List<Violation> violations = check(AdmissionPolicy.DEFAULTS, bind("/srv/data", true),
                new MountSpec(MountSpec.Type.VOLUME, "pgdata", "/var/lib/postgresql/data", false),
                new MountSpec(MountSpec.Type.TMPFS, null, "/tmp", false));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("volumeMounts[0].source");
            assertThat(v.reason()).contains("the policy allows no host paths (bind mounts are refused by default");
        });
    }

    @Test
    void theSocketAndRootAreAllowedOnlyWhenNamedExactly() {
        AdmissionPolicy broad = new AdmissionPolicy(List.of(new AllowedPath("/", true)), null, null, null, null,
                null, null);
        assertThat(check(broad, bind("/", true))).isEmpty();
        assertThat(check(broad, bind("/etc", true))).isEmpty();
        assertThat(check(broad, bind("/var/run/docker.sock", true))).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("names '/var/run/docker.sock' itself"));

        AdmissionPolicy socket = new AdmissionPolicy(List.of(new AllowedPath("/var/run/docker.sock", true)), null,
                null, null, null, null, null);
        assertThat(check(socket, bind("/var/run/docker.sock", true))).isEmpty();
        assertThat(check(socket, bind("/var/run/docker.sock", false))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("volumeMounts[0].readOnly"));
        assertThat(check(socket, bind("/run/docker.sock", true))).hasSize(1);
    }

    @Test
    void aSymlinkUnderAnAllowedPrefixIsCheckedWhereItPoints(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed")).toRealPath();
        Files.createSymbolicLink(allowed.resolve("root"), Path.of("/"));
        Files.createSymbolicLink(allowed.resolve("sock"), Path.of("/var/run/docker.sock"));
        Files.createDirectories(allowed.resolve("data"));
        AdmissionPolicy policy = new AdmissionPolicy(List.of(new AllowedPath(allowed.toString(), false)), null, null,
                null, null, null, null);
        Admission agent = new Admission(policy, HostPathResolver.FILESYSTEM);

        assertThat(agent.checkContainer(container(bind(allowed + "/data", false)))).isEmpty();
        assertThat(agent.checkContainer(container(bind(allowed + "/root", false)))).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("(which resolves to '/')")
                        .contains("the host's whole file system"));
        assertThat(agent.checkContainer(container(bind(allowed + "/sock", false)))).singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("Docker socket"));
        // The orchestrator cannot see the host: lexically the path is under the prefix.
        assertThat(new Admission(policy, HostPathResolver.LEXICAL).checkContainer(container(bind(allowed + "/root",
                false)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", textBlock = """
            nginx:1.27                          | -                           | -
            busybox; rm -rf /                   | -                           | 'busybox; rm -rf /' is not a valid image reference: ';' is not allowed
            registry.example.com/web:1          | registry.example.com        | -
            nginx:1.27                          | registry.example.com        | is from registry docker.io, which the policy does not allow; allowed: registry.example.com
            docker.io/library/nginx             | docker.io,ghcr.io           | -
            ghcr.io/o/r:1                       | DOCKER.IO, GHCR.io          | -
            localhost:5000/web                  | localhost                   | is from registry localhost:5000
            """)
    void imagesAreParsedAndTheirRegistryChecked(String image, String registries, String reason) {
        AdmissionPolicy policy = new AdmissionPolicy(null, registries == null ? null : List.of(registries.split(",")),
                null, null, null, null, null);
        List<Violation> violations = new Admission(policy, HostPathResolver.LEXICAL).checkContainer(
                new ContainerSpec("web", image, null, null, null));
        if (reason == null) {
            assertThat(violations).isEmpty();
        } else {
            assertThat(violations).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("image");
                assertThat(v.reason()).contains(reason);
            });
        }
    }

    @Test
    void limitsOnContainersEnvironmentNamesAndLabels() {
        AdmissionPolicy small = new AdmissionPolicy(null, null, 2, 3, 40, 2, 10);
        Admission admission = new Admission(small, HostPathResolver.LEXICAL);
        List<ContainerSpec> three = IntStream.range(0, 3).mapToObj(i -> new ContainerSpec("c" + i, "nginx", null,
                null, null)).toList();
        assertThat(admission.checkStack(three)).singleElement().satisfies(v -> {
            assertThat(v.container()).isNull();
            assertThat(v.field()).isEqualTo("containers");
            assertThat(v.reason()).contains("3 containers; the policy allows at most 2");
        });

        Map<String, String> env = new LinkedHashMap<>();
        IntStream.range(0, 4).forEach(i -> env.put("V" + i, "x"));
        assertThat(admission.checkContainer(new ContainerSpec("web", "nginx", null, env, null)))
                .extracting(Violation::reason).containsExactly("it has 4 environment variables; the policy allows "
                        + "at most 3 (graphium.admission.max-env-entries)");
        assertThat(admission.checkContainer(new ContainerSpec("web", "nginx", null, Map.of("BIG", "é".repeat(20)),
                null))).extracting(Violation::reason).containsExactly("its environment is 44 bytes; the policy "
                        + "allows at most 40 (graphium.admission.max-env-bytes)");
        assertThat(admission.checkContainer(new ContainerSpec("a-very-long-name", "nginx", null, null, null)))
                .extracting(Violation::field).containsExactly("name");

        Map<String, String> labels = new HashMap<>();
        labels.put("io.graphium.managed", "true");
        labels.put("Team", "x");
        labels.put("com.example.team", "x");
        assertThat(admission.checkContainer(new ContainerSpec("web", "nginx", null, null, labels)))
                .extracting(v -> v.field() + ": " + v.reason()).containsExactly(
                        "labels: it has 3 labels; the policy allows at most 2 (graphium.admission.max-labels)",
                        "labels['Team']: label key 'Team' is not valid: 1-128 lower-case letters, digits, '.' and "
                                + "'-', starting and ending with a letter or digit",
                        "labels['io.graphium.managed']: label keys starting with 'io.graphium.' are reserved for "
                                + "Graphium's ownership labels");
        assertThat(AdmissionPolicy.DEFAULTS).isEqualTo(new AdmissionPolicy(List.of(), List.of(), 50, 100, 65536, 32,
                63));
        assertThat(admission.checkStack(Collections.emptyList())).isEmpty();
    }

    @Test
    void aPolicyWithARelativePrefixOrZeroLimitFailsAtStart() {
        assertThatThrownBy(() -> new AllowedPath("srv", false)).hasMessageContaining("not an absolute path");
        assertThatThrownBy(() -> new AdmissionPolicy(null, null, 0, null, null, null, null))
                .hasMessage("graphium.admission.max-containers must be 1 or more, not 0");
    }

    private static List<Violation> check(AdmissionPolicy policy, MountSpec... mounts) {
        return new Admission(policy, HostPathResolver.LEXICAL).checkContainer(container(mounts));
    }

    private static ContainerSpec container(MountSpec... mounts) {
        return new ContainerSpec("web", "nginx:1.27", List.of(mounts), Map.of(), Map.of());
    }

    private static MountSpec bind(String source, boolean readOnly) {
        return new MountSpec(MountSpec.Type.BIND, source, "/data", readOnly);
    }
}
