package io.gravitee.release.gio.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the two files describing a running sandbox: {@code sandbox.json} and {@code settings.xml}. */
final class SandboxFiles {

    static final String SANDBOX_JSON = "sandbox.json";
    static final String SETTINGS_XML = "settings.xml";
    /** The settings profile adding the sandbox's private Maven repository. */
    static final String PROFILE = "gio-sandbox";
    static final String SNAPSHOTS_ID = "gio-maven-snapshots";

    private SandboxFiles() {}

    static void write(Path dir, Map<PeerKind, Peer> peers) throws IOException {
        writePrivate(dir.resolve(SANDBOX_JSON), sandboxJson(peers));
        writePrivate(dir.resolve(SETTINGS_XML), settingsXml(peers));
    }

    /** {@code {"<peer>": {"url": ..., "username": ..., "password": ..., <extras>}}}. */
    static String sandboxJson(Map<PeerKind, Peer> peers) throws IOException {
        Map<String, Map<String, String>> json = new LinkedHashMap<>();
        peers.forEach((kind, peer) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("url", peer.url().toString());
            entry.put("username", peer.credentials().username());
            entry.put("password", peer.credentials().password());
            entry.putAll(peer.extras());
            json.put(kind.id(), entry);
        });
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
    }

    /**
     * A Maven settings file with one {@code <server>} per peer, id {@code gio-<peer>}. With a {@code maven} peer,
     * an always active profile {@value #PROFILE} adds its releases ({@code gio-maven}) and snapshots
     * ({@code gio-maven-snapshots}, same credentials) repositories, so that component builds resolve what earlier
     * components released there; Maven Central stays reachable (no mirror).
     */
    static String settingsXml(Map<PeerKind, Peer> peers) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<settings xmlns=\"http://maven.apache.org/SETTINGS/1.2.0\"\n")
                .append("          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("          xsi:schemaLocation=\"http://maven.apache.org/SETTINGS/1.2.0"
                        + " https://maven.apache.org/xsd/settings-1.2.0.xsd\">\n")
                .append("  <servers>\n");
        peers.forEach((kind, peer) -> server(xml, kind.serverId(), peer.credentials()));
        Peer maven = peers.get(PeerKind.MAVEN);
        if (maven != null) {
            server(xml, SNAPSHOTS_ID, maven.credentials());
        }
        xml.append("  </servers>\n");
        if (maven != null) {
            xml.append("  <profiles>\n")
                    .append("    <profile>\n")
                    .append("      <id>").append(PROFILE).append("</id>\n")
                    .append("      <repositories>\n");
            repository(xml, PeerKind.MAVEN.serverId(), maven.url().toString(), true);
            repository(xml, SNAPSHOTS_ID, maven.extras().get("snapshotsUrl"), false);
            xml.append("      </repositories>\n")
                    .append("    </profile>\n")
                    .append("  </profiles>\n")
                    .append("  <activeProfiles>\n")
                    .append("    <activeProfile>").append(PROFILE).append("</activeProfile>\n")
                    .append("  </activeProfiles>\n");
        }
        return xml.append("</settings>\n").toString();
    }

    private static void server(StringBuilder xml, String id, PeerCredentials credentials) {
        xml.append("    <server>\n")
                .append("      <id>").append(id).append("</id>\n")
                .append("      <username>").append(escape(credentials.username())).append("</username>\n")
                .append("      <password>").append(escape(credentials.password())).append("</password>\n")
                .append("    </server>\n");
    }

    private static void repository(StringBuilder xml, String id, String url, boolean releases) {
        xml.append("        <repository>\n")
                .append("          <id>").append(id).append("</id>\n")
                .append("          <url>").append(escape(url)).append("</url>\n")
                .append("          <releases><enabled>").append(releases).append("</enabled></releases>\n")
                .append("          <snapshots><enabled>").append(!releases).append("</enabled></snapshots>\n")
                .append("        </repository>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** Whole file or nothing, readable by its owner only: both files hold passwords. */
    static void writePrivate(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
