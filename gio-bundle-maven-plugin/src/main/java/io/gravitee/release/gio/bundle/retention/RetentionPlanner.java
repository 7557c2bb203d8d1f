package io.gravitee.release.gio.bundle.retention;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.index.Listing;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link RetentionPolicy} to a listing of the bucket and decides what goes.
 * <ul>
 *   <li>Release files are the {@code <name>-M.m.p.zip} files under {@code distributions/} and {@code components/}.
 *       A line {@code M.m} is released on the day of its first version ({@code releaseDates} of the policy, else the
 *       oldest upload date of that version's files) and goes, with all its versions, once its support window
 *       (LTS or not) is over. The newest line always stays, whatever its age, so that the site is never emptied.
 *       {@code plugins/} are never pruned: one plugin version is shipped by several product lines.</li>
 *   <li>Nightly builds are the subdirectories of the nightly directory, dated by their newest object. The newest
 *       {@code keep} stay unless older than {@code maxAgeDays}.</li>
 * </ul>
 * Index pages are not part of the plan: they are refreshed after the deletions.
 */
public final class RetentionPlanner {
    private static final Pattern RELEASE_FILE = Pattern.compile("(?:distributions|components)/(?:.*/)?[^/]+-(\\d+)\\.(\\d+)\\.(\\d+)\\.zip");

    private final RetentionPolicy policy;
    private final BucketLayout layout;

    public RetentionPlanner(RetentionPolicy policy, BucketLayout layout) {
        this.policy = policy;
        this.layout = layout;
    }

    /** @param now the moment windows and ages are measured from */
    public PrunePlan plan(List<RemoteObject> objects, Instant now) {
        Map<String, RemoteObject> byPath = new TreeMap<>();
        for (RemoteObject object : objects) {
            layout.relative(object.key()).ifPresent(path -> byPath.put(path, object));
        }
        List<PrunePlan.Removal> removals = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        policy.release().ifPresent(r -> planReleases(r, byPath, LocalDate.ofInstant(now, ZoneOffset.UTC), removals, kept));
        policy.nightly().ifPresent(n -> planNightlies(n, byPath, now, removals, kept));
        return new PrunePlan(removals, kept);
    }

    private record Release(int major, int minor, int patch) {
        String line() {
            return major + "." + minor;
        }

        @Override
        public String toString() {
            return major + "." + minor + "." + patch;
        }
    }

    private void planReleases(RetentionPolicy.Releases policy, Map<String, RemoteObject> byPath, LocalDate today,
            List<PrunePlan.Removal> removals, List<String> kept) {
        Comparator<Release> order = Comparator.comparingInt(Release::major).thenComparingInt(Release::minor).thenComparingInt(Release::patch);
        Map<Release, List<String>> files = new TreeMap<>(order);
        Map<Release, LocalDate> uploaded = new TreeMap<>(order);
        for (Map.Entry<String, RemoteObject> entry : byPath.entrySet()) {
            Matcher m = RELEASE_FILE.matcher(entry.getKey());
            if (!m.matches()) {
                continue;
            }
            Release release = new Release(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            files.computeIfAbsent(release, k -> new ArrayList<>()).add(entry.getKey());
            LocalDate day = LocalDate.ofInstant(entry.getValue().lastModified(), ZoneOffset.UTC);
            uploaded.merge(release, day, (a, b) -> a.isBefore(b) ? a : b);
        }
        // Line -> its first release day and its versions, newest line last.
        Map<String, LocalDate> firstRelease = new TreeMap<>();
        Map<String, List<Release>> versions = new TreeMap<>();
        Optional<Release> newest = files.keySet().stream().max(order);
        for (Release release : files.keySet()) {
            LocalDate day = policy.releaseDates().getOrDefault(release.toString(), uploaded.get(release));
            firstRelease.merge(release.line(), day, (a, b) -> a.isBefore(b) ? a : b);
            versions.computeIfAbsent(release.line(), k -> new ArrayList<>()).add(release);
        }
        for (Map.Entry<String, List<Release>> line : versions.entrySet()) {
            boolean lts = policy.ltsLines().contains(line.getKey());
            int months = lts ? policy.ltsSupportMonths() : policy.supportMonths();
            LocalDate first = firstRelease.get(line.getKey());
            LocalDate end = first.plusMonths(months);
            String window = (lts ? "LTS line " : "line ") + line.getKey() + " (first released " + first + ", supported "
                    + months + " months";
            if (newest.isPresent() && newest.get().line().equals(line.getKey())) {
                kept.add(window + "): kept, it is the newest line");
            } else if (!end.isBefore(today)) {
                kept.add(window + " until " + end + "): kept");
            } else {
                for (Release release : line.getValue()) {
                    List<String> paths = new ArrayList<>();
                    for (String path : files.get(release)) {
                        paths.add(path);
                        BucketLayout.sidecarsOf(path).stream().filter(byPath::containsKey).forEach(paths::add);
                    }
                    removals.add(new PrunePlan.Removal(release.toString(), window + ", support ended " + end + ")", paths));
                }
            }
        }
    }

    private void planNightlies(RetentionPolicy.Nightly policy, Map<String, RemoteObject> byPath, Instant now,
            List<PrunePlan.Removal> removals, List<String> kept) {
        String base = policy.directory() + "/";
        Map<String, List<String>> builds = new TreeMap<>();
        Map<String, Instant> newestObject = new TreeMap<>();
        for (Map.Entry<String, RemoteObject> entry : byPath.entrySet()) {
            String path = entry.getKey();
            int slash = path.indexOf('/', base.length());
            if (!path.startsWith(base) || slash < 0 || BucketLayout.isIndex(path)) {
                continue;
            }
            String build = path.substring(0, slash);
            builds.computeIfAbsent(build, k -> new ArrayList<>()).add(path);
            newestObject.merge(build, entry.getValue().lastModified(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<String> newestFirst = new ArrayList<>(builds.keySet());
        newestFirst.sort(Comparator.comparing((String b) -> newestObject.get(b))
                .thenComparing((a, b) -> Listing.naturalCompare(a, b)).reversed());
        Instant oldestAllowed = policy.maxAgeDays() == 0 ? Instant.MIN : now.minus(policy.maxAgeDays(), ChronoUnit.DAYS);
        for (int i = 0; i < newestFirst.size(); i++) {
            String build = newestFirst.get(i);
            Instant date = newestObject.get(build);
            String reason;
            if (i >= policy.keep()) {
                reason = "nightly build #" + (i + 1) + " from the newest (built " + date + "), keep " + policy.keep();
            } else if (date.isBefore(oldestAllowed)) {
                reason = "nightly built " + date + ", older than " + policy.maxAgeDays() + " days";
            } else {
                kept.add("nightly " + build + " (built " + date + "): kept");
                continue;
            }
            removals.add(new PrunePlan.Removal(build, reason, builds.get(build)));
        }
    }
}
