package io.graphium.orchestrator.api;

import io.graphium.orchestrator.history.HistoryLog;
import io.graphium.orchestrator.history.ResumeToken;
import io.graphium.orchestrator.hosts.HostView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's Server-Sent Events connection: {@code history} events carry the resume token as their id;
 * {@code stack} and {@code host} events carry the same JSON as the REST API. Events that arrive while the backlog is
 * being sent wait, so the client sees the history in order, without gap or duplicate.
 */
final class EventStream {

    private final SseEmitter emitter;
    private final String stackId;
    private final List<Object> waiting = new ArrayList<>();
    private ResumeToken position;
    private boolean live;
    private boolean closed;

    /** {@code stackId} null: every stack's events and the hosts' ({@code /api/v1/events}). */
    EventStream(SseEmitter emitter, String stackId) {
        this.emitter = emitter;
        this.stackId = stackId;
    }

    String stackId() {
        return stackId;
    }

    synchronized void history(HistoryLog.Entry entry) {
        if (stackId == null || entry.view().stackId().equals(stackId)) {
            deliver(entry);
        }
    }

    synchronized void stack(StackView stack) {
        if (stackId == null || stack.stackId().equals(stackId)) {
            deliver(stack);
        }
    }

    synchronized void host(HostView host) {
        if (stackId == null) {
            deliver(host);
        }
    }

    /** Sends what comes first (backlog, initial snapshots), then whatever arrived meanwhile, and goes live. */
    synchronized void start(HistoryLog.Subscription subscription, List<?> initial) {
        position = subscription.position();
        initial.forEach(this::send);
        subscription.backlog().forEach(this::send);
        waiting.forEach(this::send);
        waiting.clear();
        live = true;
    }

    synchronized void heartbeat() {
        if (live && !closed) {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                close();
            }
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            emitter.complete();
        }
    }

    private void deliver(Object event) {
        if (live) {
            send(event);
        } else {
            waiting.add(event);
        }
    }

    private void send(Object event) {
        if (closed) {
            return;
        }
        try {
            if (event instanceof HistoryLog.Entry entry) {
                if (!position.isBefore(entry.partition(), entry.offset())) {
                    return; // already sent in the backlog
                }
                position = position.after(entry.partition(), entry.offset());
                emitter.send(SseEmitter.event().name("history").id(position.toString())
                        .data(entry.view(), MediaType.APPLICATION_JSON));
            } else if (event instanceof StackView stack) {
                emitter.send(SseEmitter.event().name("stack").data(stack, MediaType.APPLICATION_JSON));
            } else if (event instanceof HostView host) {
                emitter.send(SseEmitter.event().name("host").data(host, MediaType.APPLICATION_JSON));
            }
        } catch (IOException | IllegalStateException e) { // the client went away
            close();
        }
    }
}
