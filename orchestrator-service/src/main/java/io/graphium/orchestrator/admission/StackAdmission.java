package io.graphium.orchestrator.admission;

import io.graphium.admission.Admission;
import io.graphium.admission.AdmissionPolicy;
import io.graphium.admission.ContainerSpec;
import io.graphium.admission.ContainerSpec.MountSpec;
import io.graphium.admission.HostPathResolver;
import io.graphium.admission.Violation;
import io.graphium.orchestrator.core.ContainerDefinition;
import io.graphium.orchestrator.core.ParseResult;
import io.graphium.orchestrator.core.Problem;
import io.graphium.orchestrator.core.StackDefinition;
import io.graphium.orchestrator.core.StackDefinitionParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admission policy applied to stack definitions, the one place both entry points use: the REST API (deploy and
 * plan) before anything is published, and the stack command listener for {@code StackDeployRequested} from any
 * producer (a refused command fails the stack with the reasons in its status and history). Violations become
 * {@link Problem}s at the JSON path of the field, so they read like every other definition problem.
 *
 * <p>The orchestrator cannot see the hosts, so host paths are checked in their normal form; each agent checks again
 * with symbolic links resolved on its own host.
 */
public class StackAdmission {

    private final Admission admission;

    public StackAdmission(AdmissionPolicy policy) {
        this.admission = new Admission(policy, HostPathResolver.LEXICAL);
    }

    public AdmissionPolicy policy() {
        return admission.policy();
    }

    /** Parse, validate and admit a definition: every problem at once (validation problems first). */
    public ParseResult parseValidateAndAdmit(String json) {
        ParseResult parsed = StackDefinitionParser.parseAndValidate(json);
        if (parsed.definition() == null) {
            return parsed;
        }
        List<Problem> problems = new ArrayList<>(parsed.problems());
        check(parsed.definition()).stream()
                .filter(p -> parsed.problems().stream().noneMatch(known -> known.path().equals(p.path())))
                .forEach(problems::add);
        return new ParseResult(parsed.definition(), problems);
    }

    /** What the policy refuses in {@code definition}, as problems at the paths of the fields. */
    public List<Problem> check(StackDefinition definition) {
        List<Problem> problems = new ArrayList<>();
        admission.checkStackSize(definition.containers().size()).forEach(v -> problems.add(
                new Problem("$.itemListElement", v.reason())));
        for (int i = 0; i < definition.containers().size(); i++) {
            ContainerDefinition container = definition.containers().get(i);
            String path = "$.itemListElement[" + i + "]";
            for (Violation v : admission.checkContainer(spec(container))) {
                String label = container.name() == null || container.name().isBlank()
                        ? "container at itemListElement[" + i + "]" : "container '" + container.name() + "'";
                problems.add(new Problem(path + "." + v.field(), label + ": " + v.reason()));
            }
        }
        return List.copyOf(problems);
    }

    private static ContainerSpec spec(ContainerDefinition container) {
        Map<String, String> environment = new LinkedHashMap<>();
        container.environment().forEach((name, value) -> environment.put(name, value == null ? "" : value.value()));
        List<MountSpec> mounts = container.volumeMounts().stream().map(m -> new MountSpec(
                m.type() == null ? MountSpec.Type.VOLUME : MountSpec.Type.valueOf(m.type().name()), m.source(),
                m.target(), m.readOnly())).toList();
        return new ContainerSpec(container.name(), container.image(), mounts, environment, Map.of());
    }
}
