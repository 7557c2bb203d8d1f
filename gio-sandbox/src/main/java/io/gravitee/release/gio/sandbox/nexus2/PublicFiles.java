package io.gravitee.release.gio.sandbox.nexus2;

import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The released files, served read-only and anonymously under {@value #BASE} on a port of their own: what Maven
 * Central is to the OSSRH Staging API service, which serves no released file itself. Plain files, no listing, 404
 * for anything absent, as Central answers. Requests are logged in the emulator's request log.
 */
final class PublicFiles extends Handler.Abstract {
    static final String BASE = "/maven2/";

    private final StagingStore store;
    private final Nexus2Emulator emulator;

    PublicFiles(Nexus2Emulator emulator, StagingStore store) {
        this.emulator = emulator;
        this.store = store;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath();
        byte[] body = new byte[0];
        int status = 404;
        if (!method.equals("GET") && !method.equals("HEAD")) {
            status = 405;
        } else if (path.startsWith(BASE) && path.length() > BASE.length()) {
            Path file;
            try {
                file = store.releasedFile(path.substring(BASE.length()));
            } catch (NexusException e) {
                file = null;
            }
            if (file != null && Files.isRegularFile(file)) {
                status = 200;
                body = Files.readAllBytes(file);
            }
        }
        boolean head = method.equals("HEAD");
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (status == 200) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        }
        emulator.requestLog().add(new LoggedRequest(Instant.now(), method, path, "", status, 0, head ? 0 : body.length,
                null));
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }
}
