package io.gravitee.release.gio.bundle.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.transfer.Checksums;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the planner trusts an ETag that differs from the file's MD5, and when it asks for the SHA-256 gio recorded. */
class SyncPlannerTest {
    private static final BucketLayout LAYOUT = new BucketLayout("apim");

    @TempDir
    Path work;

    private final List<LocalFile> local = new ArrayList<>();
    private final List<RemoteObject> remote = new ArrayList<>();
    /** SHA-256 recorded on each object, by key, as the probe answers it; the keys it was asked for. */
    private final Map<String, String> recorded = new HashMap<>();
    private final Set<String> probed = ConcurrentHashMap.newKeySet();

    @Test
    void nightlyTrustsADifferentPlainEtagOnceTheListingShowsEtagsAreMd5s() throws Exception {
        same("plugins/a.zip", "content a");
        changed("plugins/b.zip", "content b", "content B");

        SyncPlan plan = plan(Channel.NIGHTLY);

        assertEquals(Set.of(), probed, "no request: the unchanged file's ETag is its MD5, so b's differing one is a change");
        assertEquals(List.of("plugins/b.zip"), uploads(plan));
    }

    @Test
    void nightlyConfirmsMismatchesWhereNoEtagMatched() throws Exception {
        // As an SSE-KMS bucket lists them: plain-looking ETags that are no MD5 of anything.
        changed("plugins/a.zip", "content a", "content A");
        kmsEtag("plugins/b.zip", "content b");

        SyncPlan plan = plan(Channel.NIGHTLY);

        assertEquals(Set.of("apim/plugins/a.zip", "apim/plugins/b.zip"), probed);
        assertEquals(List.of("plugins/a.zip"), uploads(plan), "b's recorded SHA-256 is its file's: unchanged");
    }

    @Test
    void releaseConfirmsEveryMismatchBeforeCallingItAConflict() throws Exception {
        same("plugins/a.zip", "content a");
        changed("plugins/b.zip", "content b", "content B");
        kmsEtag("plugins/c.zip", "content c");

        SyncPlan plan = plan(Channel.RELEASE);

        assertEquals(Set.of("apim/plugins/b.zip", "apim/plugins/c.zip"), probed);
        assertEquals(List.of("plugins/b.zip"), plan.conflicts().stream().map(SyncPlan.Conflict::relativePath).toList());
        assertTrue(uploads(plan).isEmpty());
    }

    private SyncPlan plan(Channel channel) throws Exception {
        SyncPlanner planner = new SyncPlanner(LAYOUT, key -> {
            probed.add(key);
            return Optional.ofNullable(recorded.get(key));
        }, 4);
        return planner.plan(local, remote, channel);
    }

    private static List<String> uploads(SyncPlan plan) {
        return plan.writes().stream().filter(SyncPlan.Write::upload).map(write -> write.file().relativePath()).toList();
    }

    /** In the bucket as in the source, ETag = MD5. */
    private void same(String path, String content) throws Exception {
        LocalFile file = file(path, content);
        object(path, content, Checksums.of(bytes(content)).md5());
        file.md5(); // as the upload reads it for files compared by MD5
    }

    /** The bucket holds {@code before} (plain ETag, its MD5), the source {@code now}, of the same length. */
    private void changed(String path, String before, String now) throws Exception {
        LocalFile file = file(path, now);
        object(path, before, Checksums.of(bytes(before)).md5());
        file.md5();
    }

    /** Same content in the bucket, under an ETag that is no MD5 of it (SSE-KMS), with gio's SHA-256 recorded. */
    private void kmsEtag(String path, String content) throws Exception {
        LocalFile file = file(path, content);
        object(path, content, "0123456789abcdef0123456789abcdef");
        file.md5();
    }

    private LocalFile file(String path, String content) throws Exception {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes(content));
        LocalFile localFile = LocalFile.of(path, file);
        local.add(localFile);
        return localFile;
    }

    private void object(String path, String content, String etag) {
        String key = LAYOUT.key(path);
        remote.add(new RemoteObject(key, bytes(content).length, etag, Instant.parse("2026-11-01T10:00:00Z")));
        recorded.put(key, Checksums.of(bytes(content)).sha256());
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
