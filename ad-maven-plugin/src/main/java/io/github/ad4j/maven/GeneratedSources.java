package io.github.ad4j.maven;

import io.github.ad4j.core.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output directory of the plugin: puts the generated files in it and takes out the ones an
 * earlier run generated that this run no longer does.
 *
 * <p>Every file is written with {@link AtomicWriter}, in UTF-8, only when its bytes change. A
 * stale file is removed only if it carries ad4j's {@code @Generated} annotation, so a file the
 * user (or another tool) put in the directory is never deleted; removing stale ones matters
 * because a derivative class whose method was renamed, deleted or now fails to differentiate
 * would otherwise keep compiling, and keep being called, with an outdated derivative.
 */
final class GeneratedSources {

  /** Text every class ad4j generates contains: its {@code @Generated} annotation's type name. */
  static final String MARKER = "io.github.ad4j.Generated";

  private final Path directory;

  /** @param directory the output directory; need not exist yet */
  GeneratedSources(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  /** The output directory, absolute and normalised. */
  Path directory() {
    return directory;
  }

  /** What {@link #update} did. */
  record Summary(int written, int unchanged, int removed) {}

  /**
   * Makes the directory hold exactly {@code files} and {@code kept} among the ad4j-generated
   * sources: writes the first, leaves the second alone, removes every other generated file.
   *
   * @param kept the relative paths of files an earlier run generated that are still wanted as
   *     they are
   * @throws IllegalArgumentException if a file's relative path is absolute or leaves the
   *     directory, or a path is written twice or both written and kept (faults in the generator,
   *     never in user input); nothing is written then
   * @throws IOException if the directory cannot be read or written
   */
  Summary update(List<GeneratedFile> files, Collection<String> kept) throws IOException {
    Set<Path> targets = new HashSet<>();
    List<Path> paths = new ArrayList<>();
    for (GeneratedFile file : files) {
      Path target = resolve(file.relativePath());
      if (!targets.add(target)) {
        throw new IllegalArgumentException("generated twice: " + file.relativePath());
      }
      paths.add(target);
    }
    Set<Path> keep = new HashSet<>(targets);
    for (String path : kept) {
      if (!keep.add(resolve(path))) {
        throw new IllegalArgumentException("generated and kept: " + path);
      }
    }
    int written = 0;
    for (int i = 0; i < files.size(); i++) {
      byte[] bytes = files.get(i).content().getBytes(StandardCharsets.UTF_8);
      if (AtomicWriter.writeIfChanged(paths.get(i), bytes)) {
        written++;
      }
    }
    int removed = removeStale(keep);
    return new Summary(written, files.size() - written, removed);
  }

  /**
   * Where a generated file with this {@code relativePath} goes.
   *
   * @throws IllegalArgumentException if the path is empty, absolute, or leaves the directory
   */
  Path resolve(String relativePath) {
    if (relativePath.isEmpty()
        || relativePath.startsWith("/")
        || relativePath.contains("\\")
        || relativePath.contains(":")) {
      throw new IllegalArgumentException("not a relative path: " + relativePath);
    }
    for (String segment : relativePath.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a plain relative path: " + relativePath);
      }
    }
    Path target = directory.resolve(relativePath).normalize();
    if (!target.startsWith(directory) || target.equals(directory)) {
      throw new IllegalArgumentException("outside the output directory: " + relativePath);
    }
    return target;
  }

  /** Whether the file at {@code path} is one ad4j generated (it carries {@link #MARKER}). */
  static boolean isGenerated(Path path) throws IOException {
    // ISO-8859-1 decodes any bytes, and the marker is ASCII: a file in another encoding is
    // still searched instead of failing the build.
    return new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1).contains(MARKER);
  }

  private int removeStale(Set<Path> keep) throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    List<Path> stale;
    try (Stream<Path> walk = Files.walk(directory)) {
      stale =
          walk.filter(p -> p.getFileName().toString().endsWith(".java"))
              .filter(Files::isRegularFile)
              .filter(p -> !keep.contains(p))
              .sorted()
              .toList();
    }
    int removed = 0;
    for (Path path : stale) {
      if (isGenerated(path)) {
        Files.delete(path);
        removed++;
      }
    }
    return removed;
  }
}
