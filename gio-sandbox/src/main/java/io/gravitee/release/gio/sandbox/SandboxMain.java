package io.gravitee.release.gio.sandbox;

import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.sandbox.fixture.FixtureGenerator;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions;
import io.gravitee.release.gio.sandbox.fixture.FixtureOptions.VersionStyle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command line of the sandbox.
 *
 * <pre>
 * java -jar gio-sandbox.jar start --dir DIR [--only git,maven,s3,nexus2,central,buildbot]
 * java -jar gio-sandbox.jar fixture --manifest release.json --dir DIR [--depends B=A[:property],...]
 *     [--release-ready true] [--distributions A,B]
 * java -jar gio-sandbox.jar signing-key --dir DIR
 * </pre>
 *
 * {@code start} runs until SIGINT/SIGTERM; bad arguments print the usage and exit with 2.
 */
public final class SandboxMain {

    static final int USAGE = 2;
    private static final Pattern DEPENDS = Pattern.compile("([^=:,\\s]+)=([^=:,\\s]+)(:property)?");
    static final String USAGE_TEXT = """
            usage: java -jar gio-sandbox.jar start --dir DIR [--only git,maven,s3,nexus2,central,buildbot]
                   java -jar gio-sandbox.jar fixture --manifest release.json --dir DIR [--depends B=A[:property],...]
                                                    [--release-ready true] [--distributions A,B]
                   java -jar gio-sandbox.jar signing-key --dir DIR
              start    starts the peers on free loopback ports, writes DIR/sandbox.json and DIR/settings.xml,
                       and runs until stopped (Ctrl-C or SIGTERM)
              fixture  creates DIR/git/<component>.git for every pending component of the manifest, and
                       DIR/git/release.git holding the manifest; --depends makes component B's pom depend on
                       component A's version, inline or through a <A.version> property; --release-ready true
                       gives every project a gio-release profile (sources, javadoc, signatures) and Central's
                       POM metadata; --distributions lists components whose release attaches a zip
              signing-key  writes DIR/signing/{secret-key.asc,public-key.asc,passphrase} (kept if present):
                       a throw-away OpenPGP key for MAVEN_GPG_KEY / MAVEN_GPG_PASSPHRASE""";

    private SandboxMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Exit code of one invocation; {@code start} only returns on a start failure. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            options = options(List.of(args).subList(1, args.length));
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        try {
            return switch (args[0]) {
                case "start" -> start(options, out, err);
                case "fixture" -> fixture(options, out);
                case "signing-key" -> signingKey(options, out);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int start(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        only(options, "start", "--dir", "--only");
        Path dir = Path.of(required(options, "--dir"));
        Set<PeerKind> kinds = peers(options.get("--only"));
        Sandbox sandbox = Sandbox.start(dir, kinds, Map.of(), Console.of(out));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            out.println("gio sandbox stopped");
            out.flush();
            stopped.countDown();
        }, "gio-sandbox-shutdown"));
        print(sandbox, out);
        out.println("gio sandbox ready (Ctrl-C or SIGTERM stops it)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Passwords stay in the files (readable by their owner only), never in the output. */
    private static void print(Sandbox sandbox, PrintStream out) {
        out.println("peers:");
        sandbox.peers().forEach((kind, peer) -> {
            out.println("  " + kind.id() + ": " + peer.url() + "  server id " + kind.serverId()
                    + ", username " + peer.credentials().username());
            peer.extras().forEach((key, value) -> out.println("    " + key + ": " + value));
        });
        out.println("wrote " + sandbox.sandboxJson() + " (urls and credentials)");
        out.println("wrote " + sandbox.settingsXml() + " (use with mvn -s)");
    }

    private static int fixture(Map<String, String> options, PrintStream out) throws IOException {
        only(options, "fixture", "--dir", "--manifest", "--depends", "--release-ready", "--distributions");
        FixtureOptions fixtureOptions = dependencies(options.get("--depends"));
        String releaseReady = options.getOrDefault("--release-ready", "false");
        if (!releaseReady.equals("true") && !releaseReady.equals("false")) {
            throw new UsageException("--release-ready takes true or false, not '" + releaseReady + "'");
        }
        if (releaseReady.equals("true")) {
            fixtureOptions = fixtureOptions.withReleaseProfile();
        }
        for (String component : options.getOrDefault("--distributions", "").split(",")) {
            if (!component.isBlank()) {
                fixtureOptions = fixtureOptions.withDistribution(component.trim());
            }
        }
        Path manifest = Path.of(required(options, "--manifest"));
        if (!Files.isRegularFile(manifest)) {
            throw new UsageException("manifest " + manifest + " is not a file");
        }
        Path gitDir = Path.of(required(options, "--dir")).resolve("git");
        var remotes = FixtureGenerator.generate(manifest, gitDir, fixtureOptions);
        remotes.forEach(r -> out.println("created " + r.directory() + " (" + r.branch() + ", " + r.version() + ")"));
        return 0;
    }

    private static int signingKey(Map<String, String> options, PrintStream out) throws IOException {
        only(options, "signing-key", "--dir");
        Path dir = Path.of(required(options, "--dir")).resolve("signing");
        Path secret = dir.resolve("secret-key.asc");
        Path publicKey = dir.resolve("public-key.asc");
        Path passphrase = dir.resolve("passphrase");
        if (Files.isRegularFile(secret) && Files.isRegularFile(publicKey) && Files.isRegularFile(passphrase)) {
            out.println("kept the signing key in " + dir);
            return 0;
        }
        Files.createDirectories(dir);
        String words = java.util.UUID.randomUUID().toString();
        io.gravitee.release.gio.sandbox.signing.SigningKey key;
        try {
            key = io.gravitee.release.gio.sandbox.signing.SigningKey.generate(words);
        } catch (Exception e) {
            throw new IOException("cannot generate a signing key: " + e.getMessage(), e);
        }
        SandboxFiles.writePrivate(passphrase, words);
        SandboxFiles.writePrivate(secret, key.armoredSecretKey());
        Files.writeString(publicKey, key.armoredPublicKey());
        out.println("wrote a signing key in " + dir + " (secret-key.asc and passphrase readable by their owner only)");
        return 0;
    }

    /** {@code B=A} (inline version) or {@code B=A:property}, comma separated. */
    private static FixtureOptions dependencies(String depends) {
        FixtureOptions options = FixtureOptions.defaults();
        if (depends == null) {
            return options;
        }
        for (String item : depends.split(",")) {
            Matcher m = DEPENDS.matcher(item.trim());
            if (!m.matches()) {
                throw new UsageException("--depends item '" + item.trim() + "' is not B=A or B=A:property");
            }
            options = options.withDependency(m.group(1), m.group(2),
                    m.group(3) == null ? VersionStyle.INLINE : VersionStyle.PROPERTY);
        }
        return options;
    }

    private static Set<PeerKind> peers(String only) {
        if (only == null) {
            return PeerKind.availableKinds();
        }
        Set<PeerKind> kinds = EnumSet.noneOf(PeerKind.class);
        for (String id : only.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            PeerKind kind = PeerKind.byId(id)
                    .orElseThrow(() -> new UsageException("unknown peer '" + id.trim() + "' in --only: known peers are "
                            + PeerKind.ids()));
            if (!kind.available()) {
                throw new UsageException("peer " + kind.id() + " is not available yet; available: "
                        + PeerKind.ids());
            }
            kinds.add(kind);
        }
        if (kinds.isEmpty()) {
            throw new UsageException("--only names no peer");
        }
        return kinds;
    }

    private static Map<String, String> options(List<String> rest) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < rest.size(); i += 2) {
            String name = rest.get(i);
            if (!name.startsWith("--")) {
                throw new UsageException("unexpected argument '" + name + "'");
            }
            if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                throw new UsageException(name + " needs a value");
            }
            if (options.put(name, rest.get(i + 1)) != null) {
                throw new UsageException(name + " given twice");
            }
        }
        return options;
    }

    private static void only(Map<String, String> options, String command, String... allowed) {
        for (String name : options.keySet()) {
            if (!List.of(allowed).contains(name)) {
                throw new UsageException("unknown option " + name + " for " + command);
            }
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " is required");
        }
        return value;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
