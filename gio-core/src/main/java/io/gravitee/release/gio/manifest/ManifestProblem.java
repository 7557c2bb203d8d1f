package io.gravitee.release.gio.manifest;

/**
 * One thing wrong with a manifest.
 *
 * @param place where: {@code line L, column C} or a JSON path such as {@code components[3] (gravitee-common)}
 * @param problem what is wrong
 * @param fix what to do about it
 */
public record ManifestProblem(String place, String problem, String fix) {
    @Override
    public String toString() {
        return place + ": " + problem + " Fix: " + fix;
    }
}
