package io.gravitee.release.gio.release.product;

import io.gravitee.release.gio.ledger.Ledger;
import io.gravitee.release.gio.ledger.LedgerState;
import io.gravitee.release.gio.ledger.ReleaseState;
import io.gravitee.release.gio.release.build.DeployJournal;
import io.gravitee.release.gio.release.build.DeployRecord;
import java.time.Instant;

/**
 * A component's deploy intent and deployed set in the release repository's ledger: each a commit pushed before the
 * first upload and right after the last, so that a run resumed anywhere (another CI runner included) knows which
 * files in the deploy repository a dead attempt left. Recording the intent starts an attempt ({@code RELEASING}).
 */
final class LedgerDeployJournal implements DeployJournal {
    /** The ledger ids: what every attempt meant to deploy, and what is deployed (staging's deployed set). */
    static final String INTENT = "deploy.intent";
    static final String DEPLOYED = "deploy.files";

    private final Ledger ledger;
    private final String component;
    private final String version;

    LedgerDeployJournal(Ledger ledger, String component, String version) {
        this.ledger = ledger;
        this.component = component;
        this.version = version;
    }

    @Override
    public DeployRecord intended() {
        return DeployRecord.parse(ledger.state().component(component)
                .map(entry -> entry.ids().get(INTENT)).orElse(null));
    }

    @Override
    public void intend(DeployRecord record) {
        ledger.update("Deploy " + component + " " + version, draft -> {
            LedgerState state = draft.state();
            Instant now = Instant.now();
            if (state.stateOf(component) != ReleaseState.RELEASED) {
                state = state.transition(component, ReleaseState.RELEASING, now);
            }
            draft.setState(state.withId(component, INTENT, record.toText(), now));
        });
    }

    /**
     * Also narrows the intent to what is deployed: a dead attempt's files are no longer in the repository (they were
     * replaced), so a run that dies after this one needs to know only these; and a release that survived crashes
     * then ends with the ledger an uninterrupted one leaves.
     */
    @Override
    public void deployed(DeployRecord deployed) {
        String text = deployed.toText();
        var entry = ledger.state().component(component);
        if (text.equals(entry.map(e -> e.ids().get(DEPLOYED)).orElse(null))
                && text.equals(entry.map(e -> e.ids().get(INTENT)).orElse(null))) {
            return;
        }
        ledger.update("Deployed " + component + " " + version, draft -> {
            Instant now = Instant.now();
            draft.setState(draft.state().withId(component, DEPLOYED, text, now).withId(component, INTENT, text, now));
        });
    }
}
