package io.gravitee.release.gio.staging.validate;

/** A sources jar for every jar-packaged module. */
public final class SourcesJarRule extends AttachedJarRule {
    public SourcesJarRule() {
        super("sources", "maven-source-plugin jar-no-fork");
    }

    @Override
    public String id() {
        return "sources-jar";
    }
}
