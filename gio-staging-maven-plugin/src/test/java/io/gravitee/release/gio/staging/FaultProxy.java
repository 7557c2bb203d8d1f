package io.gravitee.release.gio.staging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A tiny HTTP proxy in front of a real server (Nexus 3, which cannot inject faults itself): forwards every request,
 * logs it with the status the server gave, and applies chosen faults before or after forwarding (then the server
 * did the work and the client never learns it): answer a status, close the connection, or stall.
 */
final class FaultProxy implements AutoCloseable {

    /** A request as forwarded: method, path (with query), the server's status (-1 when not forwarded), fault. */
    record Logged(String method, String path, int status, String fault) {}

    /** What a fault does. */
    enum Action { RESPOND, RESET, STALL }

    /** A fault: matching requests, when it fires, what it does. */
    static final class Rule {
        final String method;
        final Pattern path;
        final double chance;
        final int nth;
        final Action action;
        final int status;
        final boolean afterForwarding;
        final Duration stall;
        final String body;
        final AtomicInteger matches = new AtomicInteger();

        Rule(String method, String pathRegex, double chance, int nth, Action action, int status, boolean after,
                Duration stall, String body) {
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.chance = chance;
            this.nth = nth;
            this.action = action;
            this.status = status;
            this.afterForwarding = after;
            this.stall = stall;
            this.body = body;
        }
    }

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Logged> log = new CopyOnWriteArrayList<>();
    private final Random random = new Random(42);

    /** @param target e.g. {@code http://127.0.0.1:8081/} */
    FaultProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    void add(String method, String pathRegex, double chance, int nth, Action action, int status, boolean after,
            Duration stall, String body) {
        rules.add(new Rule(method, pathRegex, chance, nth, action, status, after, stall, body));
    }

    void clearRules() {
        rules.clear();
    }

    List<Logged> log() {
        return List.copyOf(log);
    }

    List<Logged> matching(String method, String pathRegex) {
        return log.stream().filter(l -> l.method().equals(method) && l.path().matches(pathRegex)).toList();
    }

    private synchronized Rule select(String method, String path) {
        for (Rule rule : rules) {
            if ((rule.method.equals("*") || rule.method.equals(method)) && rule.path.matcher(path).matches()) {
                int n = rule.matches.incrementAndGet();
                if (rule.nth > 0 ? n == rule.nth : random.nextDouble() < rule.chance) {
                    return rule;
                }
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Rule fault = select(method, exchange.getRequestURI().getRawPath());
        if (fault != null && !fault.afterForwarding && apply(fault, exchange, method, path, -1)) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : List.of("Authorization", "Content-Type", "Accept")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        if (fault != null && fault.afterForwarding && apply(fault, exchange, method, path, response.statusCode())) {
            return;
        }
        log.add(new Logged(method, path, response.statusCode(), null));
        List<String> type = response.headers().allValues("Content-Type");
        if (!type.isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", type.get(0));
        }
        send(exchange, method, response.statusCode(), response.body());
    }

    /** Applies a fault; true when the exchange is finished. */
    private boolean apply(Rule fault, HttpExchange exchange, String method, String path, int serverStatus)
            throws IOException {
        log.add(new Logged(method, path, serverStatus, fault.action + (fault.afterForwarding ? " after" : " before")));
        switch (fault.action) {
            case STALL -> {
                try {
                    Thread.sleep(fault.stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return true;
            }
            case RESET -> {
                exchange.close();
                return true;
            }
            default -> {
                send(exchange, method, fault.status, (fault.body == null ? "injected fault" : fault.body).getBytes());
                return true;
            }
        }
    }

    private static void send(HttpExchange exchange, String method, int status, byte[] body) throws IOException {
        boolean empty = method.equals("HEAD") || body.length == 0 || status == 204;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<String> paths(List<Logged> entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.path()));
        return out;
    }
}
