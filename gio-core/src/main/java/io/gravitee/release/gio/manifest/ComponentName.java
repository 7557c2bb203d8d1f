package io.gravitee.release.gio.manifest;

import java.util.Optional;

/**
 * What a component name may be. A name becomes a repository URL ({@code ${scmHttpUrl}{name}.git}),
 * a directory and a build log of the work area, and it is printed in logs and reports, so it is held
 * to what git hosts accept as a repository name: ASCII letters, digits, {@code .}, {@code _} and {@code -}.
 * That leaves out {@code /} and {@code ..} (paths out of the work area), a leading {@code .} (a
 * hidden directory, or {@code .git} itself), spaces and {@code ;} (shell and URL trouble) and
 * control characters (forged log lines).
 *
 * <p>Letters outside ASCII are refused too: GitHub and GitLab do not accept them in a repository
 * name, and a name with an accented letter would differ from its ASCII look-alike only in its
 * URL-encoded form, and again between filesystems that normalise Unicode differently.
 */
final class ComponentName {
    private ComponentName() {}

    /** Why {@code name} cannot be a component name, or empty when it can. */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!allowed(c)) {
                return Optional.of("contains " + describe(name.codePointAt(i)) + " at position " + (i + 1));
            }
        }
        if (name.charAt(0) == '.') {
            return Optional.of("starts with '.'");
        }
        if (name.contains("..")) {
            return Optional.of("contains '..'");
        }
        return Optional.empty();
    }

    /**
     * The name between quotes, with what a terminal would hide or act on spelt out (a newline as
     * backslash-n, a right-to-left override U+202E as its escape), so that a message cannot be forged.
     */
    static String quoted(String name) {
        StringBuilder out = new StringBuilder("'");
        name.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (hidden(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('\'').toString();
    }

    private static boolean allowed(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    /** Control, format (bidi overrides, zero-width) and separator characters other than the space. */
    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR && c != ' '
                || type == Character.SURROGATE || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }

    private static String describe(int c) {
        if (c == ' ') {
            return "a space";
        }
        if (hidden(c)) {
            return (Character.isISOControl(c) ? "the control character " : "the invisible character ")
                    + quoted(new String(Character.toChars(c)));
        }
        if (c > 0x7f) {
            return "the non-ASCII character '" + new String(Character.toChars(c)) + "' (U+"
                    + String.format("%04X", c) + ")";
        }
        return "'" + (char) c + "'";
    }
}
