package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.resolve.ModuleScanner;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A rule about the content of each released POM (the POM as deployed, which is what Central reads, not the
 * POM in git). An unparseable POM is reported once, by {@link PomNameRule}.
 */
abstract class PomRule implements StagingRule {

    @Override
    public final List<Problem> check(ResolvedComponent component) {
        return checkAll(List.of(this), component).get(this);
    }

    /**
     * Runs {@code rules} over each released POM, parsed once for all of them (a DOM parse per rule and POM was most
     * of a validation's time), and gives each rule's problems in file order.
     */
    static Map<PomRule, List<Problem>> checkAll(List<PomRule> rules, ResolvedComponent component) {
        Map<PomRule, List<Problem>> problems = new IdentityHashMap<>();
        rules.forEach(rule -> problems.put(rule, new ArrayList<>()));
        for (ResolvedFile file : component.files()) {
            if (!file.artifact().extension().equals("pom") || !file.artifact().classifier().isEmpty()) {
                continue;
            }
            Element project;
            try {
                project = ModuleScanner.parse(Files.readAllBytes(file.file()), file.path());
            } catch (StagingException | IOException e) {
                for (PomRule rule : rules) {
                    if (rule instanceof PomNameRule) {
                        problems.get(rule).add(new Problem(rule.id(), file.path(), "not a readable POM: " + e.getMessage()));
                    }
                }
                continue;
            }
            for (PomRule rule : rules) {
                rule.check(project).ifPresent(message -> problems.get(rule).add(new Problem(rule.id(), file.path(), message)));
            }
        }
        return problems;
    }

    /** What is wrong with this POM, if anything. */
    abstract Optional<String> check(Element project);

    static boolean blank(Element parent, String name) {
        return ModuleScanner.text(parent, name).isBlank();
    }

    /** True when {@code listName} has at least one {@code itemName} child. */
    static boolean hasItem(Element project, String listName, String itemName) {
        Element list = ModuleScanner.child(project, listName);
        return list != null && ModuleScanner.child(list, itemName) != null;
    }
}
