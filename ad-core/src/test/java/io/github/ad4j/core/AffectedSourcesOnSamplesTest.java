package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.testing.Projects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AffectedSources} on real projects, the samples: in each, every {@code @Differentiable}
 * annotation in turn is removed (so that the method's callers, in any file, can no longer call
 * its derivatives), and then every source left out of the affected ones must generate exactly
 * what it generated before the edit, and generating the affected ones with only {@link
 * AffectedSources#contextOf their context} must give what a clean generation gives: the
 * derivative rules of the finance sample ({@code ErfRules}, for {@code Erf}) must reach the
 * regenerated {@code BlackScholes} through the trimmed context. (The samples' calls stay within
 * a file; {@link AffectedSourcesTest} edits callees in other files and packages.)
 */
class AffectedSourcesOnSamplesTest {

  private static final Path SAMPLES = Path.of("..", "samples");
  private static final Pattern ANNOTATION = Pattern.compile("@Differentiable(\\([^)]*\\))?");

  static Stream<String> samples() throws IOException {
    assertThat(SAMPLES.resolve("quickstart")).as("the samples, from ad-core").isDirectory();
    try (Stream<Path> dirs = Files.list(SAMPLES)) {
      return dirs.filter(dir -> Files.isDirectory(dir.resolve("src/main/java")))
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void removingAnyAnnotationRegeneratesEveryFileItChanges(String sample) throws IOException {
    Map<String, String> project = read(SAMPLES.resolve(sample).resolve("src/main/java"));
    DerivativeGenerator generator = DerivativeGenerator.create();
    Map<String, SourceOutput> before = Projects.generated(generator, project);
    assertThat(before).as("what %s generates", sample).isNotEmpty();
    int edits = 0;
    for (Map.Entry<String, String> file : project.entrySet()) {
      Matcher annotation = ANNOTATION.matcher(file.getValue());
      while (annotation.find()) {
        edits++;
        String edited =
            file.getValue().substring(0, annotation.start())
                + file.getValue().substring(annotation.end());
        String what = sample + ", " + file.getKey() + " without " + annotation.group();
        Map<String, String> after = new TreeMap<>(project);
        after.put(file.getKey(), edited);
        Set<String> affected =
            AffectedSources.of(
                Projects.names(after),
                Map.of(file.getKey(), SourceNames.of(file.getValue()).provides()));
        Map<String, SourceOutput> clean = Projects.generated(generator, after);

        for (String path : after.keySet()) {
          if (!affected.contains(path)) {
            assertThat(Projects.of(clean, path))
                .as(what + ": " + path + " is left out, so must generate what it did")
                .isEqualTo(Projects.of(before, path));
          }
        }
        Map<String, SourceOutput> incremental =
            Projects.generatedIncrementally(generator, after, affected);
        for (String path : affected) {
          assertThat(Projects.of(incremental, path))
              .as(what + ": " + path + " generated with its context only")
              .isEqualTo(Projects.of(clean, path));
        }
      }
    }
    assertThat(edits).as("annotations removed in %s", sample).isPositive();
  }

  private static Map<String, String> read(Path root) throws IOException {
    Map<String, String> project = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        project.put(
            root.relativize(file).toString().replace('\\', '/'),
            Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return project;
  }
}
