package io.graphium.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.HostStatus;
import io.graphium.orchestrator.core.Problem;
import org.junit.jupiter.api.Test;

class HostRegistrationReaderTest {

    @Test
    void readsAFullRegistrationWithMemoryInUnits() {
        var result = HostRegistrationReader.read("""
                {"id": "rack7-node3", "name": "node3", "ipAddress": "10.0.7.3", "cpus": 16, "memory": "16Gi",
                 "datacenter": "eu-1", "labels": {"disk": "ssd"}, "status": "Maintenance"}""");
        assertThat(result.problems()).isEmpty();
        var host = result.registration().host();
        assertThat(host.getMemoryBytes()).isEqualTo(16L << 30);
        assertThat(host.getLabels()).containsEntry("disk", "ssd");
        assertThat(host.getAgentVersion()).isNull();
        assertThat(result.registration().status()).isEqualTo(HostStatus.MAINTENANCE);
    }

    @Test
    void defaultsNameToIdAndStatusToActiveAndAcceptsMemoryBytesAndIpv6AndZeroCpus() {
        var result = HostRegistrationReader.read("""
                {"id": "m1", "ipAddress": "fd00::7", "cpus": 0, "memoryBytes": 1073741824}""");
        assertThat(result.problems()).isEmpty();
        assertThat(result.registration().host().getName()).isEqualTo("m1");
        assertThat(result.registration().status()).isEqualTo(HostStatus.ACTIVE);
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        var result = HostRegistrationReader.read("""
                {"id": "bad id!", "ipAddress": "999.1.1.1", "cpus": -1, "memory": "16GB", "datacenter": "",
                 "labels": {"tier": 1}, "status": "sleeping", "colour": "red"}""");
        assertThat(result.registration()).isNull();
        assertThat(result.problems()).extracting(Problem::path).containsExactlyInAnyOrder("$.colour", "$.id",
                "$.ipAddress", "$.cpus", "$.memory", "$.datacenter", "$.labels.tier", "$.status");
        assertThat(result.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                .contains("'16GB'", "Gi"));
    }

    @Test
    void requiredFieldsAndBothMemorySpellings() {
        assertThat(HostRegistrationReader.read("{}").problems()).extracting(Problem::path)
                .containsExactlyInAnyOrder("$.id", "$.ipAddress", "$.cpus", "$.memory");
        assertThat(HostRegistrationReader.read("""
                {"id": "a", "ipAddress": "10.0.0.1", "cpus": 1.5, "memory": "1Gi", "memoryBytes": 5}""")
                .problems()).extracting(Problem::path).containsExactlyInAnyOrder("$.cpus", "$.memory");
        assertThat(HostRegistrationReader.read("[1]").problems()).extracting(Problem::path).containsExactly("$");
        assertThat(HostRegistrationReader.read("{\"id\": ").problems()).extracting(Problem::path)
                .containsExactly("$");
        assertThat(HostRegistrationReader.read("""
                {"id": "a", "ipAddress": "db.example.com", "cpus": 1, "memory": 0}""").problems())
                .extracting(Problem::path).containsExactlyInAnyOrder("$.ipAddress", "$.memory");
    }

    @Test
    void memoryIsReadAsInStackDefinitions() {
        assertThat(HostRegistrationReader.read("""
                {"id": "a", "ipAddress": "10.0.0.1", "cpus": 1, "memory": "1.5Gi"}""").registration().host()
                .getMemoryBytes()).isEqualTo(3L << 29);
        assertThat(HostRegistrationReader.read("""
                {"id": "a", "ipAddress": "10.0.0.1", "cpus": 1, "memory": "64G"}""").registration().host()
                .getMemoryBytes()).isEqualTo(64_000_000_000L);
        assertThat(HostRegistrationReader.read("""
                {"id": "a", "ipAddress": "10.0.0.1", "cpus": 1, "memory": "512m"}""").problems())
                .extracting(Problem::message).containsExactly("memory '512m' has an unknown unit 'm'; use Ki, Mi, Gi, "
                        + "Ti (powers of 1024, so Docker's 512m is 512Mi) or k, M, G, T (powers of 1000)");
        assertThat(HostRegistrationReader.read("""
                {"id": "a", "ipAddress": "10.0.0.1", "cpus": 1, "memory": "-1Gi"}""").problems())
                .extracting(Problem::message).containsExactly("memory must be more than 0 bytes");
    }
}
