package io.gravitee.release.gio.release.executor;

import io.gravitee.release.gio.release.build.DeployJournal;

/** A component's records in the release ledger: its deploy (intent, deployed set) and its CI dispatch. */
public record ComponentJournals(DeployJournal deploys, DispatchJournal dispatches) {}
