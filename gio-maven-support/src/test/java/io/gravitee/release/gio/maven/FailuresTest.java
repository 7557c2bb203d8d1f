package io.gravitee.release.gio.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** Transport failures, as the JDK's client throws them against a closed port, become a sentence to act on. */
class FailuresTest {

    private static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static IOException refused(String url) {
        return assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/service/local/staging/profile_evaluate")).build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void aRefusedConnectionNamesThePeerNamedInTheMessageAndItsProperty() throws Exception {
        String source = closedUrl();
        String staging = closedUrl();
        IOException cause = refused(staging);
        RuntimeException wrapped = new RuntimeException("GET profile_evaluate on " + staging + " failed: " + cause, cause);

        MojoFailureException e = Failures.translate(wrapped,
                new Failures.Peer("the source repository", source, "gio.staging.sourceRepository", "gio-maven::" + source),
                new Failures.Peer("the staging server", staging, "gio.staging.url"));

        assertEquals("Cannot reach the staging server at " + staging + ": the connection was refused or closed at once"
                + " (nothing listens on that host and port?). Check -Dgio.staging.url (now '" + staging + "'): is the URL"
                + " right, is the server up, and can this machine reach it (proxy, firewall, VPN)? Try: curl -sSI "
                + staging + " . Then run the same command again (with -e for the stack trace).", e.getMessage());
        assertSame(wrapped, e.getCause(), "-e still shows where it came from");
    }

    @Test
    void gioOwnMessagesStayAndNullMessagesAreNeverShown() {
        Failures.Peer peer = new Failures.Peer("the S3 endpoint", "https://s3.example.com", "gio.bundle.endpoint");
        assertEquals("Bucket downloads does not exist", Failures.translate(
                new IllegalStateException("Bucket downloads does not exist"), peer).getMessage());
        String message = Failures.translate(new IllegalStateException((String) null), peer).getMessage();
        assertEquals("Talking to the S3 endpoint at https://s3.example.com failed unexpectedly. Check"
                + " -Dgio.bundle.endpoint (now 'https://s3.example.com'); run with -e for the details.", message);
        assertFalse(Failures.unreachable(new IOException("HTTP 500"), peer).isPresent());
    }
}
