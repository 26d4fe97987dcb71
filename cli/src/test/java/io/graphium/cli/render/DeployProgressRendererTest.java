package io.graphium.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.cli.FakeOrchestrator;
import io.graphium.cli.api.StackView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class DeployProgressRendererTest {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    private final StringWriter written = new StringWriter();

    @Test
    void onATerminalRedrawsTheTableInPlace() {
        DeployProgressRenderer renderer = new DeployProgressRenderer(new PrintWriter(written), true, CLOCK);

        renderer.update(stack("stack-pending.json"));
        String firstFrame = written.toString();
        renderer.update(stack("stack-deploying-created.json"));
        String secondFrame = written.toString().substring(firstFrame.length());

        assertThat(firstFrame).isEqualTo("stack shop  PENDING  0s\n  waiting for placement...\n");
        // back over the first frame's 2 lines, erase below, draw the new frame
        assertThat(secondFrame).isEqualTo("\u001b[2F\u001b[J"
                + "stack shop  DEPLOYING  0s\n"
                + "  CONTAINER  HOST                 STATE    HEALTH\n"
                + "  web        host2 (10.213.0.12)  CREATED  -\n"
                + "  db         host1 (10.213.0.11)  PENDING  -\n");
        renderer.update(stack("stack-running.json"));
        assertThat(written.toString().substring(firstFrame.length() + secondFrame.length())).startsWith("\u001b[4F");
    }

    @Test
    void elsewherePrintsOnlyWhatChanged() {
        DeployProgressRenderer renderer = new DeployProgressRenderer(new PrintWriter(written), false, CLOCK);

        renderer.update(stack("stack-deploying-created.json"));
        renderer.update(stack("stack-deploying-created.json"));

        assertThat(written.toString()).doesNotContain("\u001b").isEqualTo(
                "web      host2 (10.213.0.12)  CREATED\n"
                        + "db       host1 (10.213.0.11)  PENDING\n"
                        + "stack shop: DEPLOYING\n");
    }

    private static StackView stack(String resource) {
        return MAPPER.readValue(FakeOrchestrator.resource(resource), StackView.class);
    }
}
