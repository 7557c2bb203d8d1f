package io.gravitee.release.gio.bundle.index;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.bundle.sync.SyncPlan.Generated;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which index pages to write or delete after the bucket changed. A directory's page is refreshed
 * when something in it changed; its parent's too when the directory appeared or disappeared (the parent
 * lists it). A page whose rendering equals the page in the bucket is not rewritten.
 */
public final class IndexRefresher {

    /**
     * @param writes pages to write, as paths relative to the prefix
     * @param deletes pages of directories that no longer hold any file
     */
    public record Refresh(List<Generated> writes, List<String> deletes) {
        public Refresh {
            writes = List.copyOf(writes);
            deletes = List.copyOf(deletes);
        }
    }

    private final String site;
    private final BucketLayout layout;

    /** @param site the name pages show first, e.g. the bucket */
    public IndexRefresher(String site, BucketLayout layout) {
        this.site = site;
        this.layout = layout;
    }

    /**
     * @param after every object under the prefix now
     * @param touched directories where files were written or deleted
     * @param before directories that held files before the change
     */
    public Refresh refresh(List<RemoteObject> after, Set<String> touched, Set<String> before) {
        Listing listing = Listing.of(layout, after);
        Set<String> now = listing.directories();
        Set<String> pages = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>(touched);
        while (!pending.isEmpty()) {
            String directory = pending.pop();
            if (pages.add(directory) && !directory.isEmpty() && (!before.contains(directory) || !now.contains(directory))) {
                pending.push(BucketLayout.directoryOf(directory));
            }
        }
        return pagesFor(listing, pages);
    }

    /** Every page of the prefix: what {@code gio-bundle:index} writes. Stale pages of emptied directories go. */
    public Refresh refreshAll(List<RemoteObject> objects) {
        Listing listing = Listing.of(layout, objects);
        Set<String> pages = new TreeSet<>(listing.directories());
        pages.addAll(listing.indexedDirectories());
        return pagesFor(listing, pages);
    }

    private Refresh pagesFor(Listing listing, Set<String> directories) {
        List<Generated> writes = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        Set<String> existing = new HashSet<>(listing.directories());
        for (String directory : directories) {
            String page = directory.isEmpty() ? BucketLayout.INDEX : directory + "/" + BucketLayout.INDEX;
            if (existing.contains(directory)) {
                Generated rendered = Generated.of(page, IndexWriter.render(site, layout, directory, listing.entries(directory)));
                boolean same = listing.index(directory)
                        .filter(RemoteObject::etagIsMd5)
                        .filter(current -> current.size() == rendered.content().length)
                        .map(current -> current.etag().equalsIgnoreCase(rendered.checksums().md5()))
                        .orElse(false);
                if (!same) {
                    writes.add(rendered);
                }
            } else if (listing.index(directory).isPresent()) {
                deletes.add(page);
            }
        }
        return new Refresh(writes, deletes);
    }
}
