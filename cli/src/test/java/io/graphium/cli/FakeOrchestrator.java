package io.graphium.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the orchestrator's REST API on a loopback ephemeral port, serving canned JSON (files under
 * {@code src/test/resources/api}) and scripted server-sent event streams (connections that drop or stay open). The CLI's only collaborator is this HTTP contract, so faking it here is right;
 * the real orchestrator is exercised by the system tests.
 */
public final class FakeOrchestrator implements AutoCloseable {

    public record Request(String method, String path, String query, String contentType, String lastEventId,
                          String body, String authorization) {
    }

    public record Response(int status, String body) {
    }

    /**
     * One connection of a server-sent event stream: its events (text/event-stream), after which the server either
     * drops the connection or, when {@code hold}, keeps it open without a word until the fake is closed.
     */
    public record Stream(String events, boolean hold) {

        /** Sends the events, then drops the connection (the client should reconnect). */
        public static Stream drop(String... events) {
            return new Stream(String.join("", events), false);
        }

        /** Sends the events, then stays silent. */
        public static Stream hold(String... events) {
            return new Stream(String.join("", events), true);
        }
    }

    /** One event in the text/event-stream format; each line of {@code data} becomes a data line. */
    public static String event(String type, String id, String data) {
        StringBuilder text = new StringBuilder("event: ").append(type).append('\n');
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        data.lines().forEach(line -> text.append("data: ").append(line).append('\n'));
        return text.append('\n').toString();
    }

    private final HttpServer server;
    /** Answers per "METHOD path"; each request takes the next one, the last one repeats. */
    private final Map<String, Deque<Response>> answers = new ConcurrentHashMap<>();
    /** Event streams per "GET path"; each connection takes the next one, the last one repeats. */
    private final Map<String, Deque<Stream>> streams = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** Held event streams wait on their own threads, so other requests are still answered. */
    private final ExecutorService executor = Executors.newCachedThreadPool();

    public FakeOrchestrator() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers to {@code METHOD path}, e.g. {@code answer("GET /api/v1/stacks/shop", ...)}. */
    public FakeOrchestrator answer(String route, Response... responses) {
        answers.computeIfAbsent(route, r -> new ConcurrentLinkedDeque<>()).addAll(List.of(responses));
        return this;
    }

    /** Queues event-stream connections to {@code GET path}, e.g. {@code events("/api/v1/stacks/shop/events", ...)}. */
    public FakeOrchestrator events(String path, Stream... connections) {
        streams.computeIfAbsent("GET " + path, r -> new ConcurrentLinkedDeque<>()).addAll(List.of(connections));
        return this;
    }

    public static Response json(int status, String resource) {
        return new Response(status, resource(resource));
    }

    public static String resource(String name) {
        try (InputStream in = FakeOrchestrator.class.getResourceAsStream("/api/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource api/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, path, exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Last-Event-ID"), body,
                exchange.getRequestHeaders().getFirst("Authorization")));
        Deque<Stream> connections = streams.get(method + " " + path);
        if (connections != null && !connections.isEmpty()) {
            stream(exchange, connections.size() > 1 ? connections.poll() : connections.peek());
            return;
        }
        Deque<Response> queue = answers.get(method + " " + path);
        Response response = queue == null || queue.isEmpty() ? new Response(500, "no canned answer for " + method
                + " " + path) : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        boolean problem = response.status() >= 400;
        exchange.getResponseHeaders().set("Content-Type", problem ? "application/problem+json" : "application/json");
        if (response.status() == 202) {
            exchange.getResponseHeaders().set("Location", "/api/v1/stacks/shop");
        }
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void stream(HttpExchange exchange, Stream stream) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(stream.events().getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        if (stream.hold()) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
