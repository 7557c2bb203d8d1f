package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;

/** Runs every rule and collects every problem, so that one run reports everything to fix. */
public final class Validator {
    private final List<StagingRule> rules;

    public Validator(List<StagingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Maven Central's rules; signatures verified against {@code keys} when not null. */
    public static Validator central(PGPPublicKeyRingCollection keys) {
        return new Validator(List.of(new PomNameRule(), new PomDescriptionRule(), new PomUrlRule(), new LicensesRule(),
                new DevelopersRule(), new ScmRule(), new SourcesJarRule(), new JavadocJarRule(), new SignatureRule(keys),
                new ChecksumRule()));
    }

    public List<Problem> validate(ResolvedComponent component) {
        List<Problem> problems = new ArrayList<>();
        for (StagingRule rule : rules) {
            problems.addAll(rule.check(component));
        }
        return problems;
    }
}
