package io.gravitee.release.gio.bundle.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 that makes a share of requests fail the way a distant S3 endpoint does:
 * a {@code 503 SlowDown}, a connection reset, or a stall longer than the client's timeout. Failing requests never
 * reach the server. Every response closes its connection, so each request is a fresh decision. Decisions come
 * from a seeded {@link Random} (the kinds of fault take turns) and stop after {@code maxFaults}, so a test stays reproducible and bounded.
 */
final class FaultyProxy implements AutoCloseable {
    enum Fault { NONE, UNAVAILABLE, RESET, STALL }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Random random;
    private final double rate;
    private final int maxFaults;
    private final Duration stall;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-proxy");
        t.setDaemon(true);
        return t;
    });
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    final AtomicInteger stalls = new AtomicInteger();
    /** Requests whose request line contains this get a 503 every time, beside the random faults. */
    private volatile String refused;

    FaultyProxy(InetSocketAddress target, long seed, double rate, int maxFaults, Duration stall) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.random = new Random(seed);
        this.rate = rate;
        this.maxFaults = maxFaults;
        this.stall = stall;
        threads.submit(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int faults() {
        return unavailable.get() + resets.get() + stalls.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** From now on, every request whose request line (method, path, query) contains {@code part} gets a 503. */
    void refuse(String part) {
        refused = part;
    }

    private synchronized Fault decide(String head) {
        requests.incrementAndGet();
        String part = refused;
        if (part != null && head.substring(0, Math.max(0, head.indexOf('\r'))).contains(part)) {
            return Fault.UNAVAILABLE;
        }
        if (faults() >= maxFaults || random.nextDouble() >= rate) {
            return Fault.NONE;
        }
        // Which requests fail is random; the kinds take turns so that each appears.
        Fault fault = Fault.values()[1 + faults() % 3];
        (fault == Fault.UNAVAILABLE ? unavailable : fault == Fault.RESET ? resets : stalls).incrementAndGet();
        return fault;
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            long length = contentLength(head);
            switch (decide(head)) {
                case UNAVAILABLE -> {
                    in.skipNBytes(length);
                    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                            + "<Message>Please reduce your request rate.</Message></Error>").getBytes(StandardCharsets.UTF_8);
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
                case RESET -> {
                    client.setSoLinger(true, 0); // close() then sends RST
                }
                case STALL -> {
                    Thread.sleep(stall.toMillis());
                }
                case NONE -> forward(client, in, head, length);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up or the proxy is closing: this connection is over either way
        }
    }

    private void forward(Socket client, InputStream in, String head, long length) throws IOException {
        try (Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            OutputStream up = upstream.getOutputStream();
            up.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
            copy(in, up, length);
            up.flush();
            upstream.getInputStream().transferTo(client.getOutputStream());
        }
    }

    private static String withConnectionClose(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("client closed mid-body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** The request line and headers up to the blank line, or null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 64 * 1024) {
                throw new IOException("request head too large");
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
