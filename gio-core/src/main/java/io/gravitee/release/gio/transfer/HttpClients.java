package io.gravitee.release.gio.transfer;

import java.net.http.HttpClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closing the JDK's {@link HttpClient}. Its selector thread waits in the kernel until the client is garbage
 * collected, and while a thread waits there the JVM's exit waits up to 300 ms for it: a goal that is done with a
 * client closes it, so that the build ends as soon as the goal does.
 */
public final class HttpClients {
    private HttpClients() {}

    /** The JDK names a client "...HttpClientImpl@hash(id)" and its selector thread "HttpClient-id-SelectorManager". */
    private static final Pattern ID = Pattern.compile("\\((\\d+)\\)$");

    /**
     * Closes {@code client}: no request may be sent with it afterwards (on Java 17 one would never be answered). On Java 21 and later this is its own
     * {@code close()}, which also waits for requests in flight; on Java 17, which has none, its selector thread
     * is interrupted, which the JDK takes as the order to stop it (and close its connections).
     */
    public static void close(HttpClient client) {
        if (client == null) {
            return;
        }
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing is best effort: the client was to be dropped anyway.
            }
            return;
        }
        Matcher id = ID.matcher(client.toString());
        if (id.find()) {
            String selector = "HttpClient-" + id.group(1) + "-SelectorManager";
            Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(selector))
                    .forEach(Thread::interrupt);
        }
    }
}
