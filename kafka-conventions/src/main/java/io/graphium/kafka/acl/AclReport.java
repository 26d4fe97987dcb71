package io.graphium.kafka.acl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** An {@link AccessPlan} written out for people (a table) or for Kafka's own {@code kafka-acls} tool. */
public final class AclReport {

    private AclReport() {
    }

    /** One line per principal and resource, the operations joined: {@code READ+DESCRIBE}. */
    public static String table(AccessPlan plan) {
        Map<List<Object>, List<String>> rows = new LinkedHashMap<>();
        for (Acl acl : plan.acls()) {
            rows.computeIfAbsent(List.of(acl.principal(), acl.resource(), acl.pattern(), acl.name()),
                    k -> new ArrayList<>()).add(acl.operation().name());
        }
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"PRINCIPAL", "RESOURCE", "PATTERN", "NAME", "OPERATIONS"});
        rows.forEach((key, ops) -> lines.add(new String[] {"User:" + key.get(0), key.get(1).toString(),
                key.get(2).toString(), (String) key.get(3), String.join("+", ops)}));
        int[] widths = new int[5];
        lines.forEach(l -> {
            for (int i = 0; i < l.length; i++) {
                widths[i] = Math.max(widths[i], l[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                row.append(i == line.length - 1 ? line[i] : String.format("%-" + (widths[i] + 2) + "s", line[i]));
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * One {@code kafka-acls.sh --add} command per principal and resource, for operators who apply ACLs with Kafka's
     * tools; {@code bootstrap} and {@code commandConfig} are written as given (placeholders are fine).
     */
    public static String kafkaAclsCommands(AccessPlan plan, String bootstrap, String commandConfig) {
        Map<List<Object>, List<String>> rows = new LinkedHashMap<>();
        for (Acl acl : plan.acls()) {
            rows.computeIfAbsent(List.of(acl.kafkaPrincipal(), acl.resource(), acl.pattern(), acl.name()),
                    k -> new ArrayList<>()).add(capitalized(acl.operation().name()));
        }
        return rows.entrySet().stream().map(e -> {
            List<Object> key = e.getKey();
            String resource = switch ((Acl.Resource) key.get(1)) {
                case TOPIC -> "--topic";
                case GROUP -> "--group";
                case TRANSACTIONAL_ID -> "--transactional-id";
            };
            return "kafka-acls.sh --bootstrap-server " + bootstrap + " --command-config " + commandConfig
                    + " --add --allow-principal " + key.get(0)
                    + e.getValue().stream().map(op -> " --operation " + op).collect(Collectors.joining())
                    + " " + resource + " '" + key.get(3) + "' --resource-pattern-type "
                    + key.get(2).toString().toLowerCase(Locale.ROOT);
        }).collect(Collectors.joining("\n", "", "\n"));
    }

    /** {@code DESCRIBE} as kafka-acls spells it: {@code Describe} (and {@code DESCRIBE_CONFIGS}: {@code DescribeConfigs}). */
    private static String capitalized(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
