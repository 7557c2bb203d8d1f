package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.model.EffectivePom;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.model.Model;

/**
 * A rule about each released POM as Central reads it: the effective model of the POM as deployed (not the POM in
 * git), with what its parents give. A POM whose model cannot be built is reported once, by {@link PomNameRule}.
 */
abstract class PomRule implements StagingRule {

    @Override
    public final List<Problem> check(ResolvedComponent component) {
        return checkAll(List.of(this), component).get(this);
    }

    /** Runs {@code rules} over each released POM's effective model and gives each rule's problems in file order. */
    static Map<PomRule, List<Problem>> checkAll(List<PomRule> rules, ResolvedComponent component) {
        Map<PomRule, List<Problem>> problems = new IdentityHashMap<>();
        rules.forEach(rule -> problems.put(rule, new ArrayList<>()));
        for (EffectivePom pom : component.models().values()) {
            if (pom.model() == null) {
                rules.stream().filter(PomNameRule.class::isInstance).findFirst()
                        .ifPresent(rule -> problems.get(rule).add(new Problem(rule.id(), pom.where(), pom.error())));
                continue;
            }
            for (PomRule rule : rules) {
                rule.check(pom.model()).ifPresent(message -> problems.get(rule).add(new Problem(rule.id(), pom.where(),
                        rule.inherited() ? message + pom.parentsNote() : message)));
            }
        }
        return problems;
    }

    /** What is wrong with this effective model, if anything. */
    abstract Optional<String> check(Model model);

    /** True when Maven inherits the value from a parent (all but the name), so a message names the parents read. */
    boolean inherited() {
        return true;
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
