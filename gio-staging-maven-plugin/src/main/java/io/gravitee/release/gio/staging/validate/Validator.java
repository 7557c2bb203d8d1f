package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Every rule's problems, in the order of the rules. */
    public List<Problem> validate(ResolvedComponent component) {
        List<PomRule> pomRules = rules.stream().filter(PomRule.class::isInstance).map(PomRule.class::cast).toList();
        Map<PomRule, List<Problem>> pomProblems = PomRule.checkAll(pomRules, component);
        List<Problem> problems = new ArrayList<>();
        for (StagingRule rule : rules) {
            problems.addAll(rule instanceof PomRule pomRule ? pomProblems.get(pomRule) : rule.check(component));
        }
        return problems;
    }
}
