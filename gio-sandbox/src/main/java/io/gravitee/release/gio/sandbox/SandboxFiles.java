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

    /** A Maven settings file with one {@code <server>} per peer, id {@code gio-<peer>}. */
    static String settingsXml(Map<PeerKind, Peer> peers) {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<settings xmlns=\"http://maven.apache.org/SETTINGS/1.2.0\"\n")
                .append("          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("          xsi:schemaLocation=\"http://maven.apache.org/SETTINGS/1.2.0"
                        + " https://maven.apache.org/xsd/settings-1.2.0.xsd\">\n")
                .append("  <servers>\n");
        peers.forEach((kind, peer) -> xml.append("    <server>\n")
                .append("      <id>").append(kind.serverId()).append("</id>\n")
                .append("      <username>").append(escape(peer.credentials().username())).append("</username>\n")
                .append("      <password>").append(escape(peer.credentials().password())).append("</password>\n")
                .append("    </server>\n"));
        return xml.append("  </servers>\n").append("</settings>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** Whole file or nothing, readable by its owner only: both files hold passwords. */
    private static void writePrivate(Path target, String content) throws IOException {
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
