import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.index.IndexRefresher;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import io.gravitee.release.gio.bundle.sync.SyncPlan.Generated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the index pages gio would generate for a sample download site (APIM releases, plugins, and names that
 * need escaping) into a directory, with empty stand-ins for the files, for a look in a browser.
 * Usage: java -cp CLASSPATH IndexSample.java OUTPUT_DIR
 */
public class IndexSample {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        BucketLayout layout = new BucketLayout("graviteeio-apim");
        Instant day = Instant.parse("2024-03-11T09:42:00Z");
        List<RemoteObject> objects = new ArrayList<>();
        String[] versions = {"4.3.0", "4.3.1", "4.3.2", "4.4.0", "4.4.1", "4.4.10", "4.4.2", "4.5.0"};
        for (int i = 0; i < versions.length; i++) {
            Instant when = day.plus(23L * i, ChronoUnit.DAYS);
            add(objects, layout, "distributions/graviteeio-full-" + versions[i] + ".zip", 160_000_000L + 1_234_567L * i, when);
            add(objects, layout, "components/gravitee-gateway/gravitee-gateway-" + versions[i] + ".zip", 80_000_000L + 99_999L * i, when);
        }
        add(objects, layout, "plugins/policies/gravitee-policy-mock/gravitee-policy-mock-1.13.0.zip", 18_432, day);
        add(objects, layout, "distributions/notes & <changes> \"2024\" – été.txt", 2_345, day);
        objects.add(new RemoteObject(layout.key("components/gravitee-rest-api/gravitee-rest-api-4.5.0.zip"), 95_000_000L, "x", day));
        IndexRefresher.Refresh refresh = new IndexRefresher("download.gravitee.io", layout).refreshAll(objects);
        for (RemoteObject object : objects) {
            Path file = out.resolve(object.key());
            Files.createDirectories(file.getParent());
            Files.writeString(file, "stand-in for " + object.key() + "\n");
        }
        for (Generated page : refresh.writes()) {
            Path file = out.resolve(layout.key(page.relativePath()));
            Files.createDirectories(file.getParent());
            Files.write(file, page.content());
        }
        System.out.println("Wrote " + refresh.writes().size() + " index pages under " + out.resolve(layout.prefix()));
    }

    private static void add(List<RemoteObject> objects, BucketLayout layout, String path, long size, Instant when) {
        objects.add(new RemoteObject(layout.key(path), size, "x", when));
        for (String sidecar : BucketLayout.sidecarsOf(path)) {
            objects.add(new RemoteObject(layout.key(sidecar), 100, "x", when));
        }
    }
}
