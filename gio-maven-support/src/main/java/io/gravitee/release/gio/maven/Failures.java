package io.gravitee.release.gio.maven;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one translation from transport and client exceptions (JDK HTTP client, OkHttp under minio, Maven's resolver)
 * to failures a person can act on: which server could not be reached, why in plain words, which {@code -D} property
 * chose it, and what to try. Messages never show an exception class name nor a "null"; the exception stays the
 * cause, so {@code -e} still prints the stack trace.
 */
public final class Failures {

    /**
     * A server a goal talks to.
     *
     * @param what     how the user calls it, e.g. "the S3 endpoint"
     * @param url      its URL
     * @param property the property that configures it, e.g. {@code gio.bundle.endpoint}
     * @param value    the property's value as given (for {@code id::url} properties, more than the URL)
     */
    public record Peer(String what, String url, String property, String value) {
        public Peer(String what, String url, String property) {
            this(what, url, property, url);
        }

        /** Whether {@code text} names this peer's host and port (not those of a longer port number). */
        boolean namedIn(String text) {
            try {
                String authority = URI.create(url).getAuthority();
                return authority != null && text != null
                        && Pattern.compile(Pattern.quote(authority) + "(?![0-9])").matcher(text).find();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    private Failures() {}

    /**
     * The failure to report when {@code failure} (or one of its causes) is a transport failure; empty when it is not
     * (then the exception's own message is the one to show). The peer named is the first whose host and port a
     * message of the chain names, else the first given: list them in the order the goal talks to them.
     */
    public static Optional<MojoFailureException> unreachable(Throwable failure, Peer... peers) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<String> reason = reason(t);
            if (reason.isPresent()) {
                return Optional.of(new MojoFailureException(message(peer(failure, peers), reason.get()), failure));
            }
        }
        return Optional.empty();
    }

    /**
     * Translates {@code failure}: a transport failure as {@link #unreachable}, anything else with its own message when
     * it has one worth showing (gio's exceptions say what to do), else a sentence naming the peer and property.
     */
    public static MojoFailureException translate(Throwable failure, Peer... peers) {
        if (failure instanceof MojoFailureException mojo) {
            return unreachable(mojo, peers).orElse(mojo);
        }
        return unreachable(failure, peers).orElseGet(() -> new MojoFailureException(ownMessage(failure)
                .orElseGet(() -> {
                    Peer peer = peer(failure, peers);
                    return "Talking to " + peer.what() + " at " + peer.url() + " failed unexpectedly. Check -D"
                            + peer.property() + " (now '" + peer.value() + "'); run with -e for the details.";
                }), failure));
    }

    private static Peer peer(Throwable failure, Peer... peers) {
        for (Peer peer : peers) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (peer.namedIn(t.getMessage())) {
                    return peer;
                }
            }
        }
        return peers[0];
    }

    /** The first message of the chain that is worth showing (not blank, not "null"). */
    static Optional<String> ownMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.contains(": null") && !message.equals("null")
                    && !message.matches("(?s).*\\b(java|javax|okhttp3|io\\.minio|org\\.eclipse)\\.[a-z.]*[A-Z]\\w*.*")) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> reason(Throwable t) {
        if (t instanceof UnknownHostException) {
            return Optional.of("its host name is unknown (" + text(t, "no DNS answer") + ")");
        }
        if (t instanceof NoRouteToHostException) {
            return Optional.of("there is no route to its host");
        }
        if (t instanceof HttpConnectTimeoutException) {
            return Optional.of("the connection timed out");
        }
        if (t instanceof ConnectException || t instanceof ClosedChannelException) {
            // The JDK's client reports a refused connection as a ConnectException whose cause is a
            // ClosedChannelException, with no message at all.
            return Optional.of("the connection was refused or closed at once (nothing listens on that host and port?)");
        }
        if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
            return Optional.of("it did not answer in time");
        }
        if (t instanceof SSLException) {
            return Optional.of("the TLS handshake failed (" + text(t, "no detail")
                    + "): an https URL on a plain http port, or a certificate this JVM does not trust?");
        }
        if (t instanceof EOFException || (t instanceof SocketException && text(t, "").toLowerCase().contains("reset"))) {
            return Optional.of("it closed the connection before answering");
        }
        return Optional.empty();
    }

    private static String message(Peer peer, String reason) {
        return "Cannot reach " + peer.what() + " at " + peer.url() + ": " + reason + ". Check -D" + peer.property()
                + " (now '" + peer.value() + "'): is the URL right, is the server up, and can this machine reach it"
                + " (proxy, firewall, VPN)? Try: curl -sSI " + peer.url() + " . Then run the same command again"
                + " (with -e for the stack trace).";
    }

    private static String text(Throwable t, String fallback) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? fallback : message;
    }
}
