package io.github.ad4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceScannerTest {

  @TempDir Path dir;

  private Path touch(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "class X {}");
    return file;
  }

  @Test
  void findsJavaFilesByDefaultSorted() throws IOException {
    Path b = touch("src/p/B.java");
    Path a = touch("src/p/A.java");
    Path top = touch("src/Top.java");
    Path q = touch("src/p/q/C.java");
    touch("src/p/notes.txt");

    List<Path> found =
        new SourceScanner(List.of(), List.of(), null).scan(List.of(dir.resolve("src")));

    assertThat(found).containsExactly(top, a, b, q);
  }

  @Test
  void appliesIncludesAndExcludes() throws IOException {
    Path kept = touch("src/p/Kept.java");
    touch("src/p/internal/Hidden.java");
    touch("src/p/KeptTest.java");

    List<Path> found =
        new SourceScanner(List.of("p/**/*.java"), List.of("**/internal/**", "**/*Test.java"), null)
            .scan(List.of(dir.resolve("src")));

    assertThat(found).containsExactly(kept);
  }

  @Test
  void neverReadsTheExcludedDirectoryEvenWhenItIsARoot() throws IOException {
    Path source = touch("src/p/A.java");
    touch("src/gen/p/AGrad.java");
    touch("out/p/BGrad.java");

    List<Path> found =
        new SourceScanner(List.of(), List.of(), dir.resolve("src/gen"))
            .scan(List.of(dir.resolve("src"), dir.resolve("src/gen")));
    List<Path> fromOut =
        new SourceScanner(List.of(), List.of(), dir.resolve("out/../out"))
            .scan(List.of(dir.resolve("out")));

    assertThat(found).containsExactly(source);
    assertThat(fromOut).isEmpty();
  }

  @Test
  void nestedRootsGiveEachFileOnce() throws IOException {
    Path a = touch("src/p/A.java");

    List<Path> found =
        new SourceScanner(List.of(), List.of(), null)
            .scan(List.of(dir.resolve("src/p"), dir.resolve("src")));

    assertThat(found).containsExactly(a);
  }

  @Test
  void ignoresMissingRoots() throws IOException {
    List<Path> found =
        new SourceScanner(List.of(), List.of(), null).scan(List.of(dir.resolve("absent")));

    assertThat(found).isEmpty();
  }

  @Test
  void returnsAbsoluteNormalisedPaths() throws IOException {
    touch("src/p/A.java");

    List<Path> found =
        new SourceScanner(List.of(), List.of(), null).scan(List.of(dir.resolve("src/p/../p")));

    assertThat(found).singleElement().satisfies(p -> {
      assertThat(p.isAbsolute()).isTrue();
      assertThat(p).isEqualTo(p.normalize());
    });
  }
}
