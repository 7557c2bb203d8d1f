package io.gravitee.release.gio.release.build;

import io.gravitee.release.gio.release.pom.ReleaseLookup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Releases as Maven repositories hold them: the deploy repository first (what earlier releases and earlier runs of
 * this one deployed), then the repositories users resolve from ({@code -Dgio.release.lookupRepositories}, e.g. Maven
 * Central). A release is there when its {@code .pom} is; the versions of an artifact are its {@code maven-metadata.xml}
 * {@code <version>} entries, merged over the repositories.
 */
public final class RepositoryReleases implements ReleaseLookup {
    private static final Pattern VERSION = Pattern.compile("<version>\\s*([^<\\s]+)\\s*</version>");

    private final List<DeployRepository> repositories;

    public RepositoryReleases(List<DeployRepository> repositories) {
        this.repositories = List.copyOf(repositories);
    }

    @Override
    public boolean has(String groupId, String artifactId, String version) throws IOException {
        for (DeployRepository repository : repositories) {
            if (repository.contains(groupId, artifactId, version)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> versions(String groupId, String artifactId) throws IOException {
        Set<String> versions = new LinkedHashSet<>();
        for (DeployRepository repository : repositories) {
            Optional<String> metadata = repository.text(groupId.replace('.', '/') + "/" + artifactId + "/maven-metadata.xml");
            if (metadata.isPresent()) {
                Matcher m = VERSION.matcher(metadata.get());
                while (m.find()) {
                    versions.add(m.group(1));
                }
            }
        }
        return new ArrayList<>(versions);
    }

    @Override
    public String describe() {
        return repositories.isEmpty() ? "nothing else"
                : repositories.stream().map(r -> r.id() + " (" + r.url() + ")").collect(Collectors.joining(", "));
    }
}
