package io.gravitee.release.gio.staging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.ledger.Lifecycle;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Config;
import io.gravitee.release.gio.sandbox.nexus2.Nexus2Emulator;
import io.gravitee.release.gio.sandbox.nexus2.RepositoryState;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingTarget;
import io.gravitee.release.gio.staging.nexus2.Nexus2Backend;
import io.gravitee.release.gio.staging.product.LeftoverAreas;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code status} and {@code drop}: what the ledger knows and what the server lists, and what may be dropped. */
class LeftoverAreasTest {
    Nexus2Emulator nexus;
    Nexus2Backend backend;
    LeftoverAreas areas;
    final Console console = Console.silent();
    String gios;
    String recorded;
    String foreign;
    LedgerState ledger;

    @BeforeEach
    void setUp() throws Exception {
        nexus = new Nexus2Emulator(Nexus2Config.defaults().withTransitionDuration(Duration.ofMillis(50))).start(0);
        backend = new Nexus2Backend(Staging.options(nexus), console);
        areas = new LeftoverAreas(backend, nexus.url(), new Credentials("gio-nexus2", nexus.username(), nexus.password()),
                console);
        gios = backend.open(new StagingTarget("io.gravitee.a", "a", "1.0.0")).id();
        StagingArea closed = backend.open(new StagingTarget("io.gravitee.b", "b", "1.0.0"));
        backend.verify(closed, Duration.ofSeconds(10));
        recorded = closed.id();
        foreign = openByHand("released by a person");
        ledger = LedgerState.empty(Lifecycle.STAGING).withId("comp-b", StagingLedger.AREA_ID, recorded, Instant.now());
    }

    @AfterEach
    void tearDown() {
        areas.close();
        nexus.close();
    }

    private String openByHand(String description) throws Exception {
        String auth = Base64.getEncoder().encodeToString((nexus.username() + ":" + nexus.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(nexus.url()
                        + "/service/local/staging/profiles/12a3b4c5d6e7f8/start"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"description\":\"" + description + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        return answer.body().replaceAll("(?s).*\"stagedRepositoryId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private RepositoryState state(String id) {
        return nexus.repository(id).orElseThrow().state();
    }

    @Test
    void statusShowsTheLedgersAndTheServersRepositories() {
        LeftoverAreas.Inventory inventory = areas.inventory(Optional.of(ledger));
        assertTrue(inventory.serverListed());
        assertEquals(3, inventory.rows().size(), inventory.toString());
        LeftoverAreas.Row b = inventory.rows().get(0);
        assertEquals(recorded, b.id());
        assertEquals("comp-b", b.component());
        assertEquals(StagingArea.Status.FAILED, b.status(), "an empty repository fails the close rules");
        assertEquals(3, inventory.leftovers().size());
        assertFalse(inventory.rows().stream().filter(r -> r.id().equals(foreign)).findFirst().orElseThrow().gios());
    }

    @Test
    void dropIsADryRunUntilApplied() {
        LeftoverAreas.Inventory inventory = areas.inventory(Optional.of(ledger));
        List<String> plan = areas.drop(inventory, Set.of(), false);
        assertEquals(2, plan.size(), plan.toString());
        assertTrue(plan.stream().allMatch(l -> l.startsWith("would drop")));
        assertEquals(List.of(), nexus.requestLog().matching("POST", ".*/bulk/drop"));

        List<String> done = areas.drop(inventory, Set.of(), true);
        assertTrue(done.stream().allMatch(l -> l.startsWith("dropped")), done.toString());
        assertEquals(RepositoryState.DROPPED, state(gios));
        assertEquals(RepositoryState.DROPPED, state(recorded));
        assertEquals(RepositoryState.OPEN, state(foreign), "a repository gio did not make is left alone");

        List<String> named = areas.drop(areas.inventory(Optional.empty()), Set.of(foreign, "nope-1"), true);
        assertEquals(RepositoryState.DROPPED, state(foreign));
        assertTrue(named.contains("nope-1: not found in the ledger or on the server"), named.toString());
    }

    @Test
    void releasedRepositoriesAreNeverDropped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        TestComponent component = TestComponent.create(dir);
        String released = Staging.service(Staging.options(nexus), dir.resolve("gio"), Staging.run(), console)
                .stage(component.resolve(dir.resolve("files"))).areaId();
        LedgerState withReleased = ledger.withId("demo", StagingLedger.AREA_ID, released, Instant.now());
        List<String> lines = areas.drop(areas.inventory(Optional.of(withReleased)), Set.of(released), true);
        assertEquals(RepositoryState.RELEASED, state(released));
        assertTrue(lines.get(0).contains("left alone"), lines.toString());
    }

    @Test
    void onTheOssrhServiceStatusListsAndDropDropsThroughTheManualEndpoints() {
        nexus.setOssrhMode(true);
        LeftoverAreas.Inventory inventory = areas.inventory(Optional.of(ledger));

        assertTrue(inventory.serverListed());
        assertEquals(List.of(recorded, gios, foreign), inventory.rows().stream().map(LeftoverAreas.Row::id).toList());
        assertEquals(List.of(true, true, false), inventory.rows().stream().map(LeftoverAreas.Row::gios).toList());
        assertEquals(List.of(200), nexus.requestLog().matching("GET", "/manual/search/repositories").stream()
                .map(r -> r.status()).toList());

        List<String> done = areas.drop(inventory, Set.of(), true);

        assertTrue(done.stream().allMatch(l -> l.startsWith("dropped")), done.toString());
        assertEquals(RepositoryState.DROPPED, state(gios));
        assertEquals(RepositoryState.DROPPED, state(recorded));
        assertEquals(RepositoryState.OPEN, state(foreign), "a repository gio did not make is left alone");
        assertEquals(List.of(204, 204), nexus.requestLog().matching("DELETE", "/manual/drop/repository/.*").stream()
                .map(r -> r.status()).toList());
        assertEquals(1, nexus.requestLog().matching("POST", ".*/bulk/drop").size(), "refused once, then not asked");
        assertEquals(List.of(foreign), areas.inventory(Optional.empty()).rows().stream().map(LeftoverAreas.Row::id)
                .toList());
    }
}
