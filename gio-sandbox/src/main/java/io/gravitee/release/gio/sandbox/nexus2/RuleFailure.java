package io.gravitee.release.gio.sandbox.nexus2;

import java.util.List;

/**
 * A staging rule that failed on close, with one message per offending file.
 *
 * @param typeId   Nexus' rule type id, e.g. {@code javadoc-staging}
 * @param ruleName the rule's display name, e.g. {@code Javadoc Validation}
 * @param messages what is wrong
 */
public record RuleFailure(String typeId, String ruleName, List<String> messages) {
    public RuleFailure {
        messages = List.copyOf(messages);
    }
}
