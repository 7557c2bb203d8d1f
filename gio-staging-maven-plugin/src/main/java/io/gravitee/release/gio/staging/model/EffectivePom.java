package io.gravitee.release.gio.staging.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.model.Model;

/**
 * A deployed POM as Maven reads it: inheritance from its parents and interpolation done by Maven's own model
 * builder, which is what Maven Central's rules judge. When the model cannot be built (an unreadable POM, a parent
 * the source repository lacks), {@code model} is null and {@code error} says why: the rules report it with every
 * other problem, so nothing is staged.
 *
 * @param model   the effective model, or null
 * @param where   the deployed POM's path in the repository, for messages
 * @param parents the parents that were read, nearest first, as {@code g:a:v}
 * @param error   why there is no model, or null
 */
public record EffectivePom(Model model, String where, List<String> parents, String error) {

    public EffectivePom {
        Objects.requireNonNull(where, "where");
        parents = List.copyOf(parents);
        if ((model == null) == (error == null)) {
            throw new IllegalArgumentException("an effective POM has a model or an error, not both");
        }
    }

    static EffectivePom broken(String where, String error) {
        return new EffectivePom(null, where, List.of(), error);
    }

    public Optional<Model> effective() {
        return Optional.ofNullable(model);
    }

    /** Where an absent value was looked for, so that a missing inherited value names the parents that were read. */
    public String parentsNote() {
        return parents.isEmpty() ? " (the POM has no parent)" : " (in the effective model; parents read: "
                + String.join(", ", parents) + ")";
    }
}
