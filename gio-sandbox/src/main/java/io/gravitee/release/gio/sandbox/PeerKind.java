package io.gravitee.release.gio.sandbox;

import io.gravitee.release.gio.sandbox.central.CentralPeer;
import io.gravitee.release.gio.sandbox.git.GitPeer;
import io.gravitee.release.gio.sandbox.maven.Nexus3Peer;
import io.gravitee.release.gio.sandbox.s3.S3Peer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The peers a sandbox can run: the one place saying which exist and which are implemented. A peer
 * becomes available by giving its constant a {@link PeerFactory}.
 */
public enum PeerKind {
    GIT("git", GitPeer::new),
    MAVEN("maven", Nexus3Peer::new),
    S3("s3", S3Peer::new),
    NEXUS2("nexus2", Nexus2Peer::new),
    CENTRAL("central", CentralPeer::new),
    /** Started only when named ({@code --only buildbot}): it needs Debian's buildbot packages, the others nothing. */
    BUILDBOT("buildbot", io.gravitee.release.gio.sandbox.buildbot.BuildbotPeer::new, false);

    private final String id;
    private final PeerFactory factory;
    private final boolean byDefault;

    PeerKind(String id, PeerFactory factory) {
        this(id, factory, true);
    }

    PeerKind(String id, PeerFactory factory, boolean byDefault) {
        this.id = id;
        this.factory = factory;
        this.byDefault = byDefault;
    }

    /** The name used in {@code --only}, in {@code sandbox.json} and as the data directory name. */
    public String id() {
        return id;
    }

    /** The {@code settings.xml} server id: {@code gio-<id>}. */
    public String serverId() {
        return "gio-" + id;
    }

    public boolean available() {
        return factory != null;
    }

    /** @throws IllegalStateException when the peer is not implemented yet */
    public PeerFactory factory() {
        if (factory == null) {
            throw new IllegalStateException("peer " + id + " is not available yet");
        }
        return factory;
    }

    /** The peers started when none are named. */
    public static Set<PeerKind> availableKinds() {
        return Arrays.stream(values()).filter(k -> k.available() && k.byDefault)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PeerKind.class)));
    }

    public static Optional<PeerKind> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }

    /** Every id, comma separated, for messages. */
    public static String ids() {
        return Arrays.stream(values()).map(PeerKind::id).collect(Collectors.joining(","));
    }
}
