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
 * Decides which files a released module has. Maven repositories keep no record of a module's attached
 * artifacts (the POM does not list them), so they are discovered, in this order:
 * <ol>
 *   <li>a {@code file:} repository: its version directory is listed;</li>
 *   <li>a Nexus Repository 3 URL ({@code .../repository/<name>}): the search REST API
 *       {@code /service/rest/v1/search/assets?repository=&group=&name=&version=} lists every asset
 *       (followed through its continuation tokens);</li>
 *   <li>any other http(s) repository: the HTML directory listing of the version directory, when the server
 *       serves one (Nexus 2, Artifactory, Apache/nginx autoindex, Reposilite);</li>
 *   <li>otherwise, the <em>expected</em> files: the POM, the main artifact by packaging, sources and javadoc for
 *       jar packaging, plus the classifiers named by {@code -Dgio.staging.classifiers}.</li>
 * </ol>
 * A listing never removes an expected file: the POM, the main artifact, sources and javadoc are always
 * resolved, so a missing one is reported rather than silently not staged. Signatures and checksums
 * ({@code .asc}, {@code .md5}, {@code .sha1}, ...) are not artifacts of their own: they go with their file.
 */
public final class AttachedFileDiscovery {
    private static final List<String> SIDECARS = List.of(".asc", ".md5", ".sha1", ".sha256", ".sha512");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEXUS3 = Pattern.compile("^(https?://.+?)/repository/([^/]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the files of a module were found, for the report. */
    public enum Method { DIRECTORY, NEXUS3_SEARCH, HTML_LISTING, EXPECTED }

    /** The files found and how. */
    public record Discovered(List<ArtifactFile> files, Method method) {}

    private final SourceRepository repository;
    private final HttpArtifactFetcher http;
    private final List<ArtifactFile.Extra> extras;

    /**
     * @param http   raw access for listings; null to use expected files only (e.g. through maven-resolver
     *               when the repository cannot be read anonymously and no credentials are at hand)
     * @param extras classifiers expected in addition to sources and javadoc ({@code classifier:extension})
     */
    public AttachedFileDiscovery(SourceRepository repository, HttpArtifactFetcher http, List<ArtifactFile.Extra> extras) {
        this.repository = repository;
        this.http = http;
        this.extras = List.copyOf(extras);
    }

    /** Every file of {@code module} to resolve, the POM first. */
    public Discovered discover(ReleasedModule module) throws IOException {
        Set<ArtifactFile> files = new LinkedHashSet<>(expected(module));
        Optional<List<String>> listed = Optional.empty();
        Method method = Method.EXPECTED;
        if (repository.url().startsWith("file:")) {
            listed = listDirectory(module);
            method = Method.DIRECTORY;
        } else if (http != null) {
            Matcher nexus3 = NEXUS3.matcher(repository.url());
            if (nexus3.matches()) {
                listed = searchNexus3(nexus3.group(1), nexus3.group(2), module);
                method = Method.NEXUS3_SEARCH;
            }
            if (listed.isEmpty()) {
                listed = htmlListing(module);
                method = Method.HTML_LISTING;
            }
        }
        if (listed.isEmpty()) {
            method = Method.EXPECTED;
        } else {
            for (String name : listed.get()) {
                parse(module, name).ifPresent(files::add);
            }
        }
        return new Discovered(List.copyOf(files), method);
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
