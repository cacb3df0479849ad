package io.github.ad4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The metadata the plugin jar ships, read from the built classes (what the jar packs): the plugin
 * descriptor that {@code mvn help:describe -Ddetail} prints, and the Eclipse m2e lifecycle
 * mapping.
 */
class PluginMetadataTest {

  @Test
  void everyGoalAndParameterHasADescription() throws Exception {
    List<String> goals = new ArrayList<>();
    for (Element mojo : mojos()) {
      String goal = text(mojo, "goal");
      goals.add(goal);
      assertThat(text(mojo, "description")).as("description of goal %s", goal).isNotBlank();
      assertThat(text(mojo, "threadSafe")).as("goal %s is thread-safe", goal).isEqualTo("true");
      List<Element> parameters = children(mojo, "parameters", "parameter");
      assertThat(parameters).as("parameters of %s", goal).isNotEmpty();
      for (Element parameter : parameters) {
        assertThat(text(parameter, "description"))
            .as("description of %s's parameter %s", goal, text(parameter, "name"))
            .isNotBlank();
      }
    }
    assertThat(goals).contains("generate", "generate-test");
  }

  @Test
  void everyGoalRunsInEclipseOnConfigurationAndIncrementalBuilds() throws Exception {
    Document mapping = read("META-INF/m2e/lifecycle-mapping-metadata.xml");
    List<Element> executions =
        children(mapping.getDocumentElement(), "pluginExecutions", "pluginExecution");
    assertThat(executions).hasSize(1);
    Element execution = executions.get(0);
    List<String> goals = new ArrayList<>();
    for (Element goal : children(child(execution, "pluginExecutionFilter"), "goals", "goal")) {
      goals.add(goal.getTextContent().trim());
    }
    List<String> pluginGoals = new ArrayList<>();
    for (Element mojo : mojos()) {
      pluginGoals.add(text(mojo, "goal"));
    }
    assertThat(goals).containsExactlyInAnyOrderElementsOf(pluginGoals);
    Element execute = child(child(execution, "action"), "execute");
    assertThat(text(execute, "runOnIncremental")).isEqualTo("true");
    assertThat(text(execute, "runOnConfiguration")).isEqualTo("true");
  }

  private static List<Element> mojos() throws Exception {
    return children(read("META-INF/maven/plugin.xml").getDocumentElement(), "mojos", "mojo");
  }

  private static Document read(String resource) throws Exception {
    try (InputStream in = PluginMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("%s in the built classes", resource).isNotNull();
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  private static List<Element> children(Element parent, String list, String item) {
    List<Element> items = new ArrayList<>();
    NodeList nodes = child(parent, list).getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(item)) {
        items.add(e);
      }
    }
    return items;
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().trim();
  }
}
