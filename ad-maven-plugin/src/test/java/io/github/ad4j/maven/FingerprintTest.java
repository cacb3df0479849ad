package io.github.ad4j.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ad4j.core.DerivativeGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input that the whole output depends on changes the fingerprint; nothing else does. (The
 * sources and the context are compared one by one: FingerprintFileTest.)
 */
class FingerprintTest {

  @TempDir Path dir;

  /** The inputs of a run of the generate goal, with one of them changed at a time. */
  private record Inputs(
      String goal,
      boolean failOnError,
      List<String> includes,
      List<String> excludes,
      String encoding,
      Path output) {

    static final Inputs BASELINE =
        new Inputs(
            "generate",
            true,
            List.of(),
            List.of(),
            "UTF-8",
            Path.of("/p/target/generated-sources/ad"));

    Fingerprint fingerprint() {
      return new Fingerprint()
          .add("goal", goal)
          .add("failOnError", failOnError)
          .addAll("includes", includes)
          .addAll("excludes", excludes)
          .add("encoding", encoding)
          .add("outputDirectory", output);
    }

    Inputs goal(String value) {
      return new Inputs(value, failOnError, includes, excludes, encoding, output);
    }

    Inputs failOnError(boolean value) {
      return new Inputs(goal, value, includes, excludes, encoding, output);
    }

    Inputs includes(String... value) {
      return new Inputs(
          goal, failOnError, List.of(value), excludes, encoding, output);
    }

    Inputs excludes(String... value) {
      return new Inputs(
          goal, failOnError, includes, List.of(value), encoding, output);
    }

    Inputs encoding(String value) {
      return new Inputs(goal, failOnError, includes, excludes, value, output);
    }

    Inputs output(String value) {
      return new Inputs(
          goal, failOnError, includes, excludes, encoding, Path.of(value));
    }

  }

  private static Fingerprint baseline() {
    return Inputs.BASELINE.fingerprint();
  }

  @Test
  void theSameInputsGiveTheSameFingerprint() {
    // two fingerprints of equal inputs, each computed afresh
    assertThat(baseline().hex())
        .isEqualTo(baseline().hex())
        .matches("[0-9a-f]{64}");
  }

  @Test
  void everyInputChangesIt() {
    Inputs base = Inputs.BASELINE;
    List<Inputs> changed =
        List.of(
            base.goal("generate-test"),
            base.failOnError(false),
            base.includes("**/*.java"),
            base.excludes("gen/**"),
            base.encoding(null),
            base.encoding("ISO-8859-1"),
            base.output("/p/target/other"));
    Set<String> fingerprints = new HashSet<>();
    fingerprints.add(baseline().hex());
    for (Inputs inputs : changed) {
      assertThat(fingerprints.add(inputs.fingerprint().hex())).as("%s", inputs).isTrue();
    }
  }

  @Test
  void valuesCannotRunIntoEachOther() {
    String ab = new Fingerprint().add("a", "bc").hex();
    String a = new Fingerprint().add("ab", "c").hex();
    assertThat(ab).isNotEqualTo(a);
    assertThat(new Fingerprint().add("encoding", null).hex())
        .isNotEqualTo(new Fingerprint().add("encoding", "null").hex())
        .isNotEqualTo(new Fingerprint().add("encoding", "").hex());
    assertThat(new Fingerprint().addAll("includes", List.of("a", "b")).hex())
        .isNotEqualTo(new Fingerprint().addAll("includes", List.of("ab")).hex())
        .isNotEqualTo(new Fingerprint().addAll("includes", List.of("b", "a")).hex());
  }

  @Test
  void theGeneratorIsHashedFromTheCodeItWasLoadedFrom() throws IOException {
    Path code = Fingerprint.codeSource(DerivativeGenerator.class);
    assertThat(code).exists();
    // a jar (from the local repository or the reactor) or target/classes (from an IDE)
    assertThat(code.toString().endsWith(".jar") || Files.isDirectory(code)).isTrue();
    assertThat(Fingerprint.codeDigest(code)).matches("[0-9a-f]{64}");

    String withGenerator = baseline().generator(DerivativeGenerator.class).hex();
    assertThat(withGenerator)
        .isNotEqualTo(baseline().hex())
        .isEqualTo(baseline().generator(DerivativeGenerator.class).hex());
  }

  @Test
  void theJdkIsNotACodeSource() {
    assertThatThrownBy(() -> Fingerprint.codeSource(String.class)).isInstanceOf(IOException.class);
  }

  @Test
  void aRebuiltJarWithTheSameNameChangesTheFingerprint() throws IOException {
    // ad-core 0.1.0-SNAPSHOT rebuilt and installed: same path, same version, other bytes
    Path jar = dir.resolve("ad-core-0.1.0-SNAPSHOT.jar");
    Files.write(jar, new byte[] {1, 2, 3});
    String before = baseline().code("ad-core", jar).hex();
    assertThat(baseline().code("ad-core", jar).hex()).isEqualTo(before);

    Files.write(jar, new byte[] {1, 2, 4});
    assertThat(baseline().code("ad-core", jar).hex()).isNotEqualTo(before);
  }

  @Test
  void aClassDirectoryIsHashedFileByFile() throws IOException {
    Path classes = dir.resolve("classes");
    Path a = classes.resolve("p/A.class");
    Files.createDirectories(a.getParent());
    Files.writeString(a, "one", UTF_8);
    Files.writeString(classes.resolve("p/B.class"), "two", UTF_8);
    String before = Fingerprint.codeDigest(classes);
    assertThat(Fingerprint.codeDigest(classes)).isEqualTo(before);

    Files.writeString(a, "ONE", UTF_8);
    String edited = Fingerprint.codeDigest(classes);
    assertThat(edited).isNotEqualTo(before);

    Files.move(a, classes.resolve("p/C.class"));
    String renamed = Fingerprint.codeDigest(classes);
    assertThat(renamed).isNotEqualTo(edited);

    Files.writeString(classes.resolve("p/D.class"), "", UTF_8);
    assertThat(Fingerprint.codeDigest(classes)).isNotEqualTo(renamed);
  }
}
