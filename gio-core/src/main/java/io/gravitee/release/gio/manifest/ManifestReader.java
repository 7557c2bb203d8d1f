package io.gravitee.release.gio.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code release.json} and checks it can drive a release; every problem is reported at once. */
final class ManifestReader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ManifestReader() {}

    static Manifest read(Path file, boolean strict) throws ManifestException {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ManifestException(source, new ManifestProblem("file", "the file does not exist.",
                    "run the goal in the release repository checkout, or point -Dgio.manifest at the manifest."));
        } catch (IOException e) {
            throw new ManifestException(source, new ManifestProblem("file", "cannot be read: " + e.getMessage() + ".",
                    "check the file's permissions."));
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(source, new ManifestProblem("file", "is not UTF-8 text.",
                    "save the manifest as UTF-8."));
        }
        return parse(json, source, strict);
    }

    static Manifest parse(String json, String source, boolean strict) throws ManifestException {
        if (json.isBlank()) {
            throw new ManifestException(source, new ManifestProblem("line 1, column 1", "the manifest is empty.",
                    "write the release manifest: an object with name, version, components and buildDependencies."));
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place = at == null ? "file" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ManifestException(source, new ManifestProblem(place,
                    "malformed JSON: " + e.getOriginalMessage() + ".",
                    "correct the JSON syntax there (a missing comma, quote or bracket is the usual cause)."));
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ManifestException(source, new ManifestProblem("line 1, column 1",
                    "the manifest is a JSON " + tree.getNodeType().name().toLowerCase() + " where an object is expected.",
                    "the manifest must be an object with name, version, components and buildDependencies."));
        }
        ManifestValidator validator = new ManifestValidator(root, JsonLocations.index(json), strict);
        List<ManifestProblem> problems = new ArrayList<>(validator.validate());
        if (!problems.isEmpty()) {
            throw new ManifestException(source, problems);
        }
        return new Manifest(source, root, validator.warnings());
    }
}
