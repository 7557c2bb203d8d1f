package io.gravitee.release.gio.log;

import java.io.PrintStream;

/**
 * Where core services report what they do. Mojos adapt Maven's {@code Log} to it; the sandbox and
 * tests print to a stream. Lines are whole sentences meant for {@code -B} CI logs: no carriage
 * returns, no colours.
 */
public interface Console {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** A console printing info and warnings to {@code out}, debug nowhere. */
    static Console of(PrintStream out) {
        return new Console() {
            @Override
            public void info(String message) {
                out.println(message);
            }

            @Override
            public void warn(String message) {
                out.println("WARNING: " + message);
            }

            @Override
            public void debug(String message) {}
        };
    }

    /** A console over three sinks, e.g. a Maven {@code Log}'s {@code info}, {@code warn} and {@code debug}. */
    static Console of(
            java.util.function.Consumer<String> info,
            java.util.function.Consumer<String> warn,
            java.util.function.Consumer<String> debug) {
        return new Console() {
            @Override
            public void info(String message) {
                info.accept(message);
            }

            @Override
            public void warn(String message) {
                warn.accept(message);
            }

            @Override
            public void debug(String message) {
                debug.accept(message);
            }
        };
    }

    /** A console that drops everything: for code paths whose output nobody reads. */
    static Console silent() {
        return new Console() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}

            @Override
            public void debug(String message) {}
        };
    }
}
