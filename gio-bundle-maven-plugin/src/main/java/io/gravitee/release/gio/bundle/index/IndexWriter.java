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

/**
 * Renders the {@code index.html} of one directory: a static page (inline CSS, no JavaScript, relative links
 * only) so that the site can be served by any static file server without public listing or CORS.
 * The output depends only on the listing, so an unchanged directory renders byte for byte the same page.
 */
public final class IndexWriter {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            :root{color-scheme:light dark;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--row:#f6f8fa;--link:#0969da}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--row:#161b22;--link:#4493f8}}
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);max-width:72rem;margin:2rem auto;padding:0 1rem}
            h1{font-size:1.4rem;font-weight:600;margin:0 0 1rem;word-break:break-all}
            nav a,h1 a{color:var(--link);text-decoration:none}
            table{width:100%;border-collapse:collapse}
            th{text-align:left;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);padding:.4rem .6rem}
            td{border-bottom:1px solid var(--line);padding:.4rem .6rem;vertical-align:top}
            tbody tr:hover{background:var(--row)}
            td.name a{color:var(--link);text-decoration:none;word-break:break-all}
            td.name a:hover{text-decoration:underline}
            td.size,td.date{white-space:nowrap;color:var(--muted);font-variant-numeric:tabular-nums}
            td.size{text-align:right}
            td.sums a{color:var(--muted);font-size:.85rem;margin-right:.5rem}
            footer{color:var(--muted);font-size:.8rem;margin-top:1.5rem}
            """;

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
        html.append("<table>\n<thead><tr><th>Name</th><th class=\"size\">Size</th><th>Last modified (UTC)</th>"
                + "<th>Checksums</th></tr></thead>\n<tbody>\n");
        if (!directory.isEmpty()) {
            html.append("<tr><td class=\"name\"><a href=\"../").append(BucketLayout.INDEX)
                    .append("\">../</a></td><td class=\"size\"></td><td class=\"date\"></td><td class=\"sums\"></td></tr>\n");
        }
        for (Listing.Entry entry : entries) {
            String href = encode(entry.name());
            if (entry instanceof Listing.Entry.Directory) {
                html.append("<tr><td class=\"name\"><a href=\"").append(escape(href)).append('/').append(BucketLayout.INDEX)
                        .append("\">").append(escape(entry.name())).append("/</a></td>")
                        .append("<td class=\"size\">-</td><td class=\"date\"></td><td class=\"sums\"></td></tr>\n");
            } else if (entry instanceof Listing.Entry.File file) {
                html.append("<tr><td class=\"name\"><a href=\"").append(escape(href)).append("\">")
                        .append(escape(file.name())).append("</a></td>")
                        .append("<td class=\"size\" title=\"").append(file.size()).append(" bytes\">")
                        .append(escape(Progress.bytes(file.size()))).append("</td>")
                        .append("<td class=\"date\">").append(DATE.format(file.lastModified())).append("</td>")
                        .append("<td class=\"sums\">");
                for (Sidecar sidecar : file.sidecars()) {
                    html.append("<a href=\"").append(escape(href + encode(sidecar.suffix()))).append("\">")
                            .append(sidecar.label()).append("</a>");
                }
                html.append("</td></tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n<footer>Verify a download with <code>sha1sum -c FILE.sha1</code>,"
                + " <code>md5sum -c FILE.md5</code> or <code>sha512sum -c FILE.sha512sum</code>"
                + " in the directory holding both files.</footer>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
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
