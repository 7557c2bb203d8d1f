import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.Channel;
import io.gravitee.release.gio.bundle.s3.S3Store;
import io.gravitee.release.gio.bundle.sync.UploadReport;
import io.gravitee.release.gio.bundle.sync.Uploader;
import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.log.Console;
import java.nio.file.Path;

/**
 * What gio-bundle:upload runs, without Maven's start-up: for the benchmark only.
 * Usage: java -cp CLASSPATH GioUpload ENDPOINT BUCKET PREFIX SOURCE THREADS [DIGEST_CACHE]
 * (keys in GIO_ACCESS_KEY, GIO_SECRET_KEY; DIGEST_CACHE: the file gio-bundle:upload keeps in target/gio)
 */
public class GioUpload {
    public static void main(String[] args) throws Exception {
        Credentials credentials = new Credentials("bench", System.getenv("GIO_ACCESS_KEY"), System.getenv("GIO_SECRET_KEY"));
        try (S3Store store = S3Store.connect(args[0], null, args[1], credentials)) {
            UploadReport report = Uploader.of(store, Console.of(System.out)).upload(new Uploader.Options(
                    Path.of(args[3]), new BucketLayout(args[2]), Channel.NIGHTLY, false, Integer.parseInt(args[4]),
                    Uploader.Options.DEFAULT_PART_SIZE, args.length > 5 ? Path.of(args[5]) : null));
            System.out.printf("gio: %d file(s) uploaded, %d unchanged, %d object(s) written%n",
                    report.filesUploaded(), report.unchanged(), report.written().size());
        }
    }
}
