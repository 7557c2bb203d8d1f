package io.gravitee.release.gio.bundle.index;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.BucketLayout.Sidecar;
import io.gravitee.release.gio.transfer.Progress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Renders the {@code index.html} of one directory: a static page (inline CSS, no JavaScript, relative links
 * only) so that the site can be served by any static file server without public listing or CORS.
 * The output depends only on the listing, so an unchanged directory renders byte for byte the same page.
 */
public final class IndexWriter {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            :root{color-scheme:light dark;--fg:#1f2328;--muted:#656d76;--line:#d8dee4;--row:#f6f8fa;--link:#0969da;--accent:#ddf4ff;--chip:#eaeef2}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--row:#161b22;--link:#4493f8;--accent:#0c2d4b;--chip:#21262d}}
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);max-width:72rem;margin:2rem auto;padding:0 1rem}
            h1{font-size:1.4rem;font-weight:600;margin:0 0 .25rem;word-break:break-all}
            p.summary{color:var(--muted);margin:0 0 1.25rem}
            h1 a,td.name a,.latest a{color:var(--link);text-decoration:none}
            td.name a:hover,.latest a:hover,h1 a:hover{text-decoration:underline}
            .latest{background:var(--accent);border-radius:8px;padding:.75rem 1rem;margin:0 0 1.25rem}
            .latest a.file{font-weight:600;font-size:1.05rem}
            .latest .meta{color:var(--muted);margin-left:.5rem}
            table{width:100%;border-collapse:collapse}
            th{text-align:left;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);padding:.4rem .6rem}
            td{border-bottom:1px solid var(--line);padding:.4rem .6rem;vertical-align:middle}
            tbody tr:hover{background:var(--row)}
            td.name a{word-break:break-all}
            td.name a.dir{font-weight:600}
            td.size,td.date{white-space:nowrap;color:var(--muted);font-variant-numeric:tabular-nums}
            th.size,td.size{text-align:right}
            .sums a{display:inline-block;color:var(--muted);background:var(--chip);border-radius:4px;font-size:.75rem;line-height:1.6;
              padding:0 .45rem;margin:0 .3rem .1rem 0;text-decoration:none;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
            .sums a:hover{color:var(--link)}
            footer{color:var(--muted);font-size:.8rem;margin-top:1.5rem}
            @media (max-width:40rem){th.date,td.date{display:none}}
            """;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern VERSIONED = Pattern.compile(".+-\\d+\\.\\d+\\.\\d+\\.(zip|tar\\.gz|tgz)");

    private IndexWriter() {}

    /**
     * @param site the name shown first in the title and breadcrumb (e.g. the bucket)
     * @param layout where the directory sits in the bucket
     * @param directory the directory relative to the prefix, "" for the prefix itself
     */
    public static byte[] render(String site, BucketLayout layout, String directory, List<Listing.Entry> entries) {
        StringBuilder html = new StringBuilder(4096);
        String shown = "/" + (layout.prefix().isEmpty() ? "" : layout.prefix() + "/") + (directory.isEmpty() ? "" : directory + "/");
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Index of ").append(escape(shown)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Index of ").append(breadcrumb(site, layout, directory)).append("</h1>\n");
        html.append(summary(entries));
        latest(entries).ifPresent(file -> {
            String href = escape(encode(file.name()));
            html.append("<div class=\"latest\">Latest: <a class=\"file\" href=\"").append(href).append("\">")
                    .append(escape(file.name())).append("</a><span class=\"meta\">").append(escape(Progress.bytes(file.size())))
                    .append(", ").append(DATE.format(file.lastModified())).append(" UTC</span> <span class=\"sums\">");
            sums(html, file);
            html.append("</span></div>\n");
        });
        html.append("<table>\n<thead><tr><th>Name</th><th class=\"size\">Size</th><th class=\"date\">Last modified (UTC)</th>"
                + "<th>Checksums</th></tr></thead>\n<tbody>\n");
        if (!directory.isEmpty()) {
            html.append("<tr><td class=\"name\"><a href=\"../").append(BucketLayout.INDEX)
                    .append("\">../</a></td><td class=\"size\"></td><td class=\"date\"></td><td class=\"sums\"></td></tr>\n");
        }
        for (Listing.Entry entry : entries) {
            String href = encode(entry.name());
            if (entry instanceof Listing.Entry.Directory) {
                html.append("<tr><td class=\"name\"><a class=\"dir\" href=\"").append(escape(href)).append('/').append(BucketLayout.INDEX)
                        .append("\">").append(escape(entry.name())).append("/</a></td>")
                        .append("<td class=\"size\">-</td><td class=\"date\"></td><td class=\"sums\"></td></tr>\n");
            } else if (entry instanceof Listing.Entry.File file) {
                html.append("<tr><td class=\"name\"><a href=\"").append(escape(href)).append("\">")
                        .append(escape(file.name())).append("</a></td>")
                        .append("<td class=\"size\" title=\"").append(file.size()).append(" bytes\">")
                        .append(escape(Progress.bytes(file.size()))).append("</td>")
                        .append("<td class=\"date\">").append(DATE.format(file.lastModified())).append("</td>")
                        .append("<td class=\"sums\">");
                sums(html, file);
                html.append("</td></tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n<footer>Verify a download with <code>sha1sum -c FILE.sha1</code>,"
                + " <code>md5sum -c FILE.md5</code> or <code>sha512sum -c FILE.sha512sum</code>"
                + " in the directory holding both files.</footer>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sums(StringBuilder html, Listing.Entry.File file) {
        String href = encode(file.name());
        for (Sidecar sidecar : file.sidecars()) {
            html.append("<a href=\"").append(escape(href + encode(sidecar.suffix()))).append("\" title=\"")
                    .append(escape(file.name() + sidecar.suffix())).append("\">").append(sidecar.label()).append("</a>");
        }
    }

    /** "3 directories, 12 files, newest 2024-05-01": what the directory holds at a glance. */
    private static String summary(List<Listing.Entry> entries) {
        long directories = entries.stream().filter(e -> e instanceof Listing.Entry.Directory).count();
        List<Listing.Entry.File> files = entries.stream()
                .filter(e -> e instanceof Listing.Entry.File).map(e -> (Listing.Entry.File) e).toList();
        List<String> parts = new ArrayList<>();
        if (directories > 0) {
            parts.add(directories + (directories == 1 ? " directory" : " directories"));
        }
        if (!files.isEmpty()) {
            parts.add(files.size() + (files.size() == 1 ? " file" : " files"));
            files.stream().map(Listing.Entry.File::lastModified).max(Instant::compareTo)
                    .ifPresent(newest -> parts.add("updated " + DAY.format(newest)));
        }
        return parts.isEmpty() ? "" : "<p class=\"summary\">" + String.join(" \u00b7 ", parts) + "</p>\n";
    }

    /**
     * The file with the highest version among those named {@code <name>-M.m.p.<ext>}, when there are several:
     * most visitors of a release directory want that one.
     */
    private static Optional<Listing.Entry.File> latest(List<Listing.Entry> entries) {
        List<Listing.Entry.File> versioned = entries.stream()
                .filter(e -> e instanceof Listing.Entry.File && VERSIONED.matcher(e.name()).matches())
                .map(e -> (Listing.Entry.File) e).toList();
        if (versioned.size() < 2) {
            return Optional.empty();
        }
        return versioned.stream().max((a, b) -> Listing.naturalCompare(a.name(), b.name()));
    }

    /** "site / prefix / dir / sub", each indexed ancestor a relative link to its own index page. */
    private static String breadcrumb(String site, BucketLayout layout, String directory) {
        List<String> segments = new ArrayList<>();
        if (!layout.prefix().isEmpty()) {
            segments.addAll(List.of(layout.prefix().split("/")));
        }
        // Position of the prefix's own directory; above it there may be no index page, so no link.
        int root = segments.size() - 1;
        if (!directory.isEmpty()) {
            segments.addAll(List.of(directory.split("/")));
        }
        StringBuilder crumb = new StringBuilder();
        crumb.append(root < 0 && !segments.isEmpty() ? link(segments.size(), site) : escape(site));
        for (int i = 0; i < segments.size(); i++) {
            int up = segments.size() - 1 - i;
            crumb.append(" / ").append(i >= root && up > 0 ? link(up, segments.get(i)) : escape(segments.get(i)));
        }
        return crumb.toString();
    }

    private static String link(int levelsUp, String text) {
        return "<a href=\"" + "../".repeat(levelsUp) + BucketLayout.INDEX + "\">" + escape(text) + "</a>";
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Percent-encodes one path segment (UTF-8), keeping only RFC 3986 unreserved characters. */
    public static String encode(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 16);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
