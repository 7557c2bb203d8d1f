package io.gravitee.release.gio.bundle;

import java.util.Locale;

/** How an upload treats what is already in the bucket. */
public enum Channel {
    /** Published files are immutable: different content under an existing name fails the whole upload before any write. */
    RELEASE,
    /** The bucket mirrors the source: changed files are overwritten, files the source no longer has are deleted. */
    NIGHTLY;

    /** Parses {@code release} or {@code nightly} (any case), naming the accepted values otherwise. */
    public static Channel parse(String value) throws BundleException {
        if (value == null || value.isBlank()) {
            return RELEASE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BundleException("Unknown channel '" + value + "' (gio.bundle.channel): use 'release' or 'nightly'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
