package io.graphium.orchestrator.api;

import io.graphium.orchestrator.history.HistoryLog;
import io.graphium.orchestrator.history.HistoryQuery;
import io.graphium.orchestrator.history.ResumeToken;
import io.graphium.orchestrator.hosts.HostInventory;
import io.graphium.orchestrator.kafka.StackStatusView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live changes as Server-Sent Events (format in {@code docs/events.md}): {@code GET /api/v1/stacks/{id}/events}
 * (that stack's history, then its changes) and {@code GET /api/v1/events} (every stack and host now, then every
 * change). Both resume after a {@code Last-Event-ID} without gap or duplicate. Also {@code GET .../history}.
 */
@RestController
@RequestMapping("/api/v1")
public class EventStreamController implements DisposableBean {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final HistoryQuery history;
    private final StackStatusView store;
    private final HostInventory hosts;
    private final List<EventStream> streams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sse-heartbeats");
        thread.setDaemon(true);
        return thread;
    });

    public EventStreamController(HistoryQuery history, StackStatusView store, HostInventory hosts) {
        this.history = history;
        this.store = store;
        this.hosts = hosts;
        store.onChange(stack -> streams.forEach(s -> s.stack(StackView.of(stack))));
        hosts.onChange(host -> streams.forEach(s -> s.host(host)));
        heartbeats.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One stack's history entries, oldest first. */
    @GetMapping("/stacks/{stackId}/history")
    public List<io.graphium.orchestrator.history.HistoryView> history(@PathVariable String stackId) {
        return history.of(stackId);
    }

    @GetMapping(path = "/stacks/{stackId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<?> stackEvents(@PathVariable String stackId,
                                         @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return open(stackId, lastEventId);
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<?> allEvents(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return open(null, lastEventId);
    }

    private ResponseEntity<?> open(String stackId, String lastEventId) {
        ResumeToken token = ResumeToken.parse(lastEventId);
        if (lastEventId != null && !lastEventId.isBlank() && token == null) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Last-Event-ID '" + lastEventId
                            + "' is not an id this stream sent (expected partition:offset pairs, e.g. 0:41,3:7)"));
        }
        SseEmitter emitter = new SseEmitter(0L); // no timeout: heartbeats keep proxies from closing it
        EventStream stream = new EventStream(emitter, stackId);
        Consumer<HistoryLog.Entry> subscriber = stream::history;
        Runnable closed = () -> {
            streams.remove(stream);
            history.unsubscribe(subscriber);
        };
        emitter.onCompletion(closed);
        emitter.onError(e -> closed.run());
        streams.add(stream);
        // Per stack without a token: its whole history. Everything without a token: from now on, after snapshots.
        ResumeToken from = token != null ? token : stackId != null ? ResumeToken.start() : null;
        HistoryLog.Subscription subscription = history.subscribe(from, stackId, subscriber);
        List<Object> initial = new ArrayList<>();
        if (stackId == null && token == null) {
            store.all().stream().map(StackView::of)
                    .sorted(Comparator.comparing(StackView::stackId)).forEach(initial::add);
            initial.addAll(hosts.all());
        }
        stream.start(subscription, initial);
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    private void heartbeat() {
        streams.forEach(EventStream::heartbeat);
        streams.removeIf(EventStream::isClosed);
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        streams.forEach(EventStream::close);
    }
}
