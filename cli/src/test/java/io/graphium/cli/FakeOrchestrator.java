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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the orchestrator's REST API on a loopback ephemeral port, serving canned JSON (files under
 * {@code src/test/resources/api}). The CLI's only collaborator is this HTTP contract, so faking it here is right;
 * the real orchestrator is exercised by the system tests.
 */
public final class FakeOrchestrator implements AutoCloseable {

    public record Request(String method, String path, String query, String contentType, String body) {
    }

    public record Response(int status, String body) {
    }

    private final HttpServer server;
    /** Answers per "METHOD path"; each request takes the next one, the last one repeats. */
    private final Map<String, Deque<Response>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeOrchestrator() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
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
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
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

    @Override
    public void close() {
        server.stop(0);
    }
}
