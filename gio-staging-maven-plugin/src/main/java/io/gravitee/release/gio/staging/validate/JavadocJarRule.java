package io.gravitee.release.gio.staging.validate;

/** A javadoc jar for every jar-packaged module. */
public final class JavadocJarRule extends AttachedJarRule {
    public JavadocJarRule() {
        super("javadoc", "maven-javadoc-plugin jar");
    }

    @Override
    public String id() {
        return "javadoc-jar";
    }
}
