package io.github.ad4j.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ad4j.core.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratedSourcesTest {

  @TempDir Path dir;

  private static String generated(String name) {
    return "package p;\n@io.github.ad4j.Generated\npublic final class " + name + " {}\n";
  }

  @Test
  void writesEachFileBelowTheDirectory() throws IOException {
    Path out = dir.resolve("out");

    GeneratedSources.Summary summary =
        new GeneratedSources(out)
            .update(
                List.of(
                    new GeneratedFile("p/AGrad.java", generated("AGrad")),
                    new GeneratedFile("p/q/BGrad.java", generated("BGrad"))),
                List.of());

    assertThat(summary).isEqualTo(new GeneratedSources.Summary(2, 0, 0));
    assertThat(out.resolve("p/AGrad.java")).hasContent(generated("AGrad"));
    assertThat(out.resolve("p/q/BGrad.java")).hasContent(generated("BGrad"));
  }

  @Test
  void aSecondIdenticalRunWritesNothing() throws IOException {
    GeneratedSources sources = new GeneratedSources(dir);
    List<GeneratedFile> files = List.of(new GeneratedFile("p/AGrad.java", generated("AGrad")));
    sources.update(files, List.of());

    assertThat(sources.update(files, List.of())).isEqualTo(new GeneratedSources.Summary(0, 1, 0));
  }

  @Test
  void removesStaleGeneratedFilesButNothingElse() throws IOException {
    Path stale = dir.resolve("p/OldGrad.java");
    Path foreign = dir.resolve("p/Handwritten.java");
    Path notJava = dir.resolve("p/notes.txt");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, generated("OldGrad"), UTF_8);
    Files.writeString(foreign, "package p; class Handwritten {}", UTF_8);
    Files.writeString(notJava, "io.github.ad4j.Generated", UTF_8);

    GeneratedSources.Summary summary =
        new GeneratedSources(dir)
            .update(List.of(new GeneratedFile("p/AGrad.java", generated("AGrad"))), List.of());

    assertThat(summary.removed()).isEqualTo(1);
    assertThat(stale).doesNotExist();
    assertThat(foreign).exists();
    assertThat(notJava).exists();
  }

  @Test
  void keepsTheFilesItIsToldToKeepAsTheyAre() throws IOException {
    GeneratedSources sources = new GeneratedSources(dir);
    sources.update(
        List.of(
            new GeneratedFile("p/AGrad.java", generated("AGrad")),
            new GeneratedFile("p/BGrad.java", generated("BGrad")),
            new GeneratedFile("p/CGrad.java", generated("CGrad"))),
        List.of());

    GeneratedSources.Summary summary =
        sources.update(
            List.of(new GeneratedFile("p/AGrad.java", generated("AGrad") + "// new\n")),
            List.of("p/BGrad.java"));

    assertThat(summary).isEqualTo(new GeneratedSources.Summary(1, 0, 1));
    assertThat(dir.resolve("p/AGrad.java")).hasContent(generated("AGrad") + "// new\n");
    assertThat(dir.resolve("p/BGrad.java")).hasContent(generated("BGrad"));
    assertThat(dir.resolve("p/CGrad.java")).doesNotExist();
  }

  @Test
  void refusesAFileBothWrittenAndKeptAndWritesNothing() {
    GeneratedSources sources = new GeneratedSources(dir);
    List<GeneratedFile> files = List.of(new GeneratedFile("p/AGrad.java", "a"));

    assertThatThrownBy(() -> sources.update(files, List.of("p/AGrad.java")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dir.resolve("p")).doesNotExist();
  }

  @Test
  void aMissingDirectoryWithNothingToWriteStaysMissing() throws IOException {
    Path out = dir.resolve("out");

    assertThat(new GeneratedSources(out).update(List.of(), List.of()))
        .isEqualTo(new GeneratedSources.Summary(0, 0, 0));
    assertThat(out).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/abs/CGrad.java", "../CGrad.java", "p/../../CGrad.java", "p//C.java",
      "./C.java", "p\\C.java", "C:/C.java"})
  void refusesPathsThatLeaveTheDirectory(String path) {
    GeneratedSources sources = new GeneratedSources(dir);

    assertThatThrownBy(() -> sources.resolve(path)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesTheSameFileTwiceAndWritesNothing() {
    GeneratedSources sources = new GeneratedSources(dir);
    List<GeneratedFile> files =
        List.of(new GeneratedFile("p/AGrad.java", "a"), new GeneratedFile("p/AGrad.java", "b"));

    assertThatThrownBy(() -> sources.update(files, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dir.resolve("p")).doesNotExist();
  }
}
