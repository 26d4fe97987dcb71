package io.graphium.placement.kafka;

import io.graphium.events.ContainerPlacement;
import io.graphium.events.HostRejection;
import io.graphium.events.HostScore;
import io.graphium.events.PlacementDecided;
import io.graphium.events.PlacementDiagnosis;
import io.graphium.events.PlacementFailed;
import io.graphium.events.PlacementRequested;
import io.graphium.events.PortMapping;
import io.graphium.events.Protocol;
import io.graphium.placement.core.model.Diagnosis;
import io.graphium.placement.core.model.Placement;
import io.graphium.placement.core.model.PlacementOutcome;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The core's {@link PlacementOutcome} to a {@link PlacementDecided} or {@link PlacementFailed} (Avro). */
final class ResultMapping {

    private ResultMapping() {
    }

    /** The answer to {@code request}: caused by its command id, with a new event id. */
    static SpecificRecord answer(PlacementRequested request, PlacementOutcome outcome, String eventId,
                                 Instant occurredAt) {
        List<PlacementDiagnosis> diagnosis = outcome.diagnoses().stream().map(ResultMapping::diagnosis).toList();
        if (outcome instanceof PlacementOutcome.Decided decided) {
            return PlacementDecided.newBuilder().setEventId(eventId).setCausationId(request.getCommandId())
                    .setOccurredAt(occurredAt).setStackId(request.getStackId())
                    .setDeploymentId(request.getDeploymentId()).setStrategy(request.getStrategy())
                    .setPlacements(decided.placements().stream().map(ResultMapping::placement).toList())
                    .setDiagnosis(diagnosis).setDryRun(request.getDryRun()).build();
        }
        return PlacementFailed.newBuilder().setEventId(eventId).setCausationId(request.getCommandId())
                .setOccurredAt(occurredAt).setStackId(request.getStackId())
                .setDeploymentId(request.getDeploymentId()).setStrategy(request.getStrategy())
                .setMessage(((PlacementOutcome.Failed) outcome).message())
                .setDiagnosis(diagnosis).setDryRun(request.getDryRun()).build();
    }

    private static ContainerPlacement placement(Placement placement) {
        return ContainerPlacement.newBuilder().setContainerName(placement.containerName())
                .setHostId(placement.hostId()).setHostIp(placement.hostIp())
                .setPorts(placement.ports().stream().map(ResultMapping::port).toList()).build();
    }

    private static PortMapping port(io.graphium.placement.core.model.PortMapping port) {
        return PortMapping.newBuilder().setContainerPort(port.containerPort()).setHostPort(port.hostPort())
                .setProtocol(Protocol.valueOf(port.protocol().name())).build();
    }

    private static PlacementDiagnosis diagnosis(Diagnosis diagnosis) {
        return PlacementDiagnosis.newBuilder().setContainerName(diagnosis.containerName())
                .setHostsEvaluated(diagnosis.hostsEvaluated()).setChosenHostId(diagnosis.chosenHostId())
                .setRejections(diagnosis.rejections().stream().map(r -> HostRejection.newBuilder()
                        .setHostId(r.hostId()).setReason(r.reason()).setDetail(r.detail()).build()).toList())
                .setTopScores(diagnosis.topScores().stream().map(s -> HostScore.newBuilder()
                        .setHostId(s.hostId()).setTotal(s.total()).setTerms(s.terms()).build()).toList())
                .setSummary(diagnosis.summary()).build();
    }
}
