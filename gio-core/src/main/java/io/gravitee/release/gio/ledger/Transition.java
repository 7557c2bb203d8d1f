package io.gravitee.release.gio.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One component moving from one state to another, as recorded in a ledger commit's trailer
 * {@code Gio-Transition: <component> <FROM> -> <TO>}. {@code FROM} is the state the commit's
 * parent had (the lifecycle's initial state when it had no entry).
 */
public record Transition(String component, String from, String to) {

    /** The trailer key. */
    public static final String TRAILER = "Gio-Transition";

    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9._\\-]+");
    // Tolerant of extra blanks, case of the key, CRLF and a unicode arrow typed by a human.
    private static final Pattern LINE = Pattern.compile(
            "^\\s*" + TRAILER + "\\s*:\\s*(\\S+)\\s+([A-Z_]+)\\s*(?:->|→)\\s*([A-Z_]+)\\s*$",
            Pattern.CASE_INSENSITIVE);

    public Transition {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!COMPONENT.matcher(component).matches()) {
            throw new IllegalArgumentException("Component name '" + component
                    + "' cannot be recorded in a ledger trailer: only letters, digits, '.', '_' and '-'");
        }
    }

    /** The trailer line, without newline. */
    public String toTrailer() {
        return TRAILER + ": " + component + " " + from + " -> " + to;
    }

    /** Parses one trailer line; empty if the line is not a well-formed transition trailer. */
    public static Optional<Transition> parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches() || !COMPONENT.matcher(matcher.group(1)).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Transition(matcher.group(1), matcher.group(2).toUpperCase(java.util.Locale.ROOT),
                matcher.group(3).toUpperCase(java.util.Locale.ROOT)));
    }

    /**
     * Every transition trailer in a commit message. Only the last paragraph counts (that is where
     * git puts trailers), so a transition quoted in the message body is not taken for one.
     */
    public static List<Transition> parseAll(String commitMessage) {
        String normalized = commitMessage.replace("\r\n", "\n").strip();
        int lastBlank = normalized.lastIndexOf("\n\n");
        String block = lastBlank < 0 ? normalized : normalized.substring(lastBlank + 2);
        List<Transition> transitions = new ArrayList<>();
        for (String line : block.split("\n")) {
            parse(line).ifPresent(transitions::add);
        }
        return transitions;
    }

    /** {@code message} with its transition trailers removed (for replaying a commit). */
    public static String stripTrailers(String commitMessage) {
        StringBuilder kept = new StringBuilder();
        for (String line : commitMessage.replace("\r\n", "\n").split("\n")) {
            if (parse(line).isEmpty()) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString().strip();
    }
}
