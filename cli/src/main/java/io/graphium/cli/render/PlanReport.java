package io.graphium.cli.render;

import io.graphium.cli.api.PlanView;
import io.graphium.cli.api.PlanView.Diagnosis;
import io.graphium.cli.api.PlanView.Rejection;
import io.graphium.cli.api.PlanView.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code stack plan}: where each container would go and why, as lines. A feasible plan shows the placements and,
 * per container, the best scores with each scorer's contribution; an infeasible one the placement service's message
 * and, per container, why each host was rejected.
 */
public final class PlanReport {

    private PlanReport() {
    }

    public static List<String> lines(PlanView plan) {
        List<String> lines = new ArrayList<>();
        lines.add("Plan for stack " + plan.stackId() + " (strategy " + plan.strategy()
                + (plan.location() == null ? "" : ", location " + plan.location()) + "): "
                + (plan.feasible() ? "feasible" : "NOT feasible"));
        if (plan.message() != null) {
            lines.add(plan.message());
        }
        if (!plan.placements().isEmpty()) {
            lines.add("");
            Table table = Table.withHeader("CONTAINER", "HOST", "IP", "PORTS");
            plan.placements().forEach(p -> table.row(p.container(), p.hostId(), p.hostIp(),
                    ContainerRow.portsText(p.ports())));
            lines.addAll(table.lines());
        }
        for (Diagnosis diagnosis : plan.diagnosis()) {
            lines.add("");
            lines.add(diagnosis.container() + ": " + (diagnosis.summary() != null ? diagnosis.summary()
                    : diagnosis.hostsEvaluated() + " host(s) evaluated"));
            if (!diagnosis.topScores().isEmpty()) {
                Table scores = Table.withoutHeader(3);
                diagnosis.topScores().forEach(s -> scores.row((s.hostId().equals(diagnosis.chosenHostId()) ? "* "
                        : "  ") + s.hostId(), score(s.total()), terms(s)));
                scores.lines().forEach(line -> lines.add("  " + line));
            }
            if (!diagnosis.rejections().isEmpty()) {
                Table rejections = Table.withoutHeader(2);
                diagnosis.rejections().forEach(r -> rejections.row("  " + r.hostId(), reason(r)));
                rejections.lines().forEach(line -> lines.add("  " + line));
            }
        }
        return lines;
    }

    private static String reason(Rejection rejection) {
        return rejection.reason() + (rejection.detail() == null || rejection.detail().isBlank() ? ""
                : " (" + rejection.detail() + ")");
    }

    /** {@code freeCpu=0.50 freeMemory=0.25}: each scorer's contribution, by name. */
    private static String terms(Score score) {
        return score.terms() == null ? "" : score.terms().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + score(e.getValue())).collect(Collectors.joining(" "));
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
