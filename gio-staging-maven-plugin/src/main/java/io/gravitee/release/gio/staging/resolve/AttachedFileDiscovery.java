package io.gravitee.release.gio.staging.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Decides which files a released module has: its deployed set, to publish no less, no more. Maven repositories
 * keep no record of a module's attached artifacts (the POM does not list them), so the set is the union of
 * <ul>
 *   <li>what the repository lists, where it can: a {@code file:} repository's version directory; a Nexus
 *       Repository 3 URL ({@code .../repository/<name>}) through its search REST API
 *       {@code /service/rest/v1/search/assets} (followed through its continuation tokens); an Artifactory URL
 *       ({@code .../artifactory/<repo>}) through its storage API {@code /api/storage/<repo>/<path>?list&deep=1};
 *       else the HTML directory listing of the version directory, when the server serves one (Nexus 2,
 *       Apache/nginx autoindex, Reposilite);</li>
 *   <li>and what the build is known to produce: the POM, the main artifact by packaging, sources and javadoc for
 *       jar packaging, what the effective model's plugin executions attach ({@link
 *       io.gravitee.release.gio.staging.model.BuildAttachments}: a policy's assembly zip), plus the classifiers named
 *       by {@code -Dgio.staging.classifiers}.</li>
 * </ul>
 * A listing never removes a file the build produces, so a missing one is reported rather than silently not staged;
 * and a listed file that cannot be staged as a file of the module (a name that is not {@code artifactId-version...})
 * is reported, not skipped. Signatures and checksums ({@code .asc}, {@code .md5}, {@code .sha1}, ...) are not
 * artifacts of their own: they go with their file.
 */
public final class AttachedFileDiscovery {
    private static final List<String> SIDECARS = List.of(".asc", ".md5", ".sha1", ".sha256", ".sha512");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEXUS3 = Pattern.compile("^(https?://.+?)/repository/([^/]+)$");
    private static final Pattern ARTIFACTORY = Pattern.compile("^(https?://.+?/artifactory)/([^/]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the files of a module were found, for the report. */
    public enum Method {
        LEDGER("gio-release's record of the deploy"),
        DIRECTORY("the repository's directory"),
        NEXUS3_SEARCH("Nexus 3's search API"),
        ARTIFACTORY_STORAGE("Artifactory's storage API"),
        HTML_LISTING("the repository's HTML listing"),
        EXPECTED("the effective model (the repository serves no listing)");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        /** For the resolve's log: where the list came from. */
        public String description() {
            return description;
        }
    }

    /**
     * The files found and how.
     *
     * @param unknown names the listing shows in the module's version directory that are no file of the module
     */
    public record Discovered(List<ArtifactFile> files, Method method, List<String> unknown) {}

    private final SourceRepository repository;
    private final HttpArtifactFetcher http;
    private final List<ArtifactFile.Extra> extras;
    private final Set<String> recorded;

    /**
     * @param http   raw access for listings; null to use expected files only (e.g. through maven-resolver
     *               when the repository cannot be read anonymously and no credentials are at hand)
     * @param extras classifiers expected in addition to sources and javadoc ({@code classifier:extension})
     */
    public AttachedFileDiscovery(SourceRepository repository, HttpArtifactFetcher http, List<ArtifactFile.Extra> extras) {
        this(repository, http, extras, Set.of());
    }

    private AttachedFileDiscovery(SourceRepository repository, HttpArtifactFetcher http, List<ArtifactFile.Extra> extras,
            Set<String> recorded) {
        this.repository = repository;
        this.http = http;
        this.extras = List.copyOf(extras);
        this.recorded = Set.copyOf(recorded);
    }

    /**
     * A discovery that takes a module's files from {@code deployed} (repository paths gio-release recorded when it
     * deployed the release) before any listing: what was deployed is known, not guessed.
     */
    public AttachedFileDiscovery withRecorded(Set<String> deployed) {
        return new AttachedFileDiscovery(repository, http, extras, deployed);
    }

    /** Every file of {@code module} to resolve, the POM first. */
    public Discovered discover(ReleasedModule module) throws IOException {
        return discover(module, List.of());
    }

    /** Every file of {@code module} to resolve, the POM first, with {@code attached}: what its build attaches. */
    public Discovered discover(ReleasedModule module, List<ArtifactFile> attached) throws IOException {
        Set<ArtifactFile> files = new LinkedHashSet<>(expected(module));
        files.addAll(attached);
        List<String> unknown = new ArrayList<>();
        Optional<List<String>> listed = Optional.empty();
        Method method = Method.EXPECTED;
        String prefix = module.directory() + "/";
        List<String> fromLedger = recorded.stream().filter(p -> p.startsWith(prefix))
                .map(p -> p.substring(prefix.length())).sorted().toList();
        if (!fromLedger.isEmpty()) {
            listed = Optional.of(fromLedger);
            method = Method.LEDGER;
        } else if (repository.url().startsWith("file:")) {
            listed = listDirectory(module);
            method = Method.DIRECTORY;
        } else if (http != null) {
            Matcher nexus3 = NEXUS3.matcher(repository.url());
            Matcher artifactory = ARTIFACTORY.matcher(repository.url());
            if (nexus3.matches()) {
                listed = searchNexus3(nexus3.group(1), nexus3.group(2), module);
                method = Method.NEXUS3_SEARCH;
            } else if (artifactory.matches()) {
                listed = artifactoryStorage(artifactory.group(1), artifactory.group(2), module);
                method = Method.ARTIFACTORY_STORAGE;
            }
            if (listed.isEmpty()) {
                listed = htmlListing(module);
                method = Method.HTML_LISTING;
            }
        }
        if (listed.isEmpty()) {
            method = Method.EXPECTED;
        } else {
            // (the ledger's record is read like a listing: every recorded file must be a file of the module)
            for (String name : listed.get()) {
                Optional<ArtifactFile> file = parse(module, name);
                if (file.isPresent()) {
                    files.add(file.get());
                } else if (!ignorable(name)) {
                    unknown.add(name);
                }
            }
        }
        return new Discovered(List.copyOf(files), method, unknown);
    }

    /** The files every module of this packaging must have, plus the configured extra classifiers. */
    public List<ArtifactFile> expected(ReleasedModule module) {
        List<ArtifactFile> files = new ArrayList<>();
        files.add(new ArtifactFile(module, "", "pom"));
        if (module.mainExtension() != null) {
            files.add(new ArtifactFile(module, "", module.mainExtension()));
        }
        if (module.needsSourcesAndJavadoc()) {
            files.add(new ArtifactFile(module, "sources", "jar"));
            files.add(new ArtifactFile(module, "javadoc", "jar"));
        }
        for (ArtifactFile.Extra extra : extras) {
            files.add(new ArtifactFile(module, extra.classifier(), extra.extension()));
        }
        return files;
    }

    /** Sidecars go with their file; the metadata and index files repositories keep are not the release's. */
    private static boolean ignorable(String name) {
        return SIDECARS.stream().anyMatch(name::endsWith) || name.startsWith("maven-metadata")
                || name.equals("_remote.repositories") || name.endsWith(".lastUpdated") || name.startsWith(".");
    }

    /** The artifact a file name in the version directory stands for; empty for sidecars and foreign files. */
    static Optional<ArtifactFile> parse(ReleasedModule module, String name) {
        String prefix = module.artifactId() + "-" + module.version();
        if (!name.startsWith(prefix) || SIDECARS.stream().anyMatch(name::endsWith) || name.contains("/")) {
            return Optional.empty();
        }
        String rest = name.substring(prefix.length());
        if (rest.startsWith(".") && rest.length() > 1) {
            return Optional.of(new ArtifactFile(module, "", rest.substring(1)));
        }
        int dot = rest.indexOf('.');
        if (rest.startsWith("-") && dot > 1 && dot < rest.length() - 1) {
            return Optional.of(new ArtifactFile(module, rest.substring(1, dot), rest.substring(dot + 1)));
        }
        return Optional.empty();
    }

    private Optional<List<String>> listDirectory(ReleasedModule module) throws IOException {
        Path dir = Path.of(URI.create(repository.url() + "/" + module.directory()));
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return Optional.of(list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private Optional<List<String>> searchNexus3(String base, String name, ReleasedModule module) throws IOException {
        List<String> names = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 100; page++) {
            String url = base + "/service/rest/v1/search/assets?repository=" + enc(name) + "&group="
                    + enc(module.groupId()) + "&name=" + enc(module.artifactId()) + "&version=" + enc(module.version())
                    + (token == null ? "" : "&continuationToken=" + enc(token));
            Optional<String> body = http.getText(url);
            if (body.isEmpty()) {
                return Optional.empty();
            }
            JsonNode root = JSON.readTree(body.get());
            for (JsonNode item : root.path("items")) {
                String path = item.path("path").asText();
                names.add(path.substring(path.lastIndexOf('/') + 1));
            }
            token = root.path("continuationToken").isTextual() ? root.path("continuationToken").asText() : null;
            if (token == null) {
                return Optional.of(names);
            }
        }
        return Optional.of(names);
    }

    /** Artifactory's storage API lists a folder's files, with {@code deep=1} those under it as well. */
    private Optional<List<String>> artifactoryStorage(String base, String repo, ReleasedModule module) throws IOException {
        Optional<String> body = http.getText(base + "/api/storage/" + repo + "/" + module.directory() + "?list&deep=1");
        if (body.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = JSON.readTree(body.get());
        if (!root.path("files").isArray()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode file : root.path("files")) {
            if (!file.path("folder").asBoolean(false)) {
                names.add(file.path("uri").asText().replaceFirst("^/", ""));
            }
        }
        return Optional.of(names);
    }

    private Optional<List<String>> htmlListing(ReleasedModule module) throws IOException {
        Optional<String> html = http.getText(repository.url() + "/" + module.directory() + "/");
        if (html.isEmpty() || !html.get().toLowerCase(java.util.Locale.ROOT).contains("<a ")) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        Matcher matcher = HREF.matcher(html.get());
        while (matcher.find()) {
            String href = matcher.group(1);
            String name = href.substring(href.replaceAll("/+$", "").lastIndexOf('/') + 1);
            if (!name.isEmpty() && !href.endsWith("/")) {
                names.add(java.net.URLDecoder.decode(name, StandardCharsets.UTF_8));
            }
        }
        return Optional.of(names);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
