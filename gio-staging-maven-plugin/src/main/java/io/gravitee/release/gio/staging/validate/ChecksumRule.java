package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes resolved must be the bytes released: the source repository's {@code .sha1} and {@code .md5} must
 * exist and match. (gio writes fresh checksum files for staging from the verified bytes.)
 */
public final class ChecksumRule implements StagingRule {
    @Override
    public String id() {
        return "checksum";
    }

    @Override
    public List<Problem> check(ResolvedComponent component) {
        List<Problem> problems = new ArrayList<>();
        for (ResolvedFile file : component.files()) {
            if (file.declaredSha1() == null && file.declaredMd5() == null) {
                problems.add(new Problem(id(), file.path(), "the source repository has neither .sha1 nor .md5 for it:"
                        + " its integrity cannot be verified"));
                continue;
            }
            if (file.declaredSha1() != null && !file.declaredSha1().equals(file.checksums().sha1())) {
                problems.add(new Problem(id(), file.path(), "SHA-1 " + file.checksums().sha1()
                        + " of the downloaded bytes differs from the repository's .sha1 " + file.declaredSha1()
                        + ": the file is corrupt in the source repository or was altered in transit"));
            }
            if (file.declaredMd5() != null && !file.declaredMd5().equals(file.checksums().md5())) {
                problems.add(new Problem(id(), file.path(), "MD5 " + file.checksums().md5()
                        + " of the downloaded bytes differs from the repository's .md5 " + file.declaredMd5()));
            }
        }
        return problems;
    }
}
