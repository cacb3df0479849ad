package io.github.ad4j.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.SourceOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded run keeps a source's part while the run's fingerprint matches, the source's text is
 * the recorded one and its files are as the run left them; an edited, added or removed source,
 * a deleted or edited output file, or a generated file the run did not write each leave the
 * next run something to do, and a changed fingerprint everything.
 */
class FingerprintFileTest {

  @TempDir Path dir;

  private static final String FINGERPRINT = "a".repeat(64);
  private static final SourceFile A =
      new SourceFile("src/p/A.java", "package p;\nclass A { @Differentiable double f; }\n");
  private static final SourceFile B =
      new SourceFile("src/p/q/B.java", "package p.q;\nclass B { @Differentiable double g; }\n");
  private static final List<SourceFile> SOURCES = List.of(A, B);
  /** A context file (a main source, for the test sources' goal). */
  private static final SourceFile M =
      new SourceFile("main/p/M.java", "package p;\npublic class M { static double m; }\n");
  private static final List<SourceFile> CONTEXT = List.of(M);
  private static final SourceOutput A_GAVE =
      new SourceOutput(
          A.path(),
          List.of(new GeneratedFile("p/AGrad.java", generated("AGrad"))),
          List.of(new Diagnostic(Diagnostic.Severity.ERROR, A.path(), 3, 5, "cannot")),
          List.of("## p.A.f\n\n- tapes nothing\n"));
  private static final SourceOutput B_GAVE =
      new SourceOutput(
          B.path(),
          List.of(new GeneratedFile("p/q/BGrad.java", generated("BGrad"))),
          List.of(),
          List.of());
  private static final List<String> A_WARNINGS =
      List.of("src/p/A.java:3:5: cannot (no derivative generated)");

  private Path output;
  private FingerprintFile record;

  private static String generated(String name) {
    return "package p;\n@io.github.ad4j.Generated\npublic final class " + name + " {} // ∂\n";
  }

  /** What a successful run leaves: its output and its record. */
  @BeforeEach
  void run() throws IOException {
    output = dir.resolve("target/generated-sources/ad");
    List<GeneratedFile> files = new ArrayList<>(A_GAVE.files());
    files.addAll(B_GAVE.files());
    new GeneratedSources(output).update(files, List.of());
    record = FingerprintFile.of(dir.resolve("target").toString(), "generate", null);
    record.write(new FingerprintFile.Run(FINGERPRINT, entries(), contextEntries()));
  }

  /** What the record leaves a run over {@code sources} and {@link #CONTEXT} to do. */
  private FingerprintFile.Comparison compare(List<SourceFile> sources) {
    return record.compare(FINGERPRINT, sources, CONTEXT, output);
  }

  /** The same, as the goals ask it: a record that leaves work is deleted. */
  private FingerprintFile.Comparison prepare(List<SourceFile> sources) {
    return record.prepare(FINGERPRINT, sources, CONTEXT, output, new SystemStreamLog());
  }

  private static List<FingerprintFile.Entry> contextEntries() {
    return List.of(FingerprintFile.Entry.ofContext(M));
  }

  private List<FingerprintFile.Entry> entries() throws IOException {
    return List.of(
        FingerprintFile.Entry.of(A, A_GAVE, A_WARNINGS, output),
        FingerprintFile.Entry.of(B, B_GAVE, List.of(), output));
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
  void anUnchangedRunIsUpToDateAndKeepsEverySourcesPart() {
    FingerprintFile.Comparison comparison = compare(SOURCES);

    assertThat(comparison.isUpToDate()).as(comparison.why()).isTrue();
    assertThat(comparison.kept()).containsOnlyKeys(A.path(), B.path());
    FingerprintFile.Entry a = comparison.kept().get(A.path());
    assertThat(a.warnings()).isEqualTo(A_WARNINGS);
    // nothing to generate, so no report to write: its sections are not even read
    assertThat(a.sections()).isEmpty();
    assertThat(compare(List.of(A)).kept().get(A.path()).sections())
        .isEqualTo(A_GAVE.reportSections());
    assertThat(a.provides()).containsExactlyInAnyOrder("A", "AGrad");
    assertThat(a.outputs())
        .extracting(FingerprintFile.Output::relativePath)
        .containsExactly("p/AGrad.java");
  }

  @Test
  void theRecordRoundTripsAnyText() throws IOException {
    String odd = "C:\\src\\A.java:1:2: two\nlines\r\n and a \\n that is not one";
    FingerprintFile.Run run =
        new FingerprintFile.Run(
            FINGERPRINT,
            List.of(
                new FingerprintFile.Entry(
                    "C:\\my sources\\A.java",
                    "0".repeat(64),
                    Set.of("AGrad", "A"),
                    List.of(),
                    List.of(odd, "", "#x"),
                    List.of("## section\n\ntext\\n", "")),
                FingerprintFile.Entry.of(B, B_GAVE, List.of(), output)),
            contextEntries());
    record.write(run);

    assertThat(record.read(true)).isEqualTo(run);
    assertThat(Files.readAllLines(record.path(), UTF_8))
        .contains("provides A AGrad", "provides B BGrad");
    assertThat(Files.readAllLines(record.path(), UTF_8))
        .filteredOn(line -> !line.startsWith("#"))
        .hasSize(1 + 2 + (2 + 3 + 2) + (2 + 1));
  }

  @Test
  void onlyARunThatKeepsSomeSourcesReadsTheReportSections() throws IOException {
    // the sections are most of a record's bytes: an unchanged build stops reading before them
    String text = Files.readString(record.path(), UTF_8);
    assertThat(text.substring(text.indexOf("\nsection ")))
        .doesNotContain("\nsource ", "\nfile ", "\nwarning ");
    Files.writeString(record.path(), text + "section 7 of no source\n", UTF_8);

    assertThat(compare(SOURCES).isUpToDate()).isTrue();
    FingerprintFile.Comparison partial = compare(List.of(A));
    assertThat(partial.reason()).startsWith("unreadable fingerprint");
    assertThat(partial.kept()).isEmpty();
  }

  @Test
  void aChangedFingerprintKeepsNothing() {
    FingerprintFile.Comparison comparison =
        record.compare("b".repeat(64), SOURCES, CONTEXT, output);

    assertThat(comparison.isUpToDate()).isFalse();
    assertThat(comparison.reason()).contains("changed");
    assertThat(comparison.kept()).isEmpty();
  }

  @Test
  void anEditedSourceIsReportedWithWhatItProvidedBefore() {
    SourceFile edited = new SourceFile(B.path(), B.content().replace("class B", "class C"));

    FingerprintFile.Comparison comparison =
        record.compare(FINGERPRINT, List.of(A, edited), CONTEXT, output);

    assertThat(comparison.isUpToDate()).isFalse();
    assertThat(comparison.edited()).isEqualTo(Map.of(B.path(), Set.of("B", "BGrad")));
    assertThat(comparison.kept()).containsOnlyKeys(A.path());
    assertThat(comparison.why()).isEqualTo("src/p/q/B.java was edited, added or removed");
  }

  @Test
  void anEditedAddedOrRemovedContextFileIsReportedButNothingOfItIsKept() {
    SourceFile edited = new SourceFile(M.path(), M.content().replace("class M", "class N"));
    SourceFile added = new SourceFile("main/p/Q.java", "package p;\nclass Q {}\n");

    assertThat(record.compare(FINGERPRINT, SOURCES, List.of(edited), output).edited())
        .isEqualTo(Map.of(M.path(), Set.of("M", "MGrad")));
    assertThat(record.compare(FINGERPRINT, SOURCES, List.of(M, added), output).edited())
        .isEqualTo(Map.of(added.path(), Set.of()));
    FingerprintFile.Comparison removed = record.compare(FINGERPRINT, SOURCES, List.of(), output);
    assertThat(removed.edited()).isEqualTo(Map.of(M.path(), Set.of("M", "MGrad")));
    assertThat(removed.kept()).containsOnlyKeys(A.path(), B.path());
    assertThat(removed.isUpToDate()).isFalse();
  }

  @Test
  void anAddedSourceProvidedNothingAndARemovedOneWhatItDid() {
    SourceFile added = new SourceFile("src/p/D.java", "package p;\nclass D {}\n");

    FingerprintFile.Comparison comparison =
        record.compare(FINGERPRINT, List.of(A, added), CONTEXT, output);

    assertThat(comparison.edited())
        .isEqualTo(Map.of(added.path(), Set.of(), B.path(), Set.of("B", "BGrad")));
    assertThat(comparison.kept()).containsOnlyKeys(A.path());
  }

  @Test
  void aDeletedOutputFileDamagesItsSourceOnly() throws IOException {
    Files.delete(output.resolve("p/q/BGrad.java"));

    FingerprintFile.Comparison comparison = compare(SOURCES);

    assertThat(comparison.isUpToDate()).isFalse();
    assertThat(comparison.damaged()).containsExactly(B.path());
    assertThat(comparison.edited()).isEmpty();
    assertThat(comparison.kept()).containsOnlyKeys(A.path());
    assertThat(comparison.why()).isEqualTo("the output of src/p/q/B.java was deleted or changed");
  }

  @Test
  void aDeletedOutputDirectoryDamagesEverySource() throws IOException {
    Files.delete(output.resolve("p/q/BGrad.java"));
    Files.delete(output.resolve("p/q"));
    Files.delete(output.resolve("p/AGrad.java"));
    Files.delete(output.resolve("p"));
    Files.delete(output);

    assertThat(compare(SOURCES).damaged())
        .containsExactly(A.path(), B.path());
  }

  @Test
  void anEditedOutputFileDamagesItsSource() throws IOException {
    Path a = output.resolve("p/AGrad.java");
    // same length, one byte different: the digest tells
    FileTime written = Files.getLastModifiedTime(a);
    Files.writeString(a, generated("AGrad").replace("{}", "{ "), UTF_8);
    Files.setLastModifiedTime(a, FileTime.fromMillis(written.toMillis() + 1000));

    assertThat(compare(SOURCES).damaged()).containsExactly(A.path());
  }

  @Test
  void anOutputFileOfAnotherSizeIsChangedWhateverItsTime() throws IOException {
    Path a = output.resolve("p/AGrad.java");
    FileTime written = Files.getLastModifiedTime(a);
    Files.writeString(a, generated("AGrad") + "// more\n", UTF_8);
    Files.setLastModifiedTime(a, written);

    assertThat(compare(SOURCES).damaged()).containsExactly(A.path());
  }

  @Test
  void aTouchedButUnchangedOutputFileIsUpToDateAndItsNewTimeRecorded() throws IOException {
    Path a = output.resolve("p/AGrad.java");
    FileTime touched = FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5000);
    Files.setLastModifiedTime(a, touched);

    FingerprintFile.Comparison comparison = compare(SOURCES);
    assertThat(comparison.isUpToDate()).isTrue();
    assertThat(comparison.touched()).isTrue();

    assertThat(prepare(SOURCES).isUpToDate())
        .isTrue();
    FingerprintFile.Output recorded = record.read(true).outputs().get(0);
    assertThat(recorded.relativePath()).isEqualTo("p/AGrad.java");
    assertThat(recorded.modified()).isEqualTo(touched.to(TimeUnit.NANOSECONDS));
    // the record written again keeps everything but the times, the report sections included
    assertThat(record.read(true).entries().get(0).warnings()).isEqualTo(A_WARNINGS);
    assertThat(record.read(true).entries().get(0).sections()).isEqualTo(A_GAVE.reportSections());
    assertThat(record.read(true).context()).isEqualTo(contextEntries());
    assertThat(compare(SOURCES).touched()).isFalse();
  }

  @Test
  void aFileOfTheRecordedSizeAndTimeIsTakenToHoldTheRecordedBytes() throws IOException {
    // The shortcut that spares hashing every output on every build (as make, git and Gradle
    // do): an edit that keeps both the size and the time to the nanosecond goes unnoticed.
    Path a = output.resolve("p/AGrad.java");
    FileTime written = Files.getLastModifiedTime(a);
    Files.writeString(a, generated("AGrad").replace("{}", "{ "), UTF_8);
    Files.setLastModifiedTime(a, written);

    assertThat(compare(SOURCES).isUpToDate()).isTrue();
  }

  @Test
  void theRecordHoldsEachSourcesDigestAndEachFilesDigestSizeAndTime() throws IOException {
    FingerprintFile.Entry entry = record.read(true).entries().get(1);
    FingerprintFile.Output b = entry.outputs().get(0);
    Path path = output.resolve("p/q/BGrad.java");

    assertThat(entry.source()).isEqualTo(B.path());
    assertThat(entry.sha256()).isEqualTo(Fingerprint.hex(B.content().getBytes(UTF_8)));
    assertThat(b.relativePath()).isEqualTo("p/q/BGrad.java");
    assertThat(b.sha256()).isEqualTo(Fingerprint.hex(Files.readAllBytes(path)));
    assertThat(b.size()).isEqualTo(Files.size(path));
    assertThat(b.modified())
        .isEqualTo(Files.getLastModifiedTime(path).to(TimeUnit.NANOSECONDS));
  }

  @Test
  void aGeneratedFileTheRunDidNotWriteLeavesSomethingToDo() throws IOException {
    // a run would delete it as stale, so the run must happen
    Files.writeString(output.resolve("p/OldGrad.java"), generated("OldGrad"), UTF_8);

    FingerprintFile.Comparison comparison = compare(SOURCES);

    assertThat(comparison.isUpToDate()).isFalse();
    assertThat(comparison.stray()).isTrue();
    assertThat(comparison.kept()).containsOnlyKeys(A.path(), B.path());
  }

  @Test
  void otherFilesInTheOutputDirectoryDoNot() throws IOException {
    Files.writeString(output.resolve("p/Handwritten.java"), "package p; class Handwritten {}");
    Files.writeString(output.resolve("p/notes.txt"), GeneratedSources.MARKER);

    assertThat(compare(SOURCES).isUpToDate()).isTrue();
  }

  @Test
  void aMovedOutputDirectoryLeavesSomethingToDo() {
    // the fingerprint includes the output directory; the files must be there too
    assertThat(record.compare(FINGERPRINT, SOURCES, CONTEXT, dir.resolve("elsewhere")).isUpToDate())
        .isFalse();
  }

  @Test
  void noRecordOrAMalformedOneKeepsNothing() throws IOException {
    Files.delete(record.path());
    assertThat(compare(SOURCES).reason()).contains("no fingerprint");

    String source = "source " + "0".repeat(64) + " src/p/A.java\n";
    for (String text :
        List.of(
            "",
            "fingerprint xyz\n",
            "fingerprint " + FINGERPRINT + "\nfile " + "0".repeat(64) + " 1 2 p/AGrad.java\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "file 123 p/AGrad.java\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "file " + "0".repeat(64) + " 1 2\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "file " + "0".repeat(64)
                + " 1 99999999999999999999 p/A.java\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "warning dangling \\\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "something else\n",
            "fingerprint " + FINGERPRINT + "\nsource 123 src/p/A.java\n",
            "fingerprint " + FINGERPRINT + "\n" + source + source,
            "fingerprint " + FINGERPRINT + "\n" + source + "section 0\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "section x text\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "section \u0663 text\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "section 0 text\nwarning late\n",
            "fingerprint " + FINGERPRINT + "\n" + source + "context " + "0".repeat(64)
                + " main/M.java\nfile " + "0".repeat(64) + " 1 2 p/MGrad.java\n",
            source)) {
      Files.writeString(record.path(), text, UTF_8);
      FingerprintFile.Comparison comparison = compare(SOURCES);
      assertThat(comparison.isUpToDate()).as(text).isFalse();
      assertThat(comparison.kept()).as(text).isEmpty();
      // because the record cannot be read, not by accident of what it names
      assertThat(comparison.reason()).as(text).startsWith("unreadable fingerprint");
    }
    // a path that leaves the output directory is never followed
    Files.writeString(
        record.path(),
        "fingerprint " + FINGERPRINT + "\n" + source + "file " + "0".repeat(64)
            + " 1 2 ../../etc/passwd\n",
        UTF_8);
    assertThat(compare(SOURCES).reason())
        .contains("not a plain relative path");
  }

  @Test
  void aRecordThatLeavesWorkIsDeletedSoThatAFailingRunLeavesNone() {
    assertThat(prepare(SOURCES).isUpToDate())
        .isTrue();
    assertThat(record.path()).exists();

    assertThat(prepare(List.of(A)).isUpToDate())
        .isFalse();
    assertThat(record.path()).doesNotExist();
  }

  @Test
  void withoutAFingerprintNothingIsKeptOrRecorded() throws IOException {
    FingerprintFile.Comparison comparison =
        record.prepare(null, SOURCES, CONTEXT, output, new SystemStreamLog());
    assertThat(comparison.isUpToDate()).isFalse();
    assertThat(comparison.kept()).isEmpty();
    assertThat(record.path()).doesNotExist();

    record.record(null, entries(), List.of(), CONTEXT, output, new SystemStreamLog());
    assertThat(record.path()).doesNotExist();
  }

  @Test
  void recordingASuccessfulRunMakesTheNextOneUpToDate() throws IOException {
    Files.delete(record.path());
    record.record(
        FINGERPRINT,
        List.of(),
        List.of(
            new FingerprintFile.Generated(B, B_GAVE, List.of()),
            new FingerprintFile.Generated(A, A_GAVE, A_WARNINGS)),
        CONTEXT,
        output,
        new SystemStreamLog());
    assertThat(record.read(true).entries())
        .extracting(FingerprintFile.Entry::source)
        .containsExactly(A.path(), B.path());

    FingerprintFile.Comparison comparison =
        prepare(SOURCES);
    assertThat(comparison.isUpToDate()).isTrue();
    assertThat(comparison.kept().get(A.path()).warnings()).isEqualTo(A_WARNINGS);
  }
}
