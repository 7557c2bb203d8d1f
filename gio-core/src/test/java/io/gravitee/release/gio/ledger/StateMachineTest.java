package io.gravitee.release.gio.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateMachineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

    @Test
    void releaseHappyPathAndRetry() {
        LedgerState state = LedgerState.empty(Lifecycle.RELEASE)
                .transition("gravitee-common", ReleaseState.RELEASING, T0)
                .fail("gravitee-common", ReleaseState.FAILED, "build failed", T0)
                .transition("gravitee-common", ReleaseState.RELEASING, T1)
                .transition("gravitee-common", ReleaseState.TAGGED, T1)
                .transition("gravitee-common", ReleaseState.RELEASED, T1);
        ComponentEntry entry = state.component("gravitee-common").orElseThrow();
        assertEquals("RELEASED", entry.state());
        assertEquals(2, entry.attempts());
        assertEquals(T0, entry.startedAt());
        assertEquals(T1, entry.updatedAt());
        assertNull(entry.lastError(), "a successful move clears the last error");
        assertTrue(ReleaseState.RELEASED.isFinal());
    }

    @Test
    void reconciliationMovesAreLegal() {
        assertTrue(ReleaseState.PENDING.canMoveTo(ReleaseState.RELEASED), "tag already on the remote");
        assertTrue(StagingState.PENDING.canMoveTo(StagingState.PUBLISHED), "files already public");
        assertTrue(StagingState.CLOSED.canMoveTo(StagingState.PUBLISHED), "finish a closed repository");
        assertTrue(StagingState.STAGING.canMoveTo(StagingState.DROPPED), "drop an open repository");
        assertTrue(StagingState.DROPPED.canMoveTo(StagingState.PENDING), "retry after a drop");
    }

    @Test
    void illegalMovesAreRefusedWithAClearMessage() {
        LedgerState released = LedgerState.empty(Lifecycle.RELEASE)
                .transition("gravitee-plugin", ReleaseState.RELEASED, T0);
        IllegalTransitionException error = assertThrows(IllegalTransitionException.class,
                () -> released.transition("gravitee-plugin", ReleaseState.RELEASING, T1));
        assertEquals("Illegal release transition for component 'gravitee-plugin': RELEASED -> RELEASING"
                + " (from RELEASED it may only go to nothing, it is final)", error.getMessage());

        LedgerState pending = LedgerState.empty(Lifecycle.RELEASE);
        IllegalTransitionException skip = assertThrows(IllegalTransitionException.class,
                () -> pending.transition("a", ReleaseState.TAGGED, T0));
        assertTrue(skip.getMessage().contains("PENDING -> TAGGED"), skip.getMessage());
        assertTrue(skip.getMessage().contains("[RELEASING, RELEASED, FAILED]"), skip.getMessage());

        assertThrows(IllegalTransitionException.class,
                () -> pending.transition("a", StagingState.RESOLVED, T0), "a state of another lifecycle");
        assertThrows(IllegalTransitionException.class,
                () -> pending.transition("a", ReleaseState.PENDING, T0), "staying put is not a move");
    }

    @Test
    void stagingRecordsTheRepositoryIdBeforeUploading() {
        LedgerState state = LedgerState.empty(Lifecycle.STAGING)
                .transition("c", StagingState.RESOLVED, T0)
                .transition("c", StagingState.VALIDATED, T0)
                .withId("c", "stagingRepositoryId", "iogravitee-1001", T0)
                .transition("c", StagingState.STAGING, T0);
        assertEquals("iogravitee-1001", state.component("c").orElseThrow().ids().get("stagingRepositoryId"));
        assertThrows(IllegalTransitionException.class, () -> state.transition("c", StagingState.VALIDATED, T1));
        LedgerState published = state.transition("c", StagingState.CLOSED, T1).transition("c", StagingState.PUBLISHED, T1);
        for (StagingState any : StagingState.values()) {
            assertFalse(published.stateOf("c").canMoveTo(any), "PUBLISHED is immutable");
        }
    }

    @Test
    void everyStateIsReachableFromTheInitialOne() {
        for (Lifecycle lifecycle : Lifecycle.values()) {
            for (String name : List.of("PENDING", "FAILED")) {
                ComponentState state = lifecycle.parse(name);
                assertTrue(lifecycle.canReach(lifecycle.initial(), state), lifecycle + " " + name);
            }
        }
        assertFalse(Lifecycle.RELEASE.canReach(ReleaseState.RELEASED, ReleaseState.PENDING));
        assertTrue(Lifecycle.STAGING.canReach(StagingState.PENDING, StagingState.PUBLISHED));
    }

    @Test
    void jsonRoundTripsAndIsStable() {
        LedgerState state = LedgerState.empty(Lifecycle.STAGING)
                .transition("b", StagingState.RESOLVED, T0)
                .fail("b", StagingState.FAILED, "POM has no <licenses>", T1)
                .transition("a", StagingState.RESOLVED, T0)
                .withProperty("productStagingRepositoryId", "iogravitee-7");
        byte[] json = state.toJson();
        LedgerState back = LedgerState.fromJson(json, "nexus-staging-ledger.json");
        assertEquals(state, back);
        assertEquals(new String(json, StandardCharsets.UTF_8), new String(back.toJson(), StandardCharsets.UTF_8));
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.indexOf("\"a\"") < text.indexOf("\"b\""), "components sorted: " + text);
        assertTrue(text.contains("\"lifecycle\" : \"staging\""), text);
    }

    @Test
    void malformedFilesAreNamedWithTheProblem() {
        LedgerException broken = assertThrows(LedgerException.class, () -> LedgerState.fromJson(
                "{\n  \"lifecycle\": \"release\",\n  \"components\": {\n".getBytes(StandardCharsets.UTF_8), "x.json"));
        assertTrue(broken.getMessage().startsWith("Ledger file x.json is not valid JSON"), broken.getMessage());
        assertTrue(broken.getMessage().contains("line"), broken.getMessage());

        LedgerException badState = assertThrows(LedgerException.class, () -> LedgerState.fromJson(
                "{\"lifecycle\":\"release\",\"components\":{\"a\":{\"state\":\"STAGING\"}}}"
                        .getBytes(StandardCharsets.UTF_8), "y.json"));
        assertTrue(badState.getMessage().contains("Unknown release state 'STAGING'"), badState.getMessage());
    }

    @Test
    void trailersParseRobustly() {
        assertEquals(new Transition("gravitee-common", "PENDING", "RELEASING"),
                Transition.parse("Gio-Transition: gravitee-common PENDING -> RELEASING").orElseThrow());
        assertEquals(new Transition("a.b_c-d", "STAGING", "CLOSED"),
                Transition.parse("  gio-transition :  a.b_c-d   staging→closed \r").orElseThrow());
        assertTrue(Transition.parse("Gio-Transition: gravitee-common PENDING RELEASING").isEmpty());
        assertTrue(Transition.parse("Gio-Transition: a/b PENDING -> RELEASING").isEmpty());
        assertTrue(Transition.parse("Signed-off-by: x").isEmpty());

        String message = "Release c\n\nBody quoting Gio-Transition: q PENDING -> RELEASED\nmore body\n\n"
                + "Gio-Transition: c PENDING -> RELEASING\r\nSigned-off-by: someone\nGio-Transition: d FAILED -> RELEASING\n";
        assertEquals(List.of(new Transition("c", "PENDING", "RELEASING"), new Transition("d", "FAILED", "RELEASING")),
                Transition.parseAll(message));
        assertEquals("Release c\n\nBody quoting Gio-Transition: q PENDING -> RELEASED\nmore body\n\nSigned-off-by: someone",
                Transition.stripTrailers(message));
        assertThrows(IllegalArgumentException.class, () -> new Transition("has space", "A", "B"));
    }
}
