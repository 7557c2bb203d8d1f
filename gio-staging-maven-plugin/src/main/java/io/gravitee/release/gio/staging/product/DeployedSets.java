package io.gravitee.release.gio.staging.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gravitee.release.gio.staging.StagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What gio-release recorded it deployed, read from the release repository's ledger ({@code release-ledger.json},
 * each component's {@code deploy.files}: one {@code sha1  path} line per file): the first source of a staged
 * module's files, before any listing of the repository.
 */
public final class DeployedSets {
    static final String RELEASE_LEDGER = "release-ledger.json";
    static final String DEPLOYED = "deploy.files";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployedSets() {}

    /** Every recorded path of every component; empty when the release kept no record (or ran elsewhere). */
    public static Set<String> read(Path checkout) {
        Path file = checkout.resolve(RELEASE_LEDGER);
        Set<String> paths = new TreeSet<>();
        if (!Files.isRegularFile(file)) {
            return paths;
        }
        try {
            for (JsonNode component : JSON.readTree(file.toFile()).path("components")) {
                for (String line : component.path("ids").path(DEPLOYED).asText("").split("\n")) {
                    if (line.length() > 42) {
                        paths.add(line.substring(42));
                    }
                }
            }
        } catch (IOException e) {
            throw new StagingException(file + " (gio-release's ledger) cannot be read: " + e.getMessage()
                    + ". Nothing was staged.", e);
        }
        return paths;
    }
}
