package io.graphium.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Looks for secret values where they must not be: in every record of every topic (key, value and headers as raw
 * bytes, all partitions, from the first offset to the end), in files (service logs) and in texts (HTTP responses,
 * event streams). A value is found in clear (UTF-8) or as any base64 of it: standard or URL-safe alphabet, at each
 * of the three alignments it can have inside a longer base64 text.
 *
 * <p>Each scan adds to one {@link #report()}: what was scanned (counts) and every finding with its place, so a
 * failing test says where the value leaked.
 */
public final class SecretScan {

    /** One occurrence: where (topic/partition/offset/part, file:line-offset, response name) and which form. */
    public record Finding(String where, String form) {
        @Override
        public String toString() {
            return form + " at " + where;
        }
    }

    /** One Kafka record's place, for allowing the occurrences a test expects (e.g. the producer's own input). */
    public record RecordPlace(String topic, int partition, long offset) {
    }

    private final Map<String, byte[]> needles = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Finding> allowed = new ArrayList<>();

    private SecretScan(List<String> values) {
        for (String value : values) {
            byte[] clear = value.getBytes(StandardCharsets.UTF_8);
            if (clear.length < 6) {
                throw new IllegalArgumentException("a secret to scan for needs at least 6 bytes, or it matches by "
                        + "chance: " + clear.length);
            }
            needles.put("clear '" + mask(value) + "'", clear);
            for (int shift = 0; shift < 3; shift++) {
                String base64 = base64Core(clear, shift);
                needles.put("base64 (shift " + shift + ") of '" + mask(value) + "'",
                        base64.getBytes(StandardCharsets.US_ASCII));
                String urlSafe = base64.replace('+', '-').replace('/', '_');
                if (!urlSafe.equals(base64)) {
                    needles.put("base64url (shift " + shift + ") of '" + mask(value) + "'",
                            urlSafe.getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }

    /** A scan for these clear values (each at least 6 bytes) and their base64 forms. */
    public static SecretScan forValues(String... values) {
        return new SecretScan(List.of(values));
    }

    /**
     * The part of base64(x || value) that depends on the value's bytes only, for any {@code shift} = length of x
     * mod 3: drop the characters that mix in x's bits, and those of the last, incomplete group.
     */
    static String base64Core(byte[] value, int shift) {
        byte[] shifted = new byte[shift + value.length];
        System.arraycopy(value, 0, shifted, shift, value.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int start = shift == 0 ? 0 : shift == 1 ? 2 : 3;
        int end = (shifted.length / 3) * 4;
        return encoded.substring(start, end);
    }

    private static String mask(String value) {
        return value.substring(0, 2) + "…" + value.length() + " chars";
    }

    // ---- sources ------------------------------------------------------------------------------------------------

    /**
     * Scans every topic the broker has (internal ones included), all partitions, every record from the beginning to
     * the end offsets of now; occurrences in a record {@code allowed} accepts are recorded as allowed, not found.
     */
    public SecretScan topics(Map<String, Object> clientSettings, Predicate<RecordPlace> allowedRecord) {
        Map<String, Object> admin = new HashMap<>(clientSettings);
        try (Admin client = Admin.create(admin)) {
            Set<String> names = client.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            Map<String, TopicDescription> topics = client.describeTopics(names).allTopicNames().get();
            List<TopicPartition> partitions = topics.values().stream().flatMap(t -> t.partitions().stream()
                    .map(p -> new TopicPartition(t.name(), p.partition()))).toList();
            add("topics", topics.size());
            add("partitions", partitions.size());
            readAll(clientSettings, partitions, allowedRecord);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the broker's topics: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }

    private void readAll(Map<String, Object> clientSettings, List<TopicPartition> partitions,
                         Predicate<RecordPlace> allowedRecord) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!end.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read to the end of " + end.keySet() + " in 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    scanRecord(record, allowedRecord);
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
    }

    private void scanRecord(ConsumerRecord<byte[], byte[]> record, Predicate<RecordPlace> allowedRecord) {
        add("records", 1);
        RecordPlace place = new RecordPlace(record.topic(), record.partition(), record.offset());
        boolean allow = allowedRecord.test(place);
        String where = record.topic() + "/" + record.partition() + "@" + record.offset();
        scan(where + " key", record.key(), allow);
        scan(where + " value", record.value(), allow);
        for (Header header : record.headers()) {
            scan(where + " header " + header.key(), header.value(), allow);
        }
        add("record bytes", (record.key() == null ? 0 : record.key().length)
                + (record.value() == null ? 0 : record.value().length));
    }

    /** Scans every regular file under each path (a file or a directory, recursively), e.g. the service logs. */
    public SecretScan files(Path... paths) {
        for (Path path : paths) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    byte[] content = Files.readAllBytes(file);
                    add("files", 1);
                    add("file bytes", content.length);
                    scan(file.toString(), content, false);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path + ": " + e, e);
            }
        }
        return this;
    }

    /** Scans one text, e.g. an HTTP response body or a recorded event stream, named {@code where}. */
    public SecretScan text(String where, String text) {
        add("texts", 1);
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        add("text bytes", bytes.length);
        scan(where, bytes, false);
        return this;
    }

    private void scan(String where, byte[] haystack, boolean allow) {
        if (haystack == null) {
            return;
        }
        needles.forEach((form, needle) -> {
            int at = indexOf(haystack, needle, 0);
            if (at >= 0) {
                Finding finding = new Finding(where + " (byte " + at + ")", form);
                (allow ? allowed : findings).add(finding);
            }
        });
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void add(String what, long count) {
        counts.merge(what, count, Long::sum);
    }

    // ---- results ------------------------------------------------------------------------------------------------

    /** Occurrences outside the allowed records. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Occurrences inside allowed records (e.g. the one raw input that carried the value in clear). */
    public List<Finding> allowedFindings() {
        return List.copyOf(allowed);
    }

    /** What was scanned: topics, partitions, records, record bytes, files, file bytes, texts, text bytes. */
    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    /** One line per count, then the findings: for a test's failure message and its log. */
    public String report() {
        StringBuilder out = new StringBuilder("secret scan for " + needles.size() + " forms: ");
        counts.forEach((what, count) -> out.append(what).append('=').append(count).append(' '));
        out.append("\n  findings: ").append(findings.isEmpty() ? "none" : "").append('\n');
        findings.forEach(f -> out.append("    ").append(f).append('\n'));
        out.append("  allowed: ").append(allowed.isEmpty() ? "none" : "").append('\n');
        allowed.forEach(f -> out.append("    ").append(f).append('\n'));
        return out.toString();
    }

    @Override
    public String toString() {
        return report();
    }

    /** The forms searched for, named (for documentation and tests). */
    Set<String> forms() {
        return needles.keySet();
    }
}
