package io.gravitee.release.gio.sandbox.pipeline;

import io.gravitee.release.gio.sandbox.Nexus2Peer;
import io.gravitee.release.gio.sandbox.PeerCredentials;
import io.gravitee.release.gio.sandbox.s3.S3Peer;
import java.net.URI;

/**
 * The {@code settings.xml} of one pipeline run: a server per peer (ids {@code gio-maven}, {@code gio-nexus2},
 * {@code gio-s3}) and an always active profile that makes the run's private repository a repository, so that
 * components of later waves resolve what earlier waves released.
 */
final class PipelineSettings {
    private PipelineSettings() {
    }

    static String xml(Pipeline.Config config, URI privateRepository, Nexus2Peer nexus2, S3Peer s3) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<settings>\n  <servers>\n");
        server(xml, "gio-maven", config.nexus3().credentials());
        server(xml, "gio-nexus2", nexus2.credentials());
        server(xml, "gio-s3", s3.credentials());
        xml.append("  </servers>\n  <profiles>\n    <profile>\n      <id>gio-pipeline</id>\n")
                .append("      <activation><activeByDefault>true</activeByDefault></activation>\n")
                .append("      <repositories>\n");
        repository(xml, "repository", "gio-maven", privateRepository.toString());
        if (config.remoteRepository() != null) {
            repository(xml, "repository", "local.central", config.remoteRepository());
        }
        xml.append("      </repositories>\n      <pluginRepositories>\n");
        if (config.remoteRepository() != null) {
            repository(xml, "pluginRepository", "local.central", config.remoteRepository());
        }
        xml.append("      </pluginRepositories>\n    </profile>\n  </profiles>\n</settings>\n");
        return xml.toString();
    }

    private static void server(StringBuilder xml, String id, PeerCredentials credentials) {
        xml.append("    <server><id>").append(id).append("</id><username>").append(escape(credentials.username()))
                .append("</username><password>").append(escape(credentials.password()))
                .append("</password></server>\n");
    }

    private static void repository(StringBuilder xml, String element, String id, String url) {
        xml.append("        <").append(element).append("><id>").append(id).append("</id><url>").append(escape(url))
                .append("</url><releases><enabled>true</enabled></releases><snapshots><enabled>true</enabled>")
                .append("</snapshots></").append(element).append(">\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
