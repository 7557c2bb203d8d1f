package io.gravitee.release.gio.bundle.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gravitee.release.gio.bundle.BucketLayout;
import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IndexWriterTest {
    private static final Instant WHEN = Instant.parse("2024-03-05T10:15:30Z");
    private final BucketLayout layout = new BucketLayout("graviteeio-apim");

    private static RemoteObject object(String key, long size) {
        return new RemoteObject(key, size, "0123456789abcdef0123456789abcdef", WHEN);
    }

    private String page(List<RemoteObject> objects, String directory) {
        Listing listing = Listing.of(layout, objects);
        return new String(IndexWriter.render("downloads", layout, directory, listing.entries(directory)), StandardCharsets.UTF_8);
    }

    @Test
    void namesAreEscapedAndLinksPercentEncoded() {
        String name = "a <b> & \"c\" déjà vu.zip";
        String html = page(List.of(object("graviteeio-apim/odd/" + name, 2048), object("graviteeio-apim/odd/" + name + ".sha1", 70)), "odd");

        assertTrue(html.contains(">a &lt;b&gt; &amp; &quot;c&quot; déjà vu.zip</a>"), html);
        assertTrue(html.contains("href=\"a%20%3Cb%3E%20%26%20%22c%22%20d%C3%A9j%C3%A0%20vu.zip\""), html);
        assertTrue(html.contains("href=\"a%20%3Cb%3E%20%26%20%22c%22%20d%C3%A9j%C3%A0%20vu.zip.sha1\" title=\"a &lt;b&gt; &amp; &quot;c&quot; déjà vu.zip.sha1\">sha1</a>"), html);
        assertFalse(html.contains("<b>"));
        assertFalse(html.contains("\"c\""));
    }

    @Test
    void sizesDatesParentLinkAndChecksumLinksWithRelativeLinksOnlyAndNoScript() {
        List<RemoteObject> objects = List.of(
                object("graviteeio-apim/components/gw/gw-3.8.7.zip", 15 * 1024 * 1024),
                object("graviteeio-apim/components/gw/gw-3.8.7.zip.sha1", 60),
                object("graviteeio-apim/components/gw/gw-3.8.7.zip.md5", 50),
                object("graviteeio-apim/components/gw/gw-3.8.7.zip.sha512sum", 140),
                object("graviteeio-apim/components/gw/index.html", 1000));
        String html = page(objects, "components/gw");

        assertTrue(html.contains("15.0 MiB"), html);
        assertTrue(html.contains("2024-03-05 10:15"), html);
        assertTrue(html.contains("<a href=\"../index.html\">../</a>"), html);
        assertTrue(html.contains("href=\"gw-3.8.7.zip.md5\" title=\"gw-3.8.7.zip.md5\">md5</a>"), html);
        assertTrue(html.contains("href=\"gw-3.8.7.zip.sha512sum\" title=\"gw-3.8.7.zip.sha512sum\">sha512</a>"), html);
        assertFalse(html.contains(">gw-3.8.7.zip.sha1<"), "checksum files are links, not rows");
        assertFalse(html.contains(">index.html<"));
        assertFalse(html.toLowerCase().contains("<script"));
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (href.find()) {
            String link = href.group(1);
            assertFalse(link.startsWith("/") || link.contains("://"), "relative links only: " + link);
        }
        assertTrue(html.contains("<a href=\"../index.html\">components</a>"), html);
    }

    @Test
    void topOfThePrefixHasNoParentRowAndVersionsSortNaturally() {
        List<RemoteObject> objects = List.of(
                object("graviteeio-apim/distributions/graviteeio-full-3.10.0.zip", 1),
                object("graviteeio-apim/distributions/graviteeio-full-3.9.0.zip", 1),
                object("graviteeio-apim/readme.txt", 1));
        String top = page(objects, "");
        assertFalse(top.contains(">../<"));
        assertTrue(top.indexOf("distributions/index.html") < top.indexOf("readme.txt"), "directories first");
        String dist = page(objects, "distributions");
        assertTrue(dist.indexOf("<tr><td class=\"name\"><a href=\"graviteeio-full-3.9.0.zip")
                < dist.indexOf("<tr><td class=\"name\"><a href=\"graviteeio-full-3.10.0.zip"), dist);
        assertTrue(dist.contains("Latest: <a class=\"file\" href=\"graviteeio-full-3.10.0.zip\">graviteeio-full-3.10.0.zip</a>"),
                "the highest version, not the last in text order, is offered first: " + dist);
        assertTrue(dist.contains("<p class=\"summary\">2 files"), dist);
        assertTrue(top.contains("<p class=\"summary\">1 directory \u00b7 1 file"), top);
        assertFalse(top.contains("Latest:"), "no version to offer");
    }

    @Test
    void renderingIsDeterministic() {
        List<RemoteObject> objects = List.of(object("graviteeio-apim/x/y.zip", 10));
        assertEquals(page(objects, "x"), page(objects, "x"));
    }

    @Test
    void namesCompareTheirDigitRunsAsNumbers() {
        List<String> names = new ArrayList<>(List.of("p-3.10.0.zip", "p-3.9.0.zip", "p-3.09.1.zip", "p-03.9.0.zip",
                "p-3.9.0.zip.sha1", "p-10.0.0.zip", "p-2.0.0.zip", "q-1.zip", "p-3.0.0.zip", "p-3.00.0.zip"));
        names.sort(Listing::naturalCompare);
        assertEquals(List.of("p-2.0.0.zip", "p-3.0.0.zip", "p-3.00.0.zip", "p-3.9.0.zip", "p-03.9.0.zip",
                "p-3.9.0.zip.sha1", "p-3.09.1.zip", "p-3.10.0.zip", "p-10.0.0.zip", "q-1.zip"), names);
        assertEquals(0, Listing.naturalCompare("p-3.0.zip", "p-3.0.zip"));
        assertEquals(0, Listing.naturalCompare("p-3.0.zip", "p-03.0.zip"), "leading zeros do not count");
        assertTrue(Listing.naturalCompare("p-0.zip", "p-00.zip") == 0 && Listing.naturalCompare("p-0.zip", "p-1.zip") < 0);
    }
}
