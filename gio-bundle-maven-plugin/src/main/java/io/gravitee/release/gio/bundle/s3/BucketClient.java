package io.gravitee.release.gio.bundle.s3;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.credentials.Credentials;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InternalException;
import io.minio.http.Method;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * minio's async client with a leaner bucket listing and leaner uploads; minio still builds, signs and sends every
 * request and reads every error.
 * <ul>
 * <li>Listing: the JDK's streaming XML parser reads the page. minio's own reflective XML binding took about a second
 * per 4,000 keys on a cold JVM, longer than the requests themselves; a no-op upload is mostly one listing.
 * <li>Uploads: minio's putObject copies each part into memory and digests it with SHA-256 to sign the payload (on
 * plain http), then the server digests it again to check it. gio already knows each file's MD5, so a file is streamed
 * from disk with {@code Content-MD5}, which the server checks, and an {@code UNSIGNED-PAYLOAD} signature, as S3
 * allows and rclone does: the headers are signed, the bytes are checked, nothing is buffered.
 * </ul>
 */
final class BucketClient extends MinioAsyncClient {
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** Passed to minio as the body of a request whose body is the {@link FileSlice} of {@link #SENDING}. */
    private static final byte[] FILE_BODY = new byte[0];
    // minio builds the request in the thread that calls executeAsync, so the slice travels beside it in that thread.
    private static final ThreadLocal<FileSlice> SENDING = new ThreadLocal<>();

    /** {@code length} bytes of {@code file} from {@code offset}, whose MD5 is {@code md5} (hex; null until read). */
    record FileSlice(Path file, long offset, long length, String md5) {
        /** Receives a slice's bytes, one buffer at a time. */
        @FunctionalInterface
        interface Chunks {
            void accept(byte[] buffer, int length) throws IOException;
        }

        FileSlice withMd5(String md5) {
            return new FileSlice(file, offset, length, md5);
        }

        /** Passes the slice's bytes to {@code chunks}, 64 KiB at a time; fails if the file became shorter. */
        void read(Chunks chunks) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(offset);
                InputStream in = Channels.newInputStream(channel);
                byte[] buffer = new byte[64 * 1024];
                for (long remaining = length; remaining > 0; ) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (n < 0) {
                        throw new EOFException(file + " became shorter while it was uploaded: run the upload again");
                    }
                    chunks.accept(buffer, n);
                    remaining -= n;
                }
            }
        }
    }
    // The JDK's own parser: newFactory() would search every jar of the plugin's class path for another one (Woodstox
    // comes with minio's dependencies), a scan and ~100 classes more on every start of a short-lived goal.
    private static final XMLInputFactory XML = XMLInputFactory.newDefaultFactory();
    private static final Set<String> TEXT_FIELDS = Set.of("Key", "ETag", "Size", "LastModified");

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** One page of a ListObjectsV2 answer; {@code prefixes} are the sub-"directories" of a delimited listing. */
    record Page(List<RemoteObject> objects, List<String> prefixes, Optional<String> next) {}

    BucketClient(MinioAsyncClient client) {
        super(client);
    }

    /**
     * Requests one page of up to 1,000 keys under {@code prefix}: recursively, or with {@code delimited} only the
     * objects directly under it and its sub-prefixes.
     */
    CompletableFuture<Response> listPage(String bucket, String prefix, boolean delimited, Optional<String> continuation)
            throws Exception {
        Multimap<String, String> query = HashMultimap.create();
        query.put("list-type", "2");
        if (delimited) {
            query.put("delimiter", "/");
        }
        query.put("max-keys", "1000");
        query.put("prefix", prefix);
        continuation.ifPresent(token -> query.put("continuation-token", token));
        return executeGetAsync(ListObjectsArgs.builder().bucket(bucket).build(), null, query);
    }

    /**
     * PUTs {@code body} (a {@link FileSlice} or a {@code byte[]}) to {@code key}, with {@code query} (for the parts of a
     * multipart upload). The response holds only headers; close it.
     */
    CompletableFuture<Response> put(String bucket, String region, String key, Multimap<String, String> headers,
            Multimap<String, String> query, Object body) throws Exception {
        if (body instanceof byte[] bytes) {
            return executeAsync(Method.PUT, bucket, key, region, httpHeaders(headers), query, bytes, bytes.length);
        }
        SENDING.set((FileSlice) body);
        try {
            return executeAsync(Method.PUT, bucket, key, region, httpHeaders(headers), query, FILE_BODY, 0);
        } finally {
            SENDING.remove();
        }
    }

    @Override
    protected Request createRequest(HttpUrl url, Method method, Headers headers, Object body, int length, Credentials credentials)
            throws InsufficientDataException, InternalException, IOException, NoSuchAlgorithmException {
        if (body != FILE_BODY) {
            return super.createRequest(url, method, headers, body, length, credentials);
        }
        FileSlice slice = SENDING.get();
        if (slice == null) {
            throw new IllegalStateException("minio built a file upload request outside the thread that sent it");
        }
        // minio's request for an empty body has every header right but the payload's; those are replaced here, before
        // minio signs the request with the x-amz-content-sha256 it finds on it.
        Request request = super.createRequest(url, method, headers, body, 0, credentials);
        return request.newBuilder()
                .header("Content-MD5", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(slice.md5())))
                .header("x-amz-content-sha256", UNSIGNED_PAYLOAD)
                .method(method.toString(), new FileBody(slice, request.body().contentType()))
                .build();
    }

    /** A slice of a file, read from disk as the connection takes it; it can be sent again (a retry reopens the file). */
    private static final class FileBody extends RequestBody {
        private final FileSlice slice;
        private final MediaType type;

        FileBody(FileSlice slice, MediaType type) {
            this.slice = slice;
            this.type = type;
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return slice.length();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            slice.read((buffer, length) -> sink.write(buffer, 0, length));
        }
    }

    /** Reads a ListObjectsV2 answer. */
    static Page parse(InputStream body, List<RemoteObject> into, List<String> prefixes) throws IOException {
        try {
            XMLStreamReader xml = XML.createXMLStreamReader(body);
            String key = null;
            String etag = null;
            long size = 0;
            Instant modified = null;
            boolean truncated = false;
            String next = null;
            int depth = 0;
            Map<String, Instant> dates = new HashMap<>();
            boolean inContents = false;
            boolean inPrefixes = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = xml.getLocalName();
                    if (depth == 2 && name.equals("Contents")) {
                        inContents = true;
                        key = null;
                        etag = null;
                        size = 0;
                        modified = null;
                    } else if (inContents && depth == 3 && TEXT_FIELDS.contains(name)) {
                        // Other fields (Owner, RestoreStatus...) may hold elements: they are skipped, not read as text.
                        String text = xml.getElementText();
                        depth--; // getElementText consumed the end tag
                        switch (name) {
                            case "Key" -> key = text;
                            case "ETag" -> etag = unquote(text);
                            case "Size" -> size = Long.parseLong(text.trim());
                            // Objects written together share their second: each distinct date is parsed once.
                            default -> modified = dates.computeIfAbsent(text.trim(), Instant::parse);
                        }
                    } else if (depth == 2 && name.equals("CommonPrefixes")) {
                        inPrefixes = true;
                    } else if (inPrefixes && depth == 3 && name.equals("Prefix")) {
                        prefixes.add(xml.getElementText());
                        depth--;
                    } else if (depth == 2 && name.equals("IsTruncated")) {
                        truncated = Boolean.parseBoolean(xml.getElementText().trim());
                        depth--;
                    } else if (depth == 2 && name.equals("NextContinuationToken")) {
                        next = xml.getElementText();
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2) {
                        inPrefixes = false;
                    }
                    if (depth == 2 && inContents) {
                        inContents = false;
                        if (key != null && !key.endsWith("/")) {
                            into.add(new RemoteObject(key, size, etag, modified == null ? Instant.EPOCH : modified));
                        }
                    }
                    depth--;
                }
            }
            return new Page(into, prefixes, truncated && next != null && !next.isEmpty() ? Optional.of(next) : Optional.empty());
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("Unreadable bucket listing: " + e.getMessage(), e);
        }
    }

    private static String unquote(String etag) {
        String e = etag.trim();
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }
}
