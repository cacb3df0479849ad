package io.github.ad4j.maven;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds the source files the generator reads: the files below a set of source roots whose path
 * relative to their root matches an include pattern and no exclude pattern.
 *
 * <p>The result is sorted and free of duplicates (a file reachable from two nested roots is read
 * once), so the generator sees the same input in the same order on every machine. The output
 * directory is never scanned, even when it is itself a compile source root (as it is after the
 * goal ran once in the same build), since reading our own output back as input would make the
 * result depend on the previous run.
 */
final class SourceScanner {

  private final List<PathPattern> includes;
  private final List<PathPattern> excludes;
  private final Path excludedDirectory;

  /**
   * @param includes patterns a file must match one of; empty means {@code **}{@code /*.java}
   * @param excludes patterns no file may match
   * @param excludedDirectory a directory whose contents are never returned (the output
   *     directory), or {@code null}
   */
  SourceScanner(Collection<String> includes, Collection<String> excludes, Path excludedDirectory) {
    this.includes =
        includes.isEmpty() ? List.of(PathPattern.compile("**/*.java")) : compileAll(includes);
    this.excludes = compileAll(excludes);
    this.excludedDirectory = excludedDirectory == null ? null : normalise(excludedDirectory);
  }

  private static List<PathPattern> compileAll(Collection<String> patterns) {
    List<PathPattern> compiled = new ArrayList<>();
    for (String pattern : patterns) {
      compiled.add(PathPattern.compile(pattern));
    }
    return compiled;
  }

  private static Path normalise(Path path) {
    return path.toAbsolutePath().normalize();
  }

  /**
   * Returns the matching regular files below {@code roots}, as absolute normalised paths in
   * sorted order. Roots that do not exist are ignored, as the compiler does.
   *
   * @throws IOException if a directory cannot be read
   */
  List<Path> scan(Collection<Path> roots) throws IOException {
    SortedSet<Path> found = new TreeSet<>();
    for (Path root : roots) {
      Path normalisedRoot = normalise(root);
      if (Files.isDirectory(normalisedRoot) && !isExcluded(normalisedRoot)) {
        walk(normalisedRoot, found);
      }
    }
    return List.copyOf(found);
  }

  private boolean isExcluded(Path directory) {
    return excludedDirectory != null && directory.startsWith(excludedDirectory);
  }

  private void walk(Path root, SortedSet<Path> found) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return isExcluded(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && selected(root.relativize(file))) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private boolean selected(Path relative) {
    String path = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    return includes.stream().anyMatch(p -> p.matches(path))
        && excludes.stream().noneMatch(p -> p.matches(path));
  }
}
