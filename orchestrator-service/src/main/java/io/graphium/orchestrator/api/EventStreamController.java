package io.graphium.orchestrator.api;

import io.graphium.orchestrator.application.StackService;
import io.graphium.orchestrator.history.HistoryLog;
import io.graphium.orchestrator.history.HistoryQuery;
import io.graphium.orchestrator.history.HistoryView;
import io.graphium.orchestrator.history.ResumeToken;
import io.graphium.orchestrator.hosts.HostInventory;
import io.graphium.orchestrator.hosts.HostView;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
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
 * Live changes as Server-Sent Events (format and limits in {@code docs/events.md}):
 * {@code GET /api/v1/stacks/{id}/events} (that stack's history, then its changes) and {@code GET /api/v1/events}
 * (every stack and host now, then every change). Both resume after a {@code Last-Event-ID} without gap or duplicate.
 * Also {@code GET .../history}. A client that does not read is dropped rather than waited for ({@link EventStream});
 * streams are capped ({@code graphium.sse.max-streams}, then 503) and end when idle ({@code graphium.sse.idle-timeout}).
 */
@RestController
@RequestMapping("/api/v1")
public class EventStreamController implements DisposableBean {

    /** When a client refused for the stream cap may try again: long enough for streams to end meanwhile. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final HistoryQuery history;
    private final StackService.ReadModel store;
    private final HostInventory hosts;
    private final EventStreams streams;

    public EventStreamController(HistoryQuery history, StackService.ReadModel store, HostInventory hosts, Clock clock,
                                 @Value("${graphium.sse.max-streams:256}") int maxStreams,
                                 @Value("${graphium.sse.idle-timeout:30m}") Duration idleTimeout,
                                 @Value("${graphium.sse.buffer-events:1024}") int bufferEvents) {
        this.history = history;
        this.store = store;
        this.hosts = hosts;
        this.streams = new EventStreams(new EventStreamLimits(maxStreams, idleTimeout, bufferEvents), clock);
        // These run on Kafka Streams' global thread and the host listener's: convert once, queue, return.
        store.onChange(stack -> {
            if (streams.count() > 0) {
                streams.stack(StackView.of(stack));
            }
        });
        hosts.onChange(streams::host);
    }

    /** One stack's history entries, oldest first. */
    @GetMapping("/stacks/{stackId}/history")
    public List<HistoryView> history(@PathVariable String stackId) {
        return history.of(stackId);
    }

    @GetMapping(path = "/stacks/{stackId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<?> stackEvents(@PathVariable String stackId,
                                         @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                         HttpServletRequest request) {
        return open(stackId, lastEventId, request);
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<?> allEvents(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                       HttpServletRequest request) {
        return open(null, lastEventId, request);
    }

    /** How many event streams are open now. */
    public int openStreams() {
        return streams.count();
    }

    private ResponseEntity<?> open(String stackId, String lastEventId, HttpServletRequest request) {
        ResumeToken token = ResumeToken.parse(lastEventId);
        if (lastEventId != null && !lastEventId.isBlank() && token == null) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Last-Event-ID '" + lastEventId
                            + "' is not an id this stream sent (expected partition:offset pairs, e.g. 0:41,3:7)"));
        }
        // No timeout of its own: heartbeats keep proxies from closing it, and the idle timeout ends it.
        SseEmitter emitter = new SseEmitter(0L);
        EventStream stream = streams.open(stackId, describe(request), new EmitterSink(emitter),
                ended -> history.unsubscribe(ended.historyEntries()));
        if (stream == null) {
            return tooManyStreams();
        }
        emitter.onCompletion(stream::connectionEnded);
        emitter.onError(e -> stream.connectionEnded());
        emitter.onTimeout(stream::connectionEnded);
        try {
            // Per stack without a token: its whole history. Everything without a token: from now on, after snapshots.
            ResumeToken from = token != null ? token : stackId != null ? ResumeToken.start() : null;
            HistoryLog.Subscription subscription = history.subscribe(from, stackId, stream.historyEntries());
            if (stream.isEnded()) { // ended while subscribing: its unsubscribe may have come first
                history.unsubscribe(stream.historyEntries());
            }
            List<StackView> stacks = List.of();
            List<HostView> hostViews = List.of();
            if (stackId == null && token == null) {
                stacks = store.all().stream().map(StackView::of).sorted(Comparator.comparing(StackView::stackId))
                        .toList();
                hostViews = hosts.all();
            }
            stream.start(subscription, stacks, hostViews);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }

    private ResponseEntity<ProblemDetail> tooManyStreams() {
        int max = streams.limits().maxStreams();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "this orchestrator"
                + " already serves " + max + " event streams, its limit (graphium.sse.max-streams); try again in "
                + RETRY_AFTER.toSeconds() + " s");
        problem.setTitle("too many event streams");
        problem.setProperty("limit", "graphium.sse.max-streams");
        problem.setProperty("maxStreams", max);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Which stream this is, for logs: path, client address, and the caller when authenticated. */
    private static String describe(HttpServletRequest request) {
        Principal caller = request.getUserPrincipal();
        return request.getRequestURI() + " from " + request.getRemoteAddr() + ":" + request.getRemotePort()
                + (caller == null ? "" : " (" + caller.getName() + ")");
    }

    @Override
    public void destroy() {
        streams.close();
    }

    /** Writes through Spring's emitter, which blocks while the client does not read. */
    private record EmitterSink(SseEmitter emitter) implements EventStream.Sink {

        @Override
        public void event(String name, String id, Object data) throws IOException {
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(name);
            if (id != null) {
                event.id(id);
            }
            emitter.send(event.data(data, MediaType.APPLICATION_JSON));
        }

        @Override
        public void keepAlive() throws IOException {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        }

        @Override
        public void complete() {
            emitter.complete();
        }
    }
}
