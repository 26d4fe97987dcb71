package io.graphium.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.graphium.orchestrator.security.Role;
import io.graphium.orchestrator.security.StaticTokens;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The clients of the event stream tests, authenticated as a real client is: a token of the admin role (set up by
 * {@link #authentication}), an SSE reader, and a client that sends its request and never reads.
 */
public final class EventStreamClients {

    static final String TOKEN = StaticTokens.newToken();

    private EventStreamClients() {
    }

    /** Switches authentication on (the tests' default is off) with {@link #TOKEN} as an admin's token. */
    static void authentication(DynamicPropertyRegistry registry) {
        registry.add("graphium.security.enabled", () -> "true");
        registry.add("graphium.security.tokens", () -> StaticTokens.line("sse-test", Role.ADMIN, TOKEN));
    }

    static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN);
    }

    public record Event(String name, String id, String data) {
    }

    /** Events out of text/event-stream lines; comments (heartbeats) are skipped. */
    public static final class EventReader {

        private final BufferedReader lines;

        public EventReader(InputStream in) {
            this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        /** The next event, or null when the stream ended. Blocks: the caller bounds it (a test timeout). */
        public Event next() throws IOException {
            String name = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        return new Event(name, id, data.toString());
                    }
                    continue;
                }
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            return null;
        }

        List<Event> readToEnd() throws IOException {
            List<Event> events = new ArrayList<>();
            Event event;
            while ((event = next()) != null) {
                events.add(event);
            }
            return events;
        }
    }

    /** A Server-Sent Events client over the JDK's HTTP client. */
    record SseClient(HttpResponse<InputStream> response, EventReader events) implements AutoCloseable {

        static SseClient open(int port, String path, String lastEventId) throws Exception {
            HttpRequest.Builder request = request(port, path).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            return new SseClient(response, new EventReader(response.body()));
        }

        /** Events up to and with the first that matches; fails if the stream ends first. */
        List<Event> readUntil(Predicate<Event> last) throws IOException {
            List<Event> read = new ArrayList<>();
            Event event;
            do {
                event = events.next();
                if (event == null) {
                    throw new IllegalStateException("the stream ended after " + read);
                }
                read.add(event);
            } while (!last.test(event));
            return read;
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    /**
     * A client that sends its request and never reads, as a stuck browser tab or a stopped process would: its
     * receive buffer is made small before it connects, so the server's writes soon block.
     */
    static final class NonReadingClient implements AutoCloseable {

        private final Socket socket = new Socket();

        NonReadingClient(int port, String path) throws IOException {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            // Connection: close, so that the server closes the connection once it completes the response.
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        /**
         * Starts reading at last: everything until the server closes the connection, decoded (status line,
         * headers, chunked body). Fails if the server has not closed it by {@code deadline}.
         */
        Response readToEnd(Duration deadline) throws IOException {
            long end = System.nanoTime() + deadline.toNanos();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            socket.setSoTimeout(250);
            InputStream in = socket.getInputStream();
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("the server did not close the stream within " + deadline
                                + " (" + all.size() + " bytes read)");
                    }
                    continue;
                }
                if (read < 0) {
                    return Response.of(all.toByteArray());
                }
                all.write(buffer, 0, read);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close(); // with unread bytes this resets the connection: the server's blocked write fails
        }
    }

    /** An HTTP/1.1 response as read off the socket: its head and its de-chunked body. */
    record Response(String head, String body) {

        static Response of(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            assertThat(headEnd).as("a complete response head").isPositive();
            String head = text.substring(0, headEnd);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int at = headEnd + 4;
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                while (at < raw.length) {
                    int lineEnd = text.indexOf("\r\n", at);
                    int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    body.write(raw, lineEnd + 2, size);
                    at = lineEnd + 2 + size + 2;
                }
            } else {
                body.write(raw, at, raw.length - at);
            }
            return new Response(head, body.toString(StandardCharsets.UTF_8));
        }

        List<Event> events() throws IOException {
            return new EventReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .readToEnd();
        }
    }
}
