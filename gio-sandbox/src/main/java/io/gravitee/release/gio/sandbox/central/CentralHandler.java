package io.gravitee.release.gio.sandbox.central;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Routes the Publisher API and the published repository, applies injected faults and logs every request. */
final class CentralHandler extends Handler.Abstract {
    static final String API = "/api/v1/publisher/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CentralEmulator emulator;
    private final DeploymentStore store;
    private final Path uploadsDir;

    /** A complete answer, built before anything is sent so that a fault can still replace it. */
    private record Reply(int status, String contentType, byte[] body, long requestBytes) {}

    private static void drain(Request request) {
        try {
            org.eclipse.jetty.io.Content.Source.consumeAll(request);
        } catch (java.io.IOException e) {
            // The client went away: the fault's answer will not reach it anyway.
        }
    }

    CentralHandler(CentralEmulator emulator, DeploymentStore store, Path uploadsDir) {
        this.emulator = emulator;
        this.store = store;
        this.uploadsDir = uploadsDir;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath();
        String query = Optional.ofNullable(request.getHttpURI().getQuery()).orElse("");
        Optional<FaultRule> fault = emulator.faults().select(method, path);
        String faultName = fault.map(f -> f.action().name()).orElse(null);
        if (fault.isPresent() && !fault.get().whenHandled()) {
            FaultRule f = fault.get();
            switch (f.action()) {
                case STALL -> sleep(f.stallDuration());
                case RESET -> {
                    reset(request, callback, method, path, query, faultName);
                    return true;
                }
                case RESPOND -> {
                    // Read the upload before answering: answering while the client still sends a bundle makes it
                    // see a broken pipe instead of the injected status.
                    drain(request);
                    send(request, response, callback, method, path, query, injected(f), faultName);
                    return true;
                }
            }
        }
        Reply reply;
        try {
            reply = route(request, method, path);
        } catch (CentralException e) {
            reply = error(e.status(), e.getMessage());
        } catch (Exception e) {
            reply = error(500, "Unhandled: " + e);
        }
        if (fault.isPresent() && fault.get().whenHandled()) {
            FaultRule f = fault.get();
            switch (f.action()) {
                case STALL -> sleep(f.stallDuration());
                case RESET -> {
                    reset(request, callback, method, path, query, faultName);
                    return true;
                }
                case RESPOND -> reply = new Reply(f.status(), injected(f).contentType(), injected(f).body(),
                        reply.requestBytes());
            }
        }
        send(request, response, callback, method, path, query, reply, faultName);
        return true;
    }

    private Reply route(Request request, String method, String path) throws IOException {
        if (path.startsWith("/repo/") && (method.equals("GET") || method.equals("HEAD"))) {
            Path file = store.repoFile(path.substring("/repo/".length()));
            if (!Files.isRegularFile(file)) {
                throw new CentralException(404, "Not found: " + path);
            }
            return new Reply(200, "application/octet-stream", Files.readAllBytes(file), 0);
        }
        if (!path.startsWith(API)) {
            throw new CentralException(404, "Not found: " + path);
        }
        authenticate(request);
        Fields query = Request.extractQueryParameters(request);
        String rest = path.substring(API.length());
        if (rest.equals("upload") && method.equals("POST")) {
            return upload(request, query);
        }
        if (rest.equals("status") && method.equals("POST")) {
            return json(200, statusJson(store.status(required(query, "id"))));
        }
        if (rest.equals("published") && method.equals("GET")) {
            boolean published = store.isPublished(required(query, "namespace"), required(query, "name"),
                    required(query, "version"));
            return json(200, JSON.createObjectNode().put("published", published));
        }
        if (rest.startsWith("deployment/") && rest.indexOf('/', "deployment/".length()) < 0) {
            String id = rest.substring("deployment/".length());
            switch (method) {
                case "POST" -> store.publish(id);
                case "DELETE" -> store.drop(id);
                default -> throw new CentralException(405, "Method not allowed: " + method);
            }
            return new Reply(204, null, new byte[0], 0);
        }
        throw new CentralException(404, "Not found: " + path);
    }

    private Reply upload(Request request, Fields query) throws IOException {
        long max = emulator.config().maxBundleBytes();
        PublishingType type = publishingType(query.getValue("publishingType"));
        long declared = request.getLength();
        if (declared > max) {
            throw tooLarge(max);
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new CentralException(400, "The bundle must be sent as multipart/form-data in a part named 'bundle'");
        }
        Files.createDirectories(uploadsDir);
        MultiPartConfig config = new MultiPartConfig.Builder().location(uploadsDir).maxPartSize(max)
                .maxSize(max + 1024 * 1024).maxMemoryPartSize(0).build();
        MultiPartFormData.Parts parts;
        try {
            parts = MultiPartFormData.getParts(request, request, contentType, config);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("max") || message.contains("too large") || message.contains("exceed")) {
                throw tooLarge(max);
            }
            throw new CentralException(400, "Invalid multipart request: " + e.getMessage());
        }
        try (parts) {
            MultiPart.Part bundle = parts.getFirst("bundle");
            if (bundle == null) {
                throw new CentralException(400, "Required part 'bundle' is not present");
            }
            Path file = Files.createTempFile(uploadsDir, "bundle-", ".zip");
            Files.delete(file);
            bundle.writeTo(file);
            long size = Files.size(file);
            if (size > max) {
                Files.delete(file);
                throw tooLarge(max);
            }
            String name = Optional.ofNullable(query.getValue("name")).filter(n -> !n.isBlank())
                    .or(() -> Optional.ofNullable(bundle.getFileName())).orElse("bundle.zip");
            String id = store.upload(name, type, file);
            return new Reply(201, "text/plain; charset=UTF-8", id.getBytes(StandardCharsets.UTF_8), size);
        }
    }

    private static PublishingType publishingType(String value) {
        if (value == null || value.isBlank()) {
            return PublishingType.USER_MANAGED;
        }
        try {
            return PublishingType.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CentralException(400, "Invalid publishingType '" + value + "': expected AUTOMATIC or USER_MANAGED");
        }
    }

    private static CentralException tooLarge(long max) {
        return new CentralException(413, "Deployment bundle exceeds the maximum upload size of " + max + " bytes");
    }

    /** The {@code status} body; {@code errors} only once validation found some, as the Portal answers. */
    static ObjectNode statusJson(DeploymentSnapshot d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("deploymentId", d.id());
        node.put("deploymentName", d.name());
        node.put("deploymentState", d.state().name());
        ArrayNode purls = node.putArray("purls");
        d.purls().forEach(purls::add);
        if (!d.errors().isEmpty()) {
            ObjectNode errors = node.putObject("errors");
            for (Map.Entry<String, List<String>> e : d.errors().entrySet()) {
                ArrayNode list = errors.putArray(e.getKey());
                e.getValue().forEach(list::add);
            }
        }
        return node;
    }

    private static String required(Fields query, String name) {
        String value = query.getValue(name);
        if (value == null || value.isBlank()) {
            throw new CentralException(400, "Required parameter '" + name + "' is not present");
        }
        return value;
    }

    /** Accepts the user token as {@code Bearer base64(user:password)} or the older {@code UserToken} scheme. */
    private void authenticate(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null) {
            int space = header.indexOf(' ');
            String scheme = space > 0 ? header.substring(0, space) : "";
            if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("UserToken")) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(header.substring(space + 1).trim()),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    decoded = "";
                }
                CentralConfig config = emulator.config();
                if (decoded.equals(config.username() + ":" + config.password())) {
                    return;
                }
            }
        }
        throw new CentralException(401, "Invalid token");
    }

    private static Reply injected(FaultRule f) {
        return error(f.status(), "Injected fault: HTTP " + f.status());
    }

    private static Reply json(int status, ObjectNode node) throws IOException {
        return new Reply(status, "application/json", JSON.writeValueAsBytes(node), 0);
    }

    /** The Portal's error body: {@code {"error":{"message":"..."}}}. */
    private static Reply error(int status, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("error").put("message", message);
        try {
            return new Reply(status, "application/json", JSON.writeValueAsBytes(node), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(Request request, Response response, Callback callback, String method, String path, String query,
            Reply reply, String fault) {
        response.setStatus(reply.status());
        if (reply.status() >= 400 && request.getLength() != 0) {
            // The unread request body makes the connection unusable: say so rather than let the client reuse it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (reply.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        if (reply.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        boolean head = method.equals("HEAD");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        log(method, path, query, reply.status(), reply.requestBytes(), head ? 0 : reply.body().length, fault);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body()), callback);
    }

    private void reset(Request request, Callback callback, String method, String path, String query, String fault) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        try {
            if (endPoint.getTransport() instanceof SocketChannel channel) {
                // Linger 0 makes close() send a RST instead of a FIN: the client sees "connection reset".
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException ignored) {
            // The connection is closed below anyway.
        }
        log(method, path, query, -1, 0, 0, fault);
        endPoint.close();
        callback.failed(new IOException("connection reset injected by the Central Portal emulator"));
    }

    private void log(String method, String path, String query, int status, long in, long out, String fault) {
        emulator.requestLog().add(new LoggedRequest(Instant.now(), method, path, query, status, in, out, fault));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
