package io.graphium.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers every event schema in the registry when a service starts, one after the other, before any listener or
 * request runs. Services that start together (several agents at once) would otherwise all create the same artifacts
 * on their first publish, and Apicurio 2.4's storage answers such concurrent creations with errors for seconds; here
 * each registration is retried until it succeeds, so the first real publish only finds what exists. The content is
 * what the serializer registers (the whole schema, dereferenced), so the serializer finds it by content.
 */
public class SchemaRegistrar implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistrar.class);
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Backoff BACKOFF = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(2));

    private final String registryApiUrl;
    private final RegistryClient registry;
    private final HttpClient http;

    public SchemaRegistrar(String registryUrl) {
        this(RegistryClient.at(registryUrl));
    }

    /** Registers with the registry's credentials (basic auth) and trust store when it has them. */
    public SchemaRegistrar(RegistryClient registry) {
        this.registry = registry;
        this.registryApiUrl = registry.apiUrl();
        this.http = registry.httpClient(Duration.ofSeconds(5));
    }

    /** Every event type of every topic, in a stable order. */
    static List<Schema> eventSchemas() {
        Set<Class<? extends SpecificRecord>> types = new LinkedHashSet<>();
        Stream.concat(Topics.SHARED.stream(), Stream.of(Topics.hostCommands("any"))).forEach(t -> types.addAll(
                t.valueTypes().stream().sorted(Comparator.comparing(Class::getName)).toList()));
        return types.stream().map(SpecificData.get()::getSchema).toList();
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        List<Schema> schemas = eventSchemas();
        schemas.forEach(this::register);
        log.info("{} event schemas registered in {} ms", schemas.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void register(Schema schema) {
        URI uri = URI.create(registryApiUrl + "/groups/" + schema.getNamespace() + "/artifacts?ifExists=RETURN_OR_UPDATE");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("X-Registry-ArtifactId", schema.getName())
                .header("X-Registry-ArtifactType", "AVRO").POST(HttpRequest.BodyPublishers.ofString(schema.toString()));
        registry.authorization().ifPresent(value -> builder.header("Authorization", value));
        HttpRequest request = builder.build();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Backoff.Pauses pauses = BACKOFF.start(); // between attempts at a remote registry, bounded by DEADLINE
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
                if (response.statusCode() < 500 && response.statusCode() != 409) {
                    break; // a rule violation or a bad request does not pass by waiting
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while registering " + schema.getFullName(), e);
            }
            pauses.sleep();
        }
        throw new IllegalStateException("could not register schema " + schema.getFullName() + " at " + registryApiUrl
                + ": " + last);
    }
}
