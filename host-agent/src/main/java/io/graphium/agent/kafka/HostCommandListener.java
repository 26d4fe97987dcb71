package io.graphium.agent.kafka;

import io.graphium.admission.Admission;
import io.graphium.agent.AgentProperties;
import io.graphium.agent.core.ContainerLifecycle;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.SupersededCommands;
import io.graphium.events.DeployContainer;
import io.graphium.events.RemoveContainer;
import io.graphium.events.StartContainer;
import io.graphium.events.StopContainer;
import io.graphium.kafka.Topics;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes this host's command topic, and only it (group {@code host-agent-<hostId>}), one command at a time in
 * topic order, and hands each to the {@link ContainerLifecycle}. The offset is committed after the command's status
 * events are acknowledged; a command redelivered after a crash finds its work done and changes nothing.
 */
@Component
public class HostCommandListener {

    private static final Logger log = LoggerFactory.getLogger(HostCommandListener.class);

    private final ContainerLifecycle lifecycle;
    private final SecretOpener secrets;
    private final AgentProperties agent;
    private final SupersededCommands superseded;
    private final Admission admission;

    public HostCommandListener(ContainerLifecycle lifecycle, SecretOpener secrets, AgentProperties agent,
                               SupersededCommands superseded, Admission admission) {
        this.lifecycle = lifecycle;
        this.admission = admission;
        this.secrets = secrets;
        this.agent = agent;
        this.superseded = superseded;
    }

    public String topic() {
        return Topics.hostCommands(agent.hostId()).name();
    }

    public String group() {
        return agent.consumerGroup();
    }

    @KafkaListener(id = "host-agent-commands", topics = "#{__listener.topic()}", groupId = "#{__listener.group()}",
            concurrency = "1")
    public void onCommand(SpecificRecord command) {
        if (command instanceof DeployContainer deploy) {
            if (forThisHost(deploy.getHostId(), deploy.getCommandId())) {
                CommandTranslation.Deploy read = CommandTranslation.deploy(deploy, secrets, admission);
                log.info("Deploy {}: {} from {}", deploy.getCommandId(), read.ref().describe(),
                        deploy.getSpec().getImage());
                if (isSuperseded(deploy.getCommandId(), read.ref())) {
                    return;
                }
                if (read.request() == null) {
                    lifecycle.reject(deploy.getCommandId(), read.ref(), read.rejection());
                } else {
                    lifecycle.deploy(read.request());
                }
            }
        } else if (command instanceof StartContainer start) {
            if (forThisHost(start.getHostId(), start.getCommandId())) {
                ContainerRef ref = new ContainerRef(start.getStackId(), start.getDeploymentId(), start.getContainerName());
                log.info("Start {}: {}", start.getCommandId(), ref.describe());
                if (isSuperseded(start.getCommandId(), ref)) {
                    return;
                }
                lifecycle.start(start.getCommandId(), ref);
            }
        } else if (command instanceof StopContainer stop) {
            if (forThisHost(stop.getHostId(), stop.getCommandId())) {
                ContainerRef ref = new ContainerRef(stop.getStackId(), stop.getDeploymentId(), stop.getContainerName());
                log.info("Stop {}: {} (grace {} s)", stop.getCommandId(), ref.describe(), stop.getTimeoutSeconds());
                if (isSuperseded(stop.getCommandId(), ref)) {
                    return;
                }
                lifecycle.stop(stop.getCommandId(), ref, Duration.ofSeconds(stop.getTimeoutSeconds()));
            }
        } else if (command instanceof RemoveContainer remove) {
            if (forThisHost(remove.getHostId(), remove.getCommandId())) {
                ContainerRef ref = new ContainerRef(remove.getStackId(), remove.getDeploymentId(),
                        remove.getContainerName());
                log.info("Remove {}: {}", remove.getCommandId(), ref.describe());
                lifecycle.remove(remove.getCommandId(), ref, remove.getRemoveVolumes());
            }
        } else {
            throw new IllegalArgumentException("a host command topic carries no "
                    + (command == null ? "null" : command.getClass().getSimpleName()));
        }
    }

    /**
     * A stale command (a newer one for the same container was sent since) is reported and not applied. When the
     * desired state cannot be read, the command is applied as it is: the check protects against stale repeats, and
     * must not make the host refuse every command while the desired-state topic is unreadable.
     */
    private boolean isSuperseded(String commandId, ContainerRef ref) {
        Optional<String> newer;
        try {
            newer = superseded.newerThan(commandId, ref);
        } catch (RuntimeException e) {
            log.warn("Cannot read the desired state of {} ({}); applying command {} without the staleness check",
                    ref.describe(), e.getMessage(), commandId);
            return false;
        }
        newer.ifPresent(id -> {
            log.warn("Command {} for {} is superseded by {}; not applied", commandId, ref.describe(), id);
            lifecycle.refuseSuperseded(commandId, ref, id);
        });
        return newer.isPresent();
    }

    /** A command addressed to another host on our topic is a routing error: skip it loudly, never apply it. */
    private boolean forThisHost(String hostId, String commandId) {
        if (agent.hostId().equals(hostId)) {
            return true;
        }
        log.warn("Command {} is addressed to host {} but arrived on the topic of host {}; ignored", commandId, hostId,
                agent.hostId());
        return false;
    }
}
