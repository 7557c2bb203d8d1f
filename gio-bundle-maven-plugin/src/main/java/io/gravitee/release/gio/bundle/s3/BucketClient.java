package io.gravitee.release.gio.bundle.s3;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import okhttp3.Response;

/**
 * minio's async client with a leaner bucket listing: minio signs and sends the request, the JDK's streaming XML
 * parser reads the page. minio's own reflective XML binding took about a second per 4,000 keys on a cold JVM,
 * longer than the requests themselves; a no-op upload is mostly one listing.
 */
final class BucketClient extends MinioAsyncClient {
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();
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
                            default -> modified = Instant.parse(text.trim());
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
