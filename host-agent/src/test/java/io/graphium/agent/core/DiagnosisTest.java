package io.graphium.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

    static final ContainerRef WEB = new ContainerRef("shop", "d-1", "web");

    @Test
    void imageThatCannotBePulledNamesImageHostAndDockersReason() {
        assertThat(Diagnosis.imageUnavailable("graphium/nope:1", "h1", "Status 404: {\"message\":\"pull access "
                + "denied for graphium/nope, repository does not exist\"}\n"))
                .isEqualTo("image graphium/nope:1 is not present on host h1 and could not be pulled: pull access "
                        + "denied for graphium/nope, repository does not exist");
    }

    @Test
    void aRefusedPullSaysWhichLoginToCheck() {
        assertThat(Diagnosis.pullFailure("Status 500: {\"message\":\"Head \\\"http://reg.io/v2/app/manifests/1\\\": "
                + "no basic auth credentials\"}", "reg.io", null))
                .isEqualTo("Head \"http://reg.io/v2/app/manifests/1\": no basic auth credentials; if the repository is"
                        + " private, add a login for reg.io (graphium.agent.registries)");
        assertThat(Diagnosis.pullFailure("unauthorized: incorrect username or password", "docker.io", "ci"))
                .isEqualTo("unauthorized: incorrect username or password; the registry refused user ci or gave it no"
                        + " access (login for docker.io in graphium.agent.registries)");
    }

    @Test
    void anyOtherPullFailureIsPassedOnAsDockerSaidIt() {
        assertThat(Diagnosis.pullFailure("manifest unknown\n", "reg.io", "ci")).isEqualTo("manifest unknown");
    }

    @Test
    void portTakenByAnotherProcessIsNamed() {
        assertThat(Diagnosis.startFailed(WEB, "h1", "Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: "
                + "address already in use"))
                .isEqualTo("container web of stack shop (deployment d-1) could not start on host h1: host port 8080 "
                        + "is already in use");
    }

    @Test
    void otherStartFailuresQuoteDocker() {
        assertThat(Diagnosis.startFailed(WEB, "h1", "OCI runtime create failed: exec: \"nope\": not found"))
                .endsWith("could not start on host h1: OCI runtime create failed: exec: \"nope\": not found");
    }

    @Test
    void exitQuotesTheLastTenLogLines() {
        List<String> logs = IntStream.rangeClosed(1, 12).mapToObj(i -> "line " + i).toList();
        String text = Diagnosis.notRunning(WEB, "h1",
                new ContainerInspection("x", "exited", Health.NONE, 1, false, "", null, null), logs);

        assertThat(text).isEqualTo("container web of stack shop (deployment d-1) on host h1 exited with code 1; "
                + "last log lines: line 3 | line 4 | line 5 | line 6 | line 7 | line 8 | line 9 | line 10 | line 11 "
                + "| line 12");
    }

    @Test
    void oomNamesTheLimit() {
        String text = Diagnosis.notRunning(WEB, "h1",
                new ContainerInspection("x", "exited", Health.NONE, 137, true, null, 6L * 1024 * 1024, null), List.of());

        assertThat(text).isEqualTo("container web of stack shop (deployment d-1) on host h1 was killed for running "
                + "out of memory (limit 6 MiB)");
    }

    @Test
    void nameTakenByAStrangerSaysItWasLeftAlone() {
        assertThat(Diagnosis.nameTaken(WEB, "shop-web", "h1")).isEqualTo("container web of stack shop (deployment "
                + "d-1) could not be created on host h1: the name shop-web is already used by another container (not "
                + "one of this stack's, so it was left alone)");
    }
}
