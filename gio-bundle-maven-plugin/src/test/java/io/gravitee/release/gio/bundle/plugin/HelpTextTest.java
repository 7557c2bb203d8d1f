package io.gravitee.release.gio.bundle.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What {@code gio-bundle:help -Ddetail} prints, read from the descriptor the build generated for it. */
class HelpTextTest {

    static String goalDescription(String goal) throws Exception {
        try (InputStream in = HelpTextTest.class.getResourceAsStream(
                "/META-INF/maven/io.gravitee.release/gio-bundle-maven-plugin/plugin-help.xml")) {
            assertNotNull(in, "the build generates the help descriptor");
            Document help = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList mojos = help.getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojo = (Element) mojos.item(i);
                if (goal.equals(mojo.getElementsByTagName("goal").item(0).getTextContent())) {
                    return mojo.getElementsByTagName("description").item(0).getTextContent();
                }
            }
        }
        throw new AssertionError("no goal " + goal);
    }

    @Test
    void pruneHelpShowsThePolicyAsTheGoalReadsIt() throws Exception {
        String description = goalDescription("prune");
        String example = description.substring(description.indexOf('{'), description.lastIndexOf('}', description.indexOf("releases:")) + 1);

        JsonNode policy = new ObjectMapper().readTree(example);

        assertEquals(12, policy.path("releases").path("supportMonths").asInt(), example);
        assertEquals("release-dates.json", policy.path("releases").path("releaseDates").asText(), example);
        assertEquals(36, policy.path("releases").path("lts").path("supportMonths").asInt(), example);
        assertFalse(policy.path("releases").path("lts").has("releaseDates"), example);
        assertEquals(7, policy.path("nightly").path("keep").asInt(), "nightly is beside releases: " + example);
        assertTrue(description.contains("{\"3.0.0\": \"2020-01-14\"}"), description);
    }
}
