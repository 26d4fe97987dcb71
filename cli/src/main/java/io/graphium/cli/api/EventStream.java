package io.graphium.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent event stream that survives dropped connections: a reader thread queues the events, and when the
 * connection ends it reconnects with {@code Last-Event-ID} (the id of the last event received), so the server resumes
 * right after it. It gives up, with an {@link ApiException} from {@link #next}, after {@link #MAX_FAILURES}
 * reconnects in a row that brought no event. The consumer reads with a deadline ({@link #next(Duration)}), so a quiet
 * stream never blocks it past its own timeout.
 */
public final class EventStream implements AutoCloseable {

    static final int MAX_FAILURES = 5;
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** What the reader thread hands over: an event, or the reason it gave up. */
    private sealed interface Item {
    }

    private record Event(ServerSentEvent event) implements Item {
    }

    private record GaveUp(ApiException reason) implements Item {
    }

    private final String token;
    private final HttpClient http;
    private final URI uri;
    private final Duration firstRetry;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final SseParser parser = new SseParser();
    private final Thread reader;
    private volatile String lastEventId;
    private volatile InputStream body;
    private volatile boolean closed;

    private EventStream(HttpClient http, String token, URI uri, String lastEventId, Duration firstRetry) {
        this.http = http;
        this.token = token;
        this.uri = uri;
        this.lastEventId = lastEventId;
        this.firstRetry = firstRetry;
        this.reader = new Thread(this::readUntilClosed, "graphium-event-stream");
        this.reader.setDaemon(true);
    }

    /**
     * Connects (on the caller's thread, so a wrong URL or an unknown stack shows at once) and starts reading.
     *
     * @return empty when the server answers 404
     */
    static Optional<EventStream> open(HttpClient http, String token, URI uri, String lastEventId,
                                      Duration retry) {
        EventStream stream = new EventStream(http, token, uri, lastEventId, retry);
        HttpResponse<InputStream> first = stream.connect();
        if (first.statusCode() == 404) {
            closeQuietly(first.body());
            return Optional.empty();
        }
        if (first.statusCode() != 200) {
            throw stream.unexpected(first);
        }
        stream.body = first.body();
        stream.reader.start();
        return Optional.of(stream);
    }

    /** The next event, waiting at most {@code wait}; empty if none came in that time. */
    public Optional<ServerSentEvent> next(Duration wait) throws InterruptedException {
        Item item = queue.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        if (item instanceof GaveUp gaveUp) {
            queue.add(gaveUp); // every later call says the same
            throw gaveUp.reason();
        }
        return item == null ? Optional.empty() : Optional.of(((Event) item).event());
    }

    /** The id of the last event received: where a later stream can resume. */
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        closeQuietly(body);
    }

    private void readUntilClosed() {
        int failures = 0;
        Duration retry = firstRetry;
        String lastProblem = "the server ended the stream";
        while (!closed) {
            boolean received = false;
            try {
                if (body == null) {
                    HttpResponse<InputStream> response = connect();
                    if (response.statusCode() != 200) {
                        closeQuietly(response.body());
                        throw unexpected(response);
                    }
                    body = response.body();
                }
                received = read(body);
                lastProblem = "the server ended the stream";
            } catch (IOException | ApiException e) {
                lastProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                closeQuietly(body);
                body = null;
            }
            if (closed) {
                return;
            }
            failures = received ? 0 : failures + 1;
            if (failures >= MAX_FAILURES) {
                queue.add(new GaveUp(new ApiException("lost the event stream GET " + uri + " (" + failures
                        + " reconnects in a row brought nothing; last: " + lastProblem + ")")));
                return;
            }
            retry = parser.retryMillis().map(Duration::ofMillis).orElse(retry);
            try {
                Thread.sleep(Math.min(retry.toMillis() * failures, MAX_RETRY.toMillis()));
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    /** Reads events until the stream ends; whether any event came. */
    private boolean read(InputStream in) throws IOException {
        boolean received = false;
        parser.reset();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while (!closed && (line = lines.readLine()) != null) {
            Optional<ServerSentEvent> event = parser.line(line);
            if (event.isPresent()) {
                if (event.get().id() != null) {
                    lastEventId = event.get().id();
                }
                queue.add(new Event(event.get()));
                received = true;
            }
        }
        return received;
    }

    private HttpResponse<InputStream> connect() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return OrchestratorClient.send(http, token, request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private ApiException unexpected(HttpResponse<InputStream> response) {
        String said;
        try (InputStream in = response.body()) {
            said = OrchestratorClient.excerpt(new String(in.readNBytes(4096), StandardCharsets.UTF_8));
        } catch (IOException e) {
            said = "";
        }
        return new ApiException("GET " + uri + " answered HTTP " + response.statusCode()
                + (said.isEmpty() ? "" : ": " + said));
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // closing a dropped connection: nothing to do
        }
    }
}
