package io.gravitee.release.gio.sandbox;

/** Command line of the sandbox: {@code java -jar gio-sandbox.jar start --dir DIR [--only peers]}. */
public final class SandboxMain {
    private SandboxMain() {}

    public static void main(String[] args) {
        System.err.println("usage: java -jar gio-sandbox.jar start --dir DIR [--only git,maven,s3,nexus2,central]");
        System.exit(2);
    }
}
