package io.gravitee.release.gio.sandbox.nexus2;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Routes the Nexus 2 REST API, applies injected faults and logs every request. */
final class Nexus2Handler extends Handler.Abstract {
    private final Nexus2Emulator emulator;
    private final StagingStore store;
    private final ManualRoutes manual;

    /** A complete answer, built before anything is sent so that a fault can still replace it. */
    private record Reply(int status, String contentType, byte[] body, long requestBytes, boolean challenge) {}

    /** The parts of a request the routes need. */
    private record Call(Request request, String method, String path, boolean json, StagingStore.Caller caller) {}

    Nexus2Handler(Nexus2Emulator emulator, StagingStore store) {
        this.emulator = emulator;
        this.store = store;
        this.manual = new ManualRoutes(store);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath();
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        boolean json = accept != null && accept.contains("json") && !accept.contains("xml");
        Optional<FaultRule> fault = emulator.faults().select(method, path);
        String faultName = fault.map(f -> f.action().name()).orElse(null);
        if (fault.isPresent() && !fault.get().whenHandled()) {
            FaultRule f = fault.get();
            switch (f.action()) {
                case STALL -> sleep(f.stallDuration());
                case RESET -> {
                    reset(request, callback, method, path, faultName);
                    return true;
                }
                case RESPOND -> {
                    send(request, response, callback, method, path,
                            error(f.status(), "Injected fault: HTTP " + f.status(), json), faultName);
                    return true;
                }
            }
        }
        Reply reply;
        try {
            reply = route(request, method, path, json);
        } catch (NexusException e) {
            reply = error(e.status(), e.getMessage(), json);
        } catch (Exception e) {
            reply = error(500, "Unhandled: " + e, json);
        }
        if (fault.isPresent() && fault.get().whenHandled()) {
            FaultRule f = fault.get();
            switch (f.action()) {
                case STALL -> sleep(f.stallDuration());
                case RESET -> {
                    reset(request, callback, method, path, faultName);
                    return true;
                }
                case RESPOND -> reply = error(f.status(), "Injected fault: HTTP " + f.status(), json);
            }
        }
        send(request, response, callback, method, path, reply, faultName);
        return true;
    }

    private Reply route(Request request, String method, String path, boolean json) throws IOException {
        boolean ossrh = emulator.config().ossrhMode();
        if (ossrh && !OssrhRoutes.offers(method, path)) {
            return ossrhRefusal();
        }
        StagingStore.Caller caller = authenticate(request, path, method);
        Call call = new Call(request, method, path, json, caller);
        String staging = "/service/local/staging/";
        if (path.equals("/service/local/status") && method.equals("GET")) {
            return ok(200, Dtos.status(), json);
        }
        if (ossrh && path.startsWith("/manual/")) {
            ManualRoutes.Answer answer = manual.handle(method, path, Request.extractQueryParameters(request), caller);
            return answer.json() == null ? empty(answer.status()) : new Reply(answer.status(),
                    "application/json; charset=UTF-8", answer.json().getBytes(StandardCharsets.UTF_8), 0, false);
        }
        if (path.startsWith(staging)) {
            return staging(call, path.substring(staging.length()));
        }
        if (path.startsWith("/service/local/repositories/") && path.contains("/content/")) {
            String rest = path.substring("/service/local/repositories/".length());
            int cut = rest.indexOf("/content/");
            return content(call, rest.substring(0, cut), rest.substring(cut + "/content/".length()));
        }
        if (path.startsWith("/content/repositories/")) {
            String rest = path.substring("/content/repositories/".length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                return content(call, rest.substring(0, slash), rest.substring(slash + 1));
            }
        }
        throw new NexusException(404, "Not found: " + path);
    }

    private Reply staging(Call call, String rest) throws IOException {
        String[] parts = rest.split("/", -1);
        String method = call.method();
        if (parts[0].equals("profiles") && method.equals("GET") && parts.length == 1) {
            return ok(200, Dtos.profiles(emulator.config().profiles(), emulator.url()), call.json());
        }
        if (parts[0].equals("profiles") && method.equals("GET") && parts.length == 2) {
            return ok(200, Payload.of("profileResponse").with("data", Dtos.profile(profile(parts[1]), emulator.url())),
                    call.json());
        }
        if (parts[0].equals("profiles") && method.equals("POST") && parts.length == 3) {
            StagingProfile profile = profile(parts[1]);
            RequestBody body = body(call);
            String repoId = body.text("stagedRepositoryId");
            switch (parts[2]) {
                case "start" -> {
                    StagingStore.RepoView repo = store.open(profile, body.text("description"), call.caller(), false);
                    return ok(201, Dtos.promoteResponse(repo.id(), repo.description()), call.json());
                }
                case "finish" -> {
                    requireInProfile(profile, repoId);
                    store.close(List.of(repoId), body.text("description"), call.caller());
                    return empty(201);
                }
                case "promote", "drop" -> {
                    requireInProfile(profile, repoId);
                    if (parts[2].equals("promote")) {
                        store.release(List.of(repoId), body.text("description"), false, call.caller());
                    } else {
                        store.drop(List.of(repoId));
                    }
                    return empty(201);
                }
                default -> throw new NexusException(404, "Not found: " + call.path());
            }
        }
        if (parts[0].equals("profile_evaluate") && method.equals("GET")) {
            Fields query = Request.extractQueryParameters(call.request());
            String groupId = query.getValue("g");
            if (groupId == null) {
                throw new NexusException(400, "Parameter 'g' (groupId) is required");
            }
            List<StagingProfile> matching = emulator.config().profiles().stream()
                    .filter(p -> p.matchesGroupId(groupId)).toList();
            return ok(200, Dtos.profiles(matching, emulator.url()), call.json());
        }
        if (parts[0].equals("profile_repositories") && method.equals("GET")) {
            String profileId = parts.length > 1 && !parts[1].isEmpty() ? profile(parts[1]).id() : null;
            return ok(200, Dtos.repositories(store.list(profileId), emulator.url()), call.json());
        }
        if (parts[0].equals("bulk") && parts.length == 2 && method.equals("POST")) {
            RequestBody body = body(call);
            List<String> ids = body.list("stagedRepositoryIds");
            switch (parts[1]) {
                case "close" -> store.close(ids, body.text("description"), call.caller());
                case "promote" -> {
                    if (body.text("stagingProfileGroup") != null) {
                        throw new NexusException(400, "Promotion to a build promotion profile is not emulated");
                    }
                    store.release(ids, body.text("description"), "true".equals(body.text("autoDropAfterRelease")),
                            call.caller());
                }
                case "drop" -> store.drop(ids);
                default -> throw new NexusException(404, "Not found: " + call.path());
            }
            return empty(201);
        }
        if (parts[0].equals("repository") && method.equals("GET") && parts.length == 2) {
            return ok(200, Dtos.repository(store.view(parts[1]), emulator.url()), call.json());
        }
        if (parts[0].equals("repository") && method.equals("GET") && parts.length == 3 && parts[2].equals("activity")) {
            return ok(200, Dtos.activities(store.activities(parts[1])), call.json());
        }
        if (parts[0].equals("deployByRepositoryId") && parts.length > 2) {
            String repoId = parts[1];
            String filePath = rest.substring(rest.indexOf('/', "deployByRepositoryId/".length()) + 1);
            return upOrDownload(call, repoId, filePath);
        }
        if (parts[0].equals("deploy") && parts.length > 2 && parts[1].equals("maven2")) {
            String filePath = rest.substring("deploy/maven2/".length());
            StagingProfile profile = emulator.config().profiles().stream()
                    .filter(p -> filePath.startsWith(p.groupIdPrefix().replace('.', '/') + "/"))
                    .findFirst()
                    .orElseThrow(() -> new NexusException(400,
                            "No staging profile matches the deployed path '/" + filePath + "'"));
            if (method.equals("GET") || method.equals("HEAD")) {
                throw new NexusException(404, "Item not found on path \"/" + filePath + "\"");
            }
            return upOrDownload(call, store.implicitFor(profile, call.caller()).id(), filePath);
        }
        throw new NexusException(404, "Not found: " + call.path());
    }

    private Reply upOrDownload(Call call, String repoId, String filePath) throws IOException {
        if (call.method().equals("PUT")) {
            StagingStore.resolveSafely(Path.of("/"), filePath);
            try (InputStream in = Content.Source.asInputStream(call.request())) {
                long stored = store.upload(repoId, filePath, in);
                return new Reply(201, null, new byte[0], stored, false);
            }
        }
        if (call.method().equals("GET") || call.method().equals("HEAD")) {
            return file(store.stagedFile(repoId, filePath), filePath);
        }
        throw new NexusException(405, "Method not allowed: " + call.method());
    }

    private Reply content(Call call, String repoId, String filePath) throws IOException {
        if (repoId.equals(StagingStore.RELEASES)) {
            Path target = store.releasedFile(filePath);
            if (call.method().equals("PUT")) {
                // A released version is immutable: the releases repository refuses redeployment.
                synchronized (store) {
                    if (!CloseRules.isMetadata(filePath) && Files.exists(target)) {
                        throw new NexusException(400, "Repository does not allow updating assets: releases");
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = Content.Source.asInputStream(call.request())) {
                        long stored = Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        return new Reply(201, null, new byte[0], stored, false);
                    }
                }
            }
            return file(target, filePath);
        }
        if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
            throw new NexusException(405, "Method not allowed: " + call.method());
        }
        return file(store.stagedFile(repoId, filePath), filePath);
    }

    private static Reply file(Path file, String filePath) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NexusException(404, "Item not found on path \"/" + filePath + "\"");
        }
        return new Reply(200, "application/octet-stream", Files.readAllBytes(file), 0, false);
    }

    private void requireInProfile(StagingProfile profile, String repoId) {
        if (repoId == null || store.list(profile.id()).stream().noneMatch(r -> r.id().equals(repoId))) {
            throw new NexusException(400, "Staging of Repository within profile ID='" + profile.id()
                    + "' is not yet started!");
        }
    }

    private StagingProfile profile(String id) {
        return emulator.config().profiles().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new NexusException(404, "Staging profile with id '" + id + "' not found"));
    }

    private StagingStore.Caller authenticate(Request request, String path, String method) {
        String ip = Request.getRemoteAddr(request);
        String agent = Optional.ofNullable(request.getHeaders().get(HttpHeader.USER_AGENT)).orElse("");
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        boolean anonymousAllowed = (method.equals("GET") || method.equals("HEAD"))
                && (path.equals("/service/local/status") || path.startsWith("/content/repositories/releases/")
                        || path.startsWith("/service/local/repositories/releases/content/"));
        if (header == null && anonymousAllowed) {
            return new StagingStore.Caller("anonymous", ip, agent);
        }
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0 && decoded.substring(0, colon).equals(emulator.config().username())
                    && decoded.substring(colon + 1).equals(emulator.config().password())) {
                return new StagingStore.Caller(decoded.substring(0, colon), ip, agent);
            }
        }
        throw new NexusException(401, "Unauthorized");
    }

    private static RequestBody body(Call call) throws IOException {
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(call.request())) {
            bytes = in.readAllBytes();
        }
        return RequestBody.parse(bytes, call.request().getHeaders().get(HttpHeader.CONTENT_TYPE));
    }

    private static Reply ok(int status, Payload payload, boolean json) {
        return json
                ? new Reply(status, "application/json; charset=UTF-8", payload.toJson().getBytes(StandardCharsets.UTF_8), 0, false)
                : new Reply(status, "application/xml; charset=UTF-8", payload.toXml().getBytes(StandardCharsets.UTF_8), 0, false);
    }

    private static Reply empty(int status) {
        return new Reply(status, null, new byte[0], 0, false);
    }

    private static Reply error(int status, String message, boolean json) {
        Reply body = ok(status, Dtos.error(message), json);
        return new Reply(status, body.contentType(), body.body(), 0, status == 401);
    }

    /** What the OSSRH service answers on a route it lacks: 401, this text alone, and no authentication challenge. */
    private static Reply ossrhRefusal() {
        return new Reply(401, "text/plain; charset=UTF-8", OssrhRoutes.REFUSAL.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    private void send(Request request, Response response, Callback callback, String method, String path, Reply reply,
            String fault) {
        response.setStatus(reply.status());
        if (reply.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        if (reply.challenge()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "BASIC realm=\"Sonatype Nexus Repository Manager\"");
        }
        boolean head = method.equals("HEAD");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        log(method, path, reply.status(), reply.requestBytes(), head ? 0 : reply.body().length, fault);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(reply.body()), callback);
    }

    private void reset(Request request, Callback callback, String method, String path, String fault) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        try {
            if (endPoint.getTransport() instanceof SocketChannel channel) {
                // Linger 0 makes close() send a RST instead of a FIN: the client sees "connection reset".
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException ignored) {
            // The connection is closed below anyway.
        }
        log(method, path, -1, 0, 0, fault);
        endPoint.close();
        callback.failed(new IOException("connection reset injected by the Nexus 2 emulator"));
    }

    private void log(String method, String path, int status, long requestBytes, long responseBytes, String fault) {
        // Nexus 2 staging requests carry their parameters in the path or body: the query is not logged.
        emulator.requestLog().add(new LoggedRequest(Instant.now(), method, path, "", status, requestBytes, responseBytes, fault));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
