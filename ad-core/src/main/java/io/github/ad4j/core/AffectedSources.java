package io.github.ad4j.core;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which sources must be generated again after some were edited, added or removed: the edited
 * ones, and every source whose words reach an edited one's names, directly or through other
 * sources (a caller's derivative calls its callee's, and holds its workspace). The others would
 * generate exactly what they generated before, so a build tool can keep their outputs, and hand
 * the generator only those the affected ones need as context ({@link #contextOf}).
 *
 * <p>A generated class depends on its own source, on the classes its source names ({@link
 * SourceNames}), on a class named like its {@code CGrad} (which clashes with it), on a class
 * named {@code Math} in its package, and on every derivative rule. The first three are followed
 * through the files' names (a file provides its classes' {@code CGrad} names too); the last two
 * make an edited file provide a name every file depends on ({@link SourceNames#EVERY_FILE}), and
 * then every source is affected. Files that are never generated themselves (a build tool's
 * context) may be among the files: they are followed like the others.
 */
public final class AffectedSources {

  private AffectedSources() {}

  /**
   * The paths of the sources of {@code now} to generate again.
   *
   * @param now the names of every source of this run, by path
   * @param before for each source that was edited, added or removed since the outputs kept were
   *     generated, what it provided then (empty for an added source); an edited source's
   *     current names come from {@code now}
   */
  public static Set<String> of(Map<String, SourceNames> now, Map<String, Set<String>> before) {
    Set<String> provided = new HashSet<>();
    Set<String> affected = new LinkedHashSet<>();
    before.forEach(
        (path, names) -> {
          provided.addAll(names);
          SourceNames current = now.get(path);
          if (current != null) {
            provided.addAll(current.provides());
            affected.add(path);
          }
        });
    for (boolean grew = true; grew; ) {
      if (provided.contains(SourceNames.EVERY_FILE)) {
        return new LinkedHashSet<>(now.keySet());
      }
      grew = false;
      for (Map.Entry<String, SourceNames> source : now.entrySet()) {
        SourceNames names = source.getValue();
        if (!affected.contains(source.getKey()) && (reaches(names.mentions(), provided)
            || reaches(names.provides(), provided))) {
          affected.add(source.getKey());
          // what it generates changes, so whatever names it may change too
          provided.addAll(names.provides());
          grew = true;
        }
      }
    }
    return affected;
  }

  /**
   * The paths of the sources of {@code now} that generating {@code affected} needs as context:
   * those declaring a name an affected source mentions or declares (its callees, the classes its
   * rules name, a class clashing with its {@code CGrad}), those every file depends on
   * ({@link SourceNames#EVERY_FILE}), and theirs in turn. The others cannot change what the
   * affected sources generate, so they need not even be parsed.
   */
  public static Set<String> contextOf(Map<String, SourceNames> now, Set<String> affected) {
    Set<String> needed = new LinkedHashSet<>();
    Set<String> names = new HashSet<>();
    now.forEach(
        (path, source) -> {
          if (affected.contains(path) || source.provides().contains(SourceNames.EVERY_FILE)) {
            needed.add(path);
            names.addAll(source.mentions());
            names.addAll(source.provides());
          }
        });
    for (boolean grew = true; grew; ) {
      grew = false;
      for (Map.Entry<String, SourceNames> source : now.entrySet()) {
        if (!needed.contains(source.getKey()) && reaches(source.getValue().provides(), names)) {
          needed.add(source.getKey());
          names.addAll(source.getValue().mentions());
          names.addAll(source.getValue().provides());
          grew = true;
        }
      }
    }
    needed.removeAll(affected);
    return needed;
  }

  private static boolean reaches(Set<String> names, Set<String> provided) {
    for (String name : names) {
      if (provided.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
