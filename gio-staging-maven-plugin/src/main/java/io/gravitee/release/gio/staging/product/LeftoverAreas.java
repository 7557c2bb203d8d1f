package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.credentials.Credentials;
import io.gravitee.release.gio.ledger.ComponentEntry;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.staging.StagingLedger;
import io.gravitee.release.gio.staging.backend.StagingArea;
import io.gravitee.release.gio.staging.backend.StagingArea.Status;
import io.gravitee.release.gio.staging.backend.StagingBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Staging areas left behind ({@code gio-staging:status} and {@code gio-staging:drop}): every id the staging ledger
 * recorded, read back from the server, plus every staging repository the server lists (Nexus 2
 * {@code profile_repositories}, the OSSRH Staging API service's {@code manual/search/repositories}; a server that
 * offers neither leaves only the ledger known, and {@link Inventory#serverListed()} says so). Dropping goes through
 * the backend ({@code bulk/drop}, or the service's {@code manual/drop/repository/}).
 *
 * <p>What {@code drop} drops: areas that are still open, failed, or closed but never released, and that are
 * gio's (recorded in the ledger, or marked {@code gio:...} on the server); areas of others only when named
 * explicitly. Released and transitioning areas are never touched.
 */
public final class LeftoverAreas implements AutoCloseable {

    /** One area: where it stands, which component the ledger ties it to, and whether gio made it. */
    public record Row(String id, Status status, String marker, String component, String ledgerState, boolean gios) {
        /** True when dropping it can lose nothing published and interrupts nothing. */
        public boolean droppable() {
            return status == Status.OPEN || status == Status.FAILED || status == Status.VERIFIED;
        }
    }

    /** What is known, and whether the server could be listed. */
    public record Inventory(List<Row> rows, boolean serverListed) {
        public Inventory {
            rows = List.copyOf(rows);
        }

        public List<Row> leftovers() {
            return rows.stream().filter(Row::droppable).toList();
        }
    }

    private final StagingBackend backend;
    private final Nexus2Listing listing;
    private final Console console;

    /** @param url, credentials the Nexus 2 server, to list it */
    public LeftoverAreas(StagingBackend backend, String url, Credentials credentials, Console console) {
        this.backend = backend;
        this.listing = new Nexus2Listing(url, credentials);
        this.console = console;
    }

    /**
     * The staging ledger of the release repository checked out in {@code checkout}, as its {@code origin} has it
     * (fetched, nothing written there); empty when {@code checkout} is no such clone or has no staging ledger.
     */
    public static Optional<LedgerState> ledgerOf(java.nio.file.Path checkout, io.gravitee.release.gio.git.GitCredentials git) {
        if (!java.nio.file.Files.isDirectory(checkout.resolve(".git"))) {
            return Optional.empty();
        }
        try (io.gravitee.release.gio.git.GitRepository repository =
                io.gravitee.release.gio.git.GitRepository.open(checkout, git)) {
            repository.fetch();
            String branch = repository.repository().getBranch();
            return repository.readFile("refs/remotes/origin/" + branch, StagingManifest.LEDGER_FILE)
                    .map(bytes -> LedgerState.fromJson(bytes, StagingManifest.LEDGER_FILE + " of " + repository.remote()));
        } catch (java.io.IOException e) {
            throw new io.gravitee.release.gio.staging.StagingException("Cannot read the staging ledger in " + checkout
                    + ": " + e.getMessage(), e);
        }
    }

    /** Reads the ledger's ids back from the server and lists the server. */
    public Inventory inventory(Optional<LedgerState> ledger) {
        Map<String, Row> rows = new LinkedHashMap<>();
        if (ledger.isPresent()) {
            for (Map.Entry<String, ComponentEntry> e : ledger.get().components().entrySet()) {
                String id = e.getValue().ids().get(StagingLedger.AREA_ID);
                if (id != null && !rows.containsKey(id)) {
                    StagingArea area = backend.inspect(id);
                    rows.put(id, new Row(id, area.status(), area.marker(), e.getKey(), e.getValue().state(), true));
                }
            }
        }
        Optional<List<StagingArea>> listed = listing.list();
        for (StagingArea area : listed.orElse(List.of())) {
            rows.putIfAbsent(area.id(), new Row(area.id(), area.status(), area.marker(), "", "",
                    area.marker().startsWith("gio:")));
        }
        return new Inventory(new ArrayList<>(rows.values()), listed.isPresent());
    }

    /**
     * Drops the droppable leftovers that are gio's, or exactly {@code ids} when not empty; with {@code apply}
     * false only says what it would drop. Returns one line per area.
     */
    public List<String> drop(Inventory inventory, Set<String> ids, boolean apply) {
        List<String> lines = new ArrayList<>();
        for (Row row : inventory.rows()) {
            boolean chosen = ids.isEmpty() ? row.gios() : ids.contains(row.id());
            if (!chosen || !row.droppable()) {
                if (ids.contains(row.id())) {
                    lines.add(row.id() + ": left alone, it is " + row.status().name().toLowerCase());
                }
                continue;
            }
            String what = row.id() + " (" + row.status().name().toLowerCase()
                    + (row.component().isEmpty() ? "" : ", " + row.component()) + ")";
            if (!apply) {
                lines.add("would drop " + what);
                continue;
            }
            Optional<String> refusal = backend.drop(new StagingArea(row.id(), row.marker(), row.status(), List.of()));
            lines.add(refusal.map(r -> "could not drop " + what + ": " + r).orElse("dropped " + what));
        }
        for (String id : ids) {
            if (inventory.rows().stream().noneMatch(r -> r.id().equals(id))) {
                lines.add(id + ": not found in the ledger or on the server");
            }
        }
        lines.forEach(console::info);
        return lines;
    }

    /** Releases the backend's and the listing's HTTP clients. */
    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            listing.close();
        }
    }
}
