package io.github.ad4j.core.testing;

import io.github.ad4j.core.AffectedSources;
import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.SourceNames;
import io.github.ad4j.core.SourceOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project held as its sources' texts by path, generated whole, or only in part as the plugin
 * does after an edit.
 */
public final class Projects {

  private Projects() {}

  /** The project's files, as the generator takes them. */
  public static List<SourceFile> sources(Map<String, String> project) {
    List<SourceFile> files = new ArrayList<>();
    project.forEach((path, text) -> files.add(new SourceFile(path, text)));
    return files;
  }

  /** The names of each file of the project. */
  public static Map<String, SourceNames> names(Map<String, String> project) {
    Map<String, SourceNames> names = new LinkedHashMap<>();
    project.forEach((path, text) -> names.put(path, SourceNames.of(text)));
    return names;
  }

  /** What each file gives in a clean generation of the whole project. */
  public static Map<String, SourceOutput> generated(
      DerivativeGenerator generator, Map<String, String> project) {
    return generator.generate(sources(project)).bySource();
  }

  /**
   * What each of {@code affected} gives when generated as the plugin generates it after an edit:
   * with only {@link AffectedSources#contextOf its context} as context.
   */
  public static Map<String, SourceOutput> generatedIncrementally(
      DerivativeGenerator generator, Map<String, String> project, Set<String> affected) {
    Set<String> needed = AffectedSources.contextOf(names(project), affected);
    List<SourceFile> regenerated = new ArrayList<>();
    List<SourceFile> context = new ArrayList<>();
    for (SourceFile source : sources(project)) {
      if (affected.contains(source.path())) {
        regenerated.add(source);
      } else if (needed.contains(source.path())) {
        context.add(source);
      }
    }
    return generator.generate(regenerated, context).bySource();
  }

  /** What {@code path} gives in {@code outputs}: nothing if it is not there. */
  public static SourceOutput of(Map<String, SourceOutput> outputs, String path) {
    return outputs.getOrDefault(path, SourceOutput.empty(path));
  }
}
