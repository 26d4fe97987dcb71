package io.graphium.orchestrator.kafka;

import io.graphium.events.ContainerStatusChanged;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementFailed;
import io.graphium.events.StackDeployRequested;
import io.graphium.events.StackRemoveRequested;
import io.graphium.events.StackStartRequested;
import io.graphium.events.StackStopRequested;
import io.graphium.kafka.ReportSource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    /**
     * Container status from every host's reports topic (found by pattern; a new host's topic is picked up within
     * about a second, {@code metadata.max.age.ms=1000}). A status claiming another host than its topic's is poison
     * ({@link ReportSource}); host records on these topics are the host inventory's.
     */
    @KafkaListener(id = "orchestrator-container-status",
            topicPattern = "#{T(io.graphium.kafka.Topics).HOST_REPORTS_PATTERN.pattern()}",
            properties = "metadata.max.age.ms=" + REPORT_TOPIC_DISCOVERY_MILLIS)
    void onHostReport(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof ContainerStatusChanged status) {
            ReportSource.verify(record.topic(), record.key(), status);
            processor.containerStatusChanged(status);
        }
    }

    /** How soon a new host's reports topic is noticed by the pattern subscriptions. */
    public static final String REPORT_TOPIC_DISCOVERY_MILLIS = "1000";
}
