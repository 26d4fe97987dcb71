package io.graphium.orchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.events.EnvironmentVariable;
import io.graphium.events.KeyRing;
import io.graphium.events.SealedValue;
import io.graphium.events.SecretSealer;
import io.graphium.orchestrator.core.EnvValue;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackDefinitionParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a raw producer's environment is read: sealed stays secret, secret=true/false decides, else the name. */
class AvroMappingSecretsTest {

    private final KeyRing keys = KeyRing.of(Map.of("k1", SecretSealer.newBase64Key()), null);
    private final AvroMapping mapping = new AvroMapping(keys);

    @Test
    void clearSecretsFromAProducerAreSealedOnTheWayOut() {
        io.graphium.events.StackDefinition avro = new AvroMapping(KeyRing.empty()).definition(StackDefinitionParser
                .parse("{\"name\": \"s\", \"itemListElement\": [{\"name\": \"db\", \"image\": \"db:1\"}]}")
                .definition());
        avro.getContainers().get(0).setEnvironment(List.of(
                EnvironmentVariable.newBuilder().setName("DB_PASSWORD").setValue("by-name").build(),
                EnvironmentVariable.newBuilder().setName("SETTINGS").setValue("marked").setSecret(true).build(),
                EnvironmentVariable.newBuilder().setName("TOKEN_URL").setValue("un-marked").setSecret(false).build(),
                EnvironmentVariable.newBuilder().setName("SEALED").setValue(keys.seal("sealed")).build()));

        StackDefinition core = mapping.definition(avro);
        Map<String, EnvValue> environment = core.containers().get(0).environment();
        assertThat(environment).containsEntry("DB_PASSWORD", new EnvValue("by-name", true))
                .containsEntry("SETTINGS", new EnvValue("marked", true))
                .containsEntry("TOKEN_URL", new EnvValue("un-marked", false))
                .containsEntry("SEALED", new EnvValue("sealed", true));

        List<EnvironmentVariable> out = mapping.definition(core).getContainers().get(0).getEnvironment();
        assertThat(out).filteredOn(v -> !v.getName().equals("TOKEN_URL"))
                .allSatisfy(v -> assertThat(v.getValue()).isInstanceOf(SealedValue.class));
        assertThat(out.toString()).doesNotContain("by-name", "\"marked", "\"sealed\"").contains("un-marked");
        assertThat(out).filteredOn(v -> v.getName().equals("TOKEN_URL")).singleElement()
                .satisfies(v -> assertThat(v.getSecret()).as("stays un-marked when read again").isFalse());
        assertThat(mapping.definition(mapping.definition(core))).isEqualTo(core);
    }
}
