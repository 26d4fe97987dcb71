package io.graphium.cli.stack;

import io.graphium.cli.ApiCommand;
import io.graphium.cli.ExitCode;
import io.graphium.cli.api.Json;
import io.graphium.cli.api.PlanView;
import io.graphium.cli.api.Submission;
import io.graphium.cli.render.PlanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code graphium stack plan FILE}: the placement a deploy would get now, with reasons; reserves nothing. */
@Command(name = "plan", sortOptions = true,
        description = {"Dry run: where each container would be placed now, and why (scores, rejected hosts).",
                "Validates the definition on the server like a deploy; reserves and starts nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every container can be placed",
                "1:the placement is not feasible (the reasons are printed)",
                "2:usage error, unreadable file, invalid definition",
                "4:orchestrator unreachable, placement service not answering, or unexpected answer"})
public class StackPlanCommand extends ApiCommand {

    @Mixin
    private DefinitionOptions definition;

    @Override
    public Integer call() {
        Submission<PlanView> outcome = client().plan(definition.definition(), definition.stackId());
        if (outcome instanceof Submission.Rejected<PlanView> rejected) {
            return rejected(rejected);
        }
        Submission.Accepted<PlanView> plan = (Submission.Accepted<PlanView>) outcome;
        if (jsonOutput()) {
            out().println(Json.pretty(plan.json()));
        } else {
            PlanReport.lines(plan.value()).forEach(out()::println);
        }
        return plan.value().feasible() ? ExitCode.OK : ExitCode.STACK_FAILED;
    }
}
