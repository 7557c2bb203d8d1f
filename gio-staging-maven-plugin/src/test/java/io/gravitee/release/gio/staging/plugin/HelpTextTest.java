package io.gravitee.release.gio.staging.plugin;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What {@code gio-staging:help -Ddetail} prints, read from the descriptor the build generated for it. */
class HelpTextTest {

    static String parameter(String goal, String name) throws Exception {
        try (InputStream in = HelpTextTest.class.getResourceAsStream(
                "/META-INF/maven/io.gravitee.release/gio-staging-maven-plugin/plugin-help.xml")) {
            assertNotNull(in, "the build generates the help descriptor");
            Document help = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList mojos = help.getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojo = (Element) mojos.item(i);
                if (!goal.equals(mojo.getElementsByTagName("goal").item(0).getTextContent())) {
                    continue;
                }
                NodeList parameters = mojo.getElementsByTagName("parameter");
                for (int j = 0; j < parameters.getLength(); j++) {
                    Element parameter = (Element) parameters.item(j);
                    if (name.equals(parameter.getElementsByTagName("name").item(0).getTextContent())) {
                        return parameter.getElementsByTagName("description").item(0).getTextContent();
                    }
                }
            }
        }
        throw new AssertionError("no parameter " + name + " of " + goal);
    }

    @Test
    void stageAllDocumentsEveryBackendItTakes() throws Exception {
        String backend = parameter("stage-all", "backend");
        for (String name : BackendSelection.NAMES.split(", ")) {
            assertTrue(backend.contains(name), name + " missing from: " + backend);
        }
    }

    @Test
    void theDefaultTagPlaceholderSaysWhatItMeans() throws Exception {
        for (String goal : new String[] {"resolve", "stage"}) {
            String tag = parameter(goal, "gitReleaseTag");
            assertTrue(tag.contains("LAST_GIT_TAG_ON_CURRENT_BRANCH, is a placeholder meaning the newest tag reachable"
                    + " from HEAD"), tag);
        }
    }
}
