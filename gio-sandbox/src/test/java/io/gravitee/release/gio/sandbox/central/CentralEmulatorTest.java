package io.gravitee.release.gio.sandbox.central;

import io.gravitee.release.gio.sandbox.http.FaultRule;
import io.gravitee.release.gio.sandbox.http.LoggedRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Publisher API over plain HTTP: auth, state machine, validation, drop, immutability, size limit, faults. */
class CentralEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PURL = "pkg:maven/io.gravitee.it/demo@1.0.0";
    private static final String JAR = "io/gravitee/it/demo/1.0.0/demo-1.0.0.jar";

    private CentralEmulator central;
    private PortalClient portal;

    @BeforeEach
    void start() {
        central = new CentralEmulator(CentralConfig.defaults()
                .withDurations(Duration.ofMillis(150), Duration.ofMillis(150))).start(0);
        portal = new PortalClient(central);
    }

    @AfterEach
    void stop() {
        central.close();
    }

    @Test
    void the_api_requires_the_user_token_and_the_repository_does_not() throws Exception {
        byte[] zip = PortalClient.zip(PortalClient.component("demo", "1.0.0", true));
        assertEquals(401, portal.upload(zip, "", null).status());
        assertEquals(401, portal.upload(zip, "", "Bearer " + b64("central:wrong")).status());
        assertEquals(401, portal.upload(zip, "", "Basic " + b64("central:central123")).status());
        assertEquals(401, portal.get("/api/v1/publisher/published?namespace=a&name=b&version=1", null).status());
        assertTrue(central.deployments().isEmpty());
        // The plugin's scheme is the older UserToken one; both are accepted.
        assertEquals(201, portal.upload(zip, "", "UserToken " + b64("central:central123")).status());
        assertEquals(404, portal.get("/repo/" + JAR, null).status());
    }

    @Test
    void a_user_managed_deployment_validates_then_waits_for_publish_and_its_files_are_served() throws Exception {
        byte[] zip = PortalClient.zip(PortalClient.component("demo", "1.0.0", true));
        PortalClient.Answer upload = portal.upload(zip, "?name=gio-demo&publishingType=USER_MANAGED");
        assertEquals(201, upload.status(), upload.body());
        String id = upload.body();
        JsonNode first = status(id);
        assertTrue(List.of("PENDING", "VALIDATING").contains(first.get("deploymentState").asText()), first.toString());
        JsonNode validated = await(id, "VALIDATED");
        assertEquals(id, validated.get("deploymentId").asText());
        assertEquals("gio-demo", validated.get("deploymentName").asText());
        assertEquals(PURL, validated.get("purls").get(0).asText());
        assertFalse(validated.has("errors"), validated.toString());
        Thread.sleep(300);
        assertEquals("VALIDATED", state(id), "a USER_MANAGED deployment waits for the client");
        assertEquals("{\"published\":false}", portal.published("demo", "1.0.0").body());
        assertEquals(404, portal.get("/repo/" + JAR, null).status());

        assertEquals(204, portal.post("/api/v1/publisher/deployment/" + id).status());
        assertEquals(400, portal.post("/api/v1/publisher/deployment/" + id).status(), "publishing twice");
        await(id, "PUBLISHED");
        assertEquals("{\"published\":true}", portal.published("demo", "1.0.0").body());
        assertEquals("{\"published\":false}", portal.published("demo", "1.0.1").body());
        PortalClient.Answer jar = portal.get("/repo/" + JAR, null);
        assertEquals(200, jar.status());
        assertEquals("classes of demo", jar.body());
        assertArrayEquals(PortalClient.component("demo", "1.0.0", true).get(JAR + ".asc"),
                Files.readAllBytes(central.publishedFile(JAR + ".asc").orElseThrow()));
        assertTrue(portal.get("/repo/io/gravitee/it/demo/maven-metadata.xml", null).body()
                .contains("<release>1.0.0</release>"));
        assertEquals(400, portal.delete("/api/v1/publisher/deployment/" + id).status(), "a published one stays");
    }

    @Test
    void an_automatic_deployment_publishes_on_its_own() throws Exception {
        String id = portal.upload(PortalClient.zip(PortalClient.component("auto", "2.0.0", true)),
                "?publishingType=AUTOMATIC").body();
        await(id, "PUBLISHED");
        assertTrue(central.isPublished("io.gravitee.it", "auto", "2.0.0"));
        assertTrue(central.requestLog().matching("POST", "/api/v1/publisher/deployment/.*").isEmpty());
    }

    @Test
    void validation_errors_are_reported_per_component_and_a_failed_deployment_can_be_dropped() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>(PortalClient.component("demo", "1.0.0", false));
        files.remove(JAR + ".asc");
        files.put(JAR + ".sha1", "0000".getBytes(StandardCharsets.US_ASCII));
        files.put("io/gravitee/it/demo/maven-metadata.xml", "<metadata/>".getBytes(StandardCharsets.UTF_8));
        files.putAll(PortalClient.component("other", "1.0.0", true));
        String pom = "io/gravitee/it/other/1.0.0/other-1.0.0.pom";
        files.put(pom, PortalClient.pom("other", "1.0.0").replace("<name>other</name>", "")
                .getBytes(StandardCharsets.UTF_8));
        String id = portal.upload(PortalClient.zip(files), "?publishingType=AUTOMATIC").body();
        JsonNode failed = await(id, "FAILED");
        JsonNode errors = failed.get("errors");
        assertEquals(List.of("Javadocs must be provided but not found in entries", "Invalid sha1 checksum for file: demo-1.0.0.jar",
                "Missing signature for file: demo-1.0.0.jar").stream().sorted().toList(),
                texts(errors.get(PURL)).stream().sorted().toList(), failed.toString());
        List<String> other = texts(errors.get("pkg:maven/io.gravitee.it/other@1.0.0"));
        assertTrue(other.contains("Project name is missing"), other.toString());
        assertTrue(other.contains("Invalid md5 checksum for file: other-1.0.0.pom"), other.toString());
        assertTrue(texts(errors.get("common")).get(0).contains("maven-metadata"), errors.toString());
        assertEquals("{\"published\":false}", portal.published("demo", "1.0.0").body());
        assertTrue(central.publishedFiles().isEmpty());

        assertEquals(400, portal.post("/api/v1/publisher/deployment/" + id).status());
        assertEquals(204, portal.delete("/api/v1/publisher/deployment/" + id).status());
        assertEquals(404, portal.status(id).status());
        assertTrue(central.deployment(id).orElseThrow().dropped());
    }

    @Test
    void a_validated_deployment_can_be_dropped_and_then_never_publishes() throws Exception {
        String id = portal.upload(PortalClient.zip(PortalClient.component("demo", "1.0.0", true)), "").body();
        await(id, "VALIDATED");
        assertEquals(204, portal.delete("/api/v1/publisher/deployment/" + id).status());
        assertEquals(404, portal.post("/api/v1/publisher/deployment/" + id).status());
        assertEquals(404, portal.delete("/api/v1/publisher/deployment/" + id).status());
        assertFalse(central.isPublished("io.gravitee.it", "demo", "1.0.0"));
    }

    @Test
    void a_published_version_is_immutable() throws Exception {
        byte[] zip = PortalClient.zip(PortalClient.component("demo", "1.0.0", true));
        String first = portal.upload(zip, "").body();
        String twin = portal.upload(zip, "").body();
        await(first, "VALIDATED");
        await(twin, "VALIDATED");
        assertEquals(204, portal.post("/api/v1/publisher/deployment/" + first).status());
        await(first, "PUBLISHED");
        // A twin validated before the first was published fails when it is published in turn...
        assertEquals(204, portal.post("/api/v1/publisher/deployment/" + twin).status());
        JsonNode lost = await(twin, "FAILED");
        assertEquals("Component with package url: '" + PURL + "' already exists", texts(lost.get("errors").get(PURL)).get(0));
        // ...and a later upload fails validation.
        String late = portal.upload(zip, "?publishingType=AUTOMATIC").body();
        JsonNode refused = await(late, "FAILED");
        assertEquals(List.of("Component with package url: '" + PURL + "' already exists"), texts(refused.get("errors").get(PURL)));
    }

    @Test
    void a_bundle_over_the_size_limit_is_refused_before_any_deployment() throws Exception {
        assertEquals(CentralConfig.PORTAL_MAX_BUNDLE_BYTES, central.config().maxBundleBytes());
        central.reconfigure(central.config().withMaxBundleBytes(1024));
        byte[] zip = PortalClient.zip(PortalClient.component("big", "1.0.0", true));
        assertTrue(zip.length > 1024);
        PortalClient.Answer refused = portal.upload(zip, "");
        assertEquals(413, refused.status());
        assertTrue(refused.body().contains("maximum upload size of 1024 bytes"), refused.body());
        assertTrue(central.deployments().isEmpty());
    }

    @Test
    void bad_requests_are_refused_clearly() throws Exception {
        byte[] zip = PortalClient.zip(PortalClient.component("demo", "1.0.0", true));
        assertEquals(400, portal.upload(zip, "?publishingType=SOMETIMES").status());
        assertEquals(400, portal.post("/api/v1/publisher/status").status());
        assertEquals(404, portal.status("no-such-id").status());
        assertEquals(400, portal.get("/api/v1/publisher/published?namespace=x", central.authorization()).status());
        Map<String, byte[]> slip = new LinkedHashMap<>(PortalClient.component("demo", "1.0.0", true));
        slip.put("../../escape.txt", new byte[] {1});
        JsonNode failed = await(portal.upload(PortalClient.zip(slip), "").body(), "FAILED");
        assertEquals("File path '../../escape.txt' is not valid", texts(failed.get("errors").get("common")).get(0));
    }

    @Test
    void faults_fail_stall_or_reset_chosen_requests_and_are_logged() throws Exception {
        byte[] zip = PortalClient.zip(PortalClient.component("demo", "1.0.0", true));
        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/upload").nth(1).respond(503));
        assertEquals(503, portal.upload(zip, "").status());
        assertTrue(central.deployments().isEmpty(), "a fault before handling does no work");
        String id = portal.upload(zip, "").body();
        await(id, "VALIDATED");

        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/status").nth(1).stall(Duration.ofMillis(700)));
        long start = System.nanoTime();
        assertEquals(200, portal.status(id).status());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(700).toNanos());

        central.faults().add(FaultRule.on("POST", "/api/v1/publisher/deployment/.*").nth(1).afterHandling().reset());
        assertThrows(IOException.class, () -> portal.post("/api/v1/publisher/deployment/" + id));
        // The server did the work: the client must find out by polling, not by publishing again.
        await(id, "PUBLISHED");

        List<LoggedRequest> uploads = central.requestLog().matching("POST", "/api/v1/publisher/upload");
        assertEquals(List.of(503, 201), uploads.stream().map(LoggedRequest::status).toList());
        assertEquals("RESPOND", uploads.get(0).fault());
        assertTrue(uploads.get(1).requestBytes() > 0);
        assertEquals(-1, central.requestLog().matching("POST", "/api/v1/publisher/deployment/.*").get(0).status());
        assertEquals("STALL", central.requestLog().matching("POST", "/api/v1/publisher/status").stream()
                .filter(r -> r.fault() != null).findFirst().orElseThrow().fault());
    }

    private JsonNode status(String id) throws Exception {
        PortalClient.Answer answer = portal.status(id);
        assertEquals(200, answer.status(), answer.body());
        return JSON.readTree(answer.body());
    }

    private String state(String id) throws Exception {
        return status(id).get("deploymentState").asText();
    }

    /** Polls like a client until the deployment reaches {@code wanted}; fails on another settled state. */
    private JsonNode await(String id, String wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = status(id);
            String state = status.get("deploymentState").asText();
            if (state.equals(wanted)) {
                return status;
            }
            if (!DeploymentState.valueOf(state).transitioning() && !state.equals("VALIDATED")) {
                throw new AssertionError("deployment " + id + " settled in " + state + ", wanted " + wanted + ": " + status);
            }
            Thread.sleep(25);
        }
        throw new AssertionError("deployment " + id + " did not reach " + wanted + ": " + status(id));
    }

    private static List<String> texts(JsonNode array) {
        assertTrue(array != null && array.isArray(), String.valueOf(array));
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
