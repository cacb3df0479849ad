package io.github.ad4j.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded run holds while its fingerprint matches and the output directory is as it left it;
 * a changed input, a deleted or edited output file, or a generated file it did not write
 * invalidates it.
 */
class FingerprintFileTest {

  @TempDir Path dir;

  private static final String FINGERPRINT = "a".repeat(64);
  private static final List<GeneratedFile> FILES =
      List.of(
          new GeneratedFile("p/AGrad.java", generated("AGrad")),
          new GeneratedFile("p/q/BGrad.java", generated("BGrad")));
  private static final List<String> WARNINGS =
      List.of("/src/p/A.java:3:5: cannot differentiate (no derivative generated)");

  private Path output;
  private FingerprintFile record;

  private static String generated(String name) {
    return "package p;\n@io.github.ad4j.Generated\npublic final class " + name + " {} // ∂\n";
  }

  /** What a successful run leaves: its output and its record. */
  @BeforeEach
  void run() throws IOException {
    output = dir.resolve("target/generated-sources/ad");
    new GeneratedSources(output).update(FILES);
    record = FingerprintFile.of(dir.resolve("target").toString(), "generate", null);
    record.write(FingerprintFile.Run.of(FINGERPRINT, FILES, WARNINGS, output));
  }

  @Test
  void livesInTheBuildDirectoryNamedAfterTheGoal() {
    assertThat(record.path()).isEqualTo(dir.resolve("target/ad4j/generate.fingerprint"));
    assertThat(record.path()).exists();
    String target = dir.resolve("target").toString();
    assertThat(FingerprintFile.of(target, "generate", execution("default-cli")).path())
        .isEqualTo(record.path());
    assertThat(FingerprintFile.of(target, "generate", execution("default")).path())
        .isEqualTo(record.path());
    assertThat(FingerprintFile.of(target, "generate-test", execution("default")).path())
        .hasFileName("generate-test.fingerprint");
    assertThat(FingerprintFile.of(target, "generate", execution("second/source set")).path())
        .isEqualTo(dir.resolve("target/ad4j/generate-second_source_set.fingerprint"));
  }

  private static MojoExecution execution(String id) {
    return new MojoExecution(new MojoDescriptor(), id);
  }

  @Test
  void anUnchangedRunIsUpToDateAndGetsTheRecordedWarnings() {
    FingerprintFile.Check check = record.check(FINGERPRINT, output);

    assertThat(check.isUpToDate()).as(check.reason()).isTrue();
    assertThat(check.upToDate().warnings()).isEqualTo(WARNINGS);
    assertThat(check.upToDate().outputs())
        .extracting(FingerprintFile.Output::relativePath)
        .containsExactly("p/AGrad.java", "p/q/BGrad.java");
  }

  @Test
  void theRecordRoundTripsAnyText() throws IOException {
    List<String> warnings =
        List.of("C:\\src\\A.java:1:2: two\nlines\r\n and a \\n that is not one", "", "#x");
    FingerprintFile.Run run = FingerprintFile.Run.of(FINGERPRINT, FILES, warnings, output);
    record.write(run);

    assertThat(record.read()).isEqualTo(run);
    assertThat(Files.readAllLines(record.path(), UTF_8))
        .filteredOn(line -> !line.startsWith("#"))
        .hasSize(1 + FILES.size() + warnings.size());
  }

  @Test
  void anyChangedInputInvalidatesIt() {
    FingerprintFile.Check check = record.check("b".repeat(64), output);

    assertThat(check.isUpToDate()).isFalse();
    assertThat(check.reason()).contains("changed");
  }

  @Test
  void aDeletedOutputFileInvalidatesIt() throws IOException {
    Files.delete(output.resolve("p/q/BGrad.java"));

    FingerprintFile.Check check = record.check(FINGERPRINT, output);

    assertThat(check.isUpToDate()).isFalse();
    assertThat(check.reason()).isEqualTo("p/q/BGrad.java was deleted");
  }

  @Test
  void aDeletedOutputDirectoryInvalidatesIt() throws IOException {
    Files.delete(output.resolve("p/q/BGrad.java"));
    Files.delete(output.resolve("p/q"));
    Files.delete(output.resolve("p/AGrad.java"));
    Files.delete(output.resolve("p"));
    Files.delete(output);

    assertThat(record.check(FINGERPRINT, output).isUpToDate()).isFalse();
  }

  @Test
  void anEditedOutputFileInvalidatesIt() throws IOException {
    Path a = output.resolve("p/AGrad.java");
    // same length, one byte different: the digest tells
    FileTime written = Files.getLastModifiedTime(a);
    Files.writeString(a, generated("AGrad").replace("{}", "{ "), UTF_8);
    Files.setLastModifiedTime(a, FileTime.fromMillis(written.toMillis() + 1000));

    FingerprintFile.Check check = record.check(FINGERPRINT, output);

    assertThat(check.isUpToDate()).isFalse();
    assertThat(check.reason()).isEqualTo("p/AGrad.java was changed");
  }

  @Test
  void anOutputFileOfAnotherSizeIsChangedWhateverItsTime() throws IOException {
    Path a = output.resolve("p/AGrad.java");
    FileTime written = Files.getLastModifiedTime(a);
    Files.writeString(a, generated("AGrad") + "// more\n", UTF_8);
    Files.setLastModifiedTime(a, written);

    assertThat(record.check(FINGERPRINT, output).reason()).isEqualTo("p/AGrad.java was changed");
  }

  @Test
  void aTouchedButUnchangedOutputFileIsUpToDateAndItsNewTimeRecorded() throws IOException {
    Path a = output.resolve("p/AGrad.java");
    FileTime touched = FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000);
    Files.setLastModifiedTime(a, touched);

    FingerprintFile.Check check = record.check(FINGERPRINT, output);
    assertThat(check.isUpToDate()).isTrue();
    assertThat(check.touched()).isTrue();

    assertThat(record.upToDate(FINGERPRINT, output, new SystemStreamLog())).isNotNull();
    FingerprintFile.Output recorded = record.read().outputs().get(0);
    assertThat(recorded.relativePath()).isEqualTo("p/AGrad.java");
    assertThat(recorded.modified()).isEqualTo(touched.to(TimeUnit.NANOSECONDS));
    assertThat(record.check(FINGERPRINT, output).touched()).isFalse();
  }

  @Test
  void aFileOfTheRecordedSizeAndTimeIsTakenToHoldTheRecordedBytes() throws IOException {
    // The shortcut that spares hashing every output on every build (as make, git and Gradle
    // do): an edit that keeps both the size and the time to the nanosecond goes unnoticed.
    Path a = output.resolve("p/AGrad.java");
    FileTime written = Files.getLastModifiedTime(a);
    Files.writeString(a, generated("AGrad").replace("{}", "{ "), UTF_8);
    Files.setLastModifiedTime(a, written);

    assertThat(record.check(FINGERPRINT, output).isUpToDate()).isTrue();
  }

  @Test
  void theRecordHoldsEachFilesDigestSizeAndTime() throws IOException {
    FingerprintFile.Output b = record.read().outputs().get(1);
    Path path = output.resolve("p/q/BGrad.java");

    assertThat(b.relativePath()).isEqualTo("p/q/BGrad.java");
    assertThat(b.sha256()).isEqualTo(Fingerprint.hex(Files.readAllBytes(path)));
    assertThat(b.size()).isEqualTo(Files.size(path));
    assertThat(b.modified())
        .isEqualTo(Files.getLastModifiedTime(path).to(TimeUnit.NANOSECONDS));
  }

  @Test
  void aGeneratedFileTheRunDidNotWriteInvalidatesIt() throws IOException {
    // a run would delete it as stale, so the run must happen
    Files.writeString(output.resolve("p/OldGrad.java"), generated("OldGrad"), UTF_8);

    FingerprintFile.Check check = record.check(FINGERPRINT, output);

    assertThat(check.isUpToDate()).isFalse();
    assertThat(check.reason()).contains("OldGrad.java");
  }

  @Test
  void otherFilesInTheOutputDirectoryDoNot() throws IOException {
    Files.writeString(output.resolve("p/Handwritten.java"), "package p; class Handwritten {}");
    Files.writeString(output.resolve("p/notes.txt"), GeneratedSources.MARKER);

    assertThat(record.check(FINGERPRINT, output).isUpToDate()).isTrue();
  }

  @Test
  void aMovedOutputDirectoryInvalidatesIt() throws IOException {
    // the fingerprint includes the output directory; the files must be there too
    assertThat(record.check(FINGERPRINT, dir.resolve("elsewhere")).isUpToDate()).isFalse();
  }

  @Test
  void noRecordOrAMalformedOneIsNotUpToDate() throws IOException {
    Files.delete(record.path());
    assertThat(record.check(FINGERPRINT, output).reason()).contains("no fingerprint");

    for (String text :
        List.of(
            "",
            "fingerprint xyz\n",
            "fingerprint " + FINGERPRINT + "\nfile 123 p/AGrad.java\n",
            "fingerprint " + FINGERPRINT + "\nfile " + "0".repeat(64) + " 1 2\n",
            "fingerprint " + FINGERPRINT + "\nfile " + "0".repeat(64) + " 1 99999999999999999999 p/A.java\n",
            "fingerprint " + FINGERPRINT + "\nwarning dangling \\\n",
            "fingerprint " + FINGERPRINT + "\nsomething else\n",
            "file " + "0".repeat(64) + " 1 2 p/AGrad.java\n")) {
      Files.writeString(record.path(), text, UTF_8);
      FingerprintFile.Check check = record.check(FINGERPRINT, output);
      assertThat(check.isUpToDate()).as(text).isFalse();
      // stale because the record cannot be read, not by accident of what it names
      assertThat(check.reason()).as(text).startsWith("unreadable fingerprint");
    }
    // a path that leaves the output directory is never followed
    Files.writeString(
        record.path(),
        "fingerprint " + FINGERPRINT + "\nfile " + "0".repeat(64) + " 1 2 ../../etc/passwd\n",
        UTF_8);
    assertThat(record.check(FINGERPRINT, output).reason()).contains("not a plain relative path");
  }

  @Test
  void aStaleRecordIsDeletedSoThatAFailingRunLeavesNone() {
    assertThat(record.upToDate(FINGERPRINT, output, new SystemStreamLog())).isNotNull();
    assertThat(record.path()).exists();

    assertThat(record.upToDate("b".repeat(64), output, new SystemStreamLog())).isNull();
    assertThat(record.path()).doesNotExist();
  }

  @Test
  void withoutAFingerprintNothingIsUpToDateOrRecorded() {
    assertThat(record.upToDate(null, output, new SystemStreamLog())).isNull();
    assertThat(record.path()).doesNotExist();

    record.record(null, FILES, WARNINGS, output, new SystemStreamLog());
    assertThat(record.path()).doesNotExist();
  }

  @Test
  void recordingASuccessfulRunMakesTheNextOneUpToDate() throws IOException {
    Files.delete(record.path());
    record.record(FINGERPRINT, FILES, List.of(), output, new SystemStreamLog());

    FingerprintFile.Run run = record.upToDate(FINGERPRINT, output, new SystemStreamLog());
    assertThat(run).isNotNull();
    assertThat(run.warnings()).isEmpty();
  }
}
