package io.gravitee.release.gio.staging.resolve;

import io.gravitee.release.gio.staging.StagingException;
import java.util.Objects;

/**
 * The private repository released files are resolved from, given as {@code id::url} (the id names the
 * settings.xml {@code <server>} holding its credentials, as for {@code -DaltDeploymentRepository}).
 *
 * @param id  the repository (and settings.xml server) id
 * @param url its base URL without a trailing slash: http(s) or file
 */
public record SourceRepository(String id, String url) {

    public SourceRepository {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Parses {@code id::url}; the legacy {@code id::layout::url} form is accepted too. */
    public static SourceRepository parse(String value) {
        if (value == null || value.isBlank()) {
            throw new StagingException("No source repository: set -Dgio.staging.sourceRepository=id::url to the private"
                    + " repository the component was released to");
        }
        String[] parts = value.trim().split("::");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[parts.length - 1].isBlank()) {
            throw new StagingException("-Dgio.staging.sourceRepository='" + value
                    + "' is not of the form id::url (e.g. gravitee-releases::https://repo.example.com/releases)");
        }
        String url = parts[parts.length - 1];
        if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("file:")) {
            throw new StagingException("-Dgio.staging.sourceRepository: '" + url + "' is not an http(s) or file URL");
        }
        return new SourceRepository(parts[0], url);
    }

    @Override
    public String toString() {
        return id + "::" + url;
    }
}
