package io.gravitee.release.gio.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WavePlanTest {

    @Test
    void pendingComponentsArePlacedInTheirWaveInManifestOrderAndEmptyWavesAreKept() throws Exception {
        WavePlan plan = Fixtures.manifest(Fixtures.START_3_8_7).plan();

        assertEquals(12, plan.waves().size());
        assertEquals(List.of(
                        List.of("gravitee-common"),
                        List.of("gravitee-api-management"),
                        List.of(),
                        List.of("gravitee-definition"),
                        List.of(), List.of(), List.of(), List.of(),
                        List.of("gravitee-gateway"),
                        List.of(),
                        List.of("gravitee-policy-ratelimit", "gravitee-reporter-file", "gravitee-reporter-tcp"),
                        List.of("gravitee-management-rest-api", "gravitee-management-webui", "gravitee-portal-webui")),
                plan.waves().stream().map(w -> w.components().stream().map(Component::name).toList()).toList());
        assertEquals(10, plan.components().size());
    }

    @Test
    void planJsonKeepsEmptyWaves() throws Exception {
        String json = Fixtures.manifest(Fixtures.START_3_8_7).plan().toJson();

        assertTrue(json.startsWith("{\n    \"name\": \"Gravitee.io\",\n    \"version\": \"3.8.7-SNAPSHOT\",\n    \"waves\": [\n"
                + "        [\n            \"gravitee-common\"\n        ],\n"), json);
        assertTrue(json.contains("        [],\n"), json);
    }

    @Test
    void aFinishedReleaseHasAnEmptyPlan() throws Exception {
        assertTrue(Fixtures.manifest(Fixtures.RELEASED_3_8_7).plan().isEmpty());
    }

    @Test
    void componentsReleaseFromMasterOrTheirMaintenanceBranch() throws Exception {
        Manifest manifest = Fixtures.manifest(Fixtures.START_3_8_7);

        assertEquals("1.20.x", manifest.component("gravitee-common").orElseThrow().releaseBranch());
        assertEquals("master", Manifest.parse("""
                {"name": "P", "version": "4.0.0-SNAPSHOT", "components": [{"name": "a"}], "buildDependencies": [["a"]]}""",
                "inline").component("a").orElseThrow().releaseBranch());
    }

    @Test
    void unknownNamesInWavesAreWarningsOnGraviteesRealManifest() throws Exception {
        Manifest manifest = Fixtures.manifest(Fixtures.START_3_8_7);

        assertEquals(1, manifest.warnings().size());
        assertTrue(manifest.warnings().get(0).contains("gravitee-cockpit-api"));
        assertTrue(manifest.warnings().get(0).contains("gravitee-cockpit-connectors"));
    }
}
