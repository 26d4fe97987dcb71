package io.graphium.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.graphium.agent.core.ContainerRef;
import io.graphium.agent.core.DockerStates;
import io.graphium.agent.core.ObservedEvent;
import io.graphium.agent.core.OwnershipLabels;
import io.graphium.kafka.Backoff;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the Docker daemon's event stream for the agent's containers (filtered by the managed label), so that a
 * container that dies, restarts or changes health is reported at once, without polling. When the stream breaks
 * (the daemon stopped or restarted), it reconnects with growing pauses; every (re)connection is announced to
 * {@code onConnected}, which is how the agent reconciles at start and after a daemon restart.
 */
public final class DockerEventStream implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(DockerEventStream.class);
    private static final Backoff RECONNECT = Backoff.doubling(Duration.ofMillis(200), Duration.ofSeconds(5));

    private final DockerClient client;
    private final Consumer<ObservedEvent> onEvent;
    private final Runnable onConnected;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Closeable current;

    public DockerEventStream(DockerClient client, Consumer<ObservedEvent> onEvent, Runnable onConnected) {
        this.client = client;
        this.onEvent = onEvent;
        this.onConnected = onConnected;
        this.thread = new Thread(this::follow, "docker-events");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        closeQuietly(current);
    }

    private void follow() {
        Backoff.Pauses pauses = RECONNECT.start();
        boolean wasDown = false;
        while (!closed) {
            Subscription subscription = new Subscription();
            try {
                client.pingCmd().exec();
                current = client.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                        .withLabelFilter(OwnershipLabels.managedFilter()).exec(subscription);
                subscription.awaitConnected();
                if (wasDown) {
                    log.info("Docker daemon answers again: following its events and reconciling");
                }
                pauses.reset();
                wasDown = false;
                onConnected.run();
                subscription.ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!wasDown) {
                    log.warn("Docker event stream unavailable ({}); retrying", DockerFailures.rootMessage(e));
                }
            } finally {
                closeQuietly(current);
            }
            if (closed) {
                return;
            }
            wasDown = true;
            if (!pauses.sleep()) {
                return; // interrupted
            }
        }
    }

    /** The event a Docker event stands for, when it is one the agent reports. */
    static Optional<ObservedEvent> observed(Event event) {
        if (event.getActor() == null || event.getAction() == null) {
            return Optional.empty();
        }
        Optional<ContainerRef> ref = OwnershipLabels.refOf(event.getActor().getAttributes());
        String action = event.getAction();
        String id = event.getActor().getId();
        if (ref.isEmpty() || id == null) {
            return Optional.empty();
        }
        if (action.startsWith("health_status")) {
            return Optional.of(new ObservedEvent(ObservedEvent.Kind.HEALTH, ref.get(), id,
                    DockerStates.health(action.substring(action.indexOf(':') + 1).strip())));
        }
        return Optional.ofNullable(switch (action) {
            case "start" -> ObservedEvent.Kind.STARTED;
            case "die" -> ObservedEvent.Kind.DIED;
            case "destroy" -> ObservedEvent.Kind.DESTROYED;
            default -> null;
        }).map(kind -> new ObservedEvent(kind, ref.get(), id, null));
    }

    private final class Subscription extends ResultCallback.Adapter<Event> {
        private final CountDownLatch ended = new CountDownLatch(1);
        private final CountDownLatch started = new CountDownLatch(1);

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            started.countDown();
        }

        @Override
        public void onNext(Event event) {
            observed(event).ifPresent(observed -> {
                try {
                    onEvent.accept(observed);
                } catch (RuntimeException e) {
                    log.warn("Could not report Docker event {} of container {}: {}", event.getAction(),
                            observed.dockerId(), e.getMessage());
                }
            });
        }

        @Override
        public void onError(Throwable throwable) {
            started.countDown();
            ended.countDown();
        }

        @Override
        public void onComplete() {
            started.countDown();
            ended.countDown();
        }

        void awaitConnected() throws InterruptedException {
            started.await(10, TimeUnit.SECONDS);
            if (ended.getCount() == 0) {
                throw new IllegalStateException("the event stream ended as soon as it started");
            }
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is over either way
        }
    }
}
