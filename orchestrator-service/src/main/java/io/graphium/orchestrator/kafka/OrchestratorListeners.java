package io.graphium.orchestrator.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackRemoveRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.graphium.orchestrator.security.CommandAttribution;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;

/** The orchestrator's inputs: stack commands, placement results and container status, handed to the processor. */
public class OrchestratorListeners {

    private static final Logger log = LoggerFactory.getLogger(OrchestratorListeners.class);
    private final DeploymentProcessor processor;
    private final CommandAttribution attribution;

    public OrchestratorListeners(DeploymentProcessor processor, CommandAttribution attribution) {
        this.processor = processor;
        this.attribution = attribution;
    }

    @KafkaListener(id = "orchestrator-stack-commands", topics = "#{T(io.graphium.kafka.Topics).STACK_COMMANDS.name()}")
    void onStackCommand(SpecificRecord command,
                        @Header(name = CommandAttribution.HEADER, required = false) byte[] mark) {
        boolean verified = attribution.verify(command, mark);
        if (command instanceof StackDeployRequested deploy) {
            processor.deployRequested(deploy, verified);
        } else if (command instanceof StackStopRequested stop) {
            processor.stopRequested(stop, verified);
        } else if (command instanceof StackStartRequested start) {
            processor.startRequested(start, verified);
        } else if (command instanceof StackRemoveRequested remove) {
            processor.removeRequested(remove, verified);
        } else {
            log.warn("{} is not a stack command; ignored", command.getClass().getSimpleName());
        }
    }

    @KafkaListener(id = "orchestrator-placement-results",
            topics = "#{T(io.graphium.kafka.Topics).PLACEMENT_RESULTS.name()}")
    void onPlacementResult(SpecificRecord result) {
        if (result instanceof PlacementDecided decided && !decided.getDryRun()) {
            processor.placementDecided(decided);
        } else if (result instanceof PlacementFailed failed && !failed.getDryRun()) {
            processor.placementFailed(failed);
        }
    }

    @KafkaListener(id = "orchestrator-container-status",
            topics = "#{T(io.graphium.kafka.Topics).CONTAINER_STATUS.name()}")
    void onContainerStatus(ContainerStatusChanged status) {
        processor.containerStatusChanged(status);
    }
}
