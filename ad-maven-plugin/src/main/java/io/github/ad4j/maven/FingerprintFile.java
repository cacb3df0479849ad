package io.github.ad4j.maven;

import io.github.ad4j.core.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.logging.Log;

/**
 * The record of a goal's last successful run, kept in the build directory ({@code
 * target/ad4j/generate.fingerprint}): the {@link Fingerprint} of its inputs, the files it wrote
 * with a SHA-256 digest of each, and the warnings it reported. While the fingerprint matches and
 * the output directory still holds exactly those files, a new run would write the same bytes and
 * report the same warnings, so the goal replays the warnings and generates nothing.
 *
 * <p>Hashing every output on every build would cost more than the rest of an unchanged build's
 * check together (about 0.1 s for the 7.5 MB of 1,000 generated methods, in a JVM that has not
 * compiled SHA-256 yet), so each file's size and modification time are recorded with its digest,
 * and a file whose size and time are those recorded is taken to hold the recorded bytes, as
 * {@code make}, git and Gradle do; a file with another time is hashed, and if its bytes are the
 * recorded ones after all (touched, or copied back), its new time is recorded. A file of another
 * size is out of date without reading it.
 *
 * <p>Plain text, one entry per line, written atomically with {@link AtomicWriter}:
 *
 * <pre>
 * # comment lines
 * fingerprint 3f2a...
 * file 9c1e... 48211 1763924400123456789 p/CGrad.java     (SHA-256, size, time in ns, path)
 * warning p/C.java:12:5: ...
 * </pre>
 *
 * Backslashes and line breaks in paths and warnings are escaped ({@code \\}, {@code \n}, {@code
 * \r}). A file that cannot be read or parsed counts as absent: the goal then generates as if it
 * had never run, which is always correct.
 */
final class FingerprintFile {

  /** What a run recorded. */
  record Run(String fingerprint, List<Output> outputs, List<String> warnings) {
    Run {
      outputs = List.copyOf(outputs);
      warnings = List.copyOf(warnings);
    }

    /**
     * The record of a run that wrote {@code files} into {@code outputDirectory} (where each one's
     * modification time is read) and reported {@code warnings}.
     */
    static Run of(
        String fingerprint, List<GeneratedFile> files, List<String> warnings, Path outputDirectory)
        throws IOException {
      GeneratedSources output = new GeneratedSources(outputDirectory);
      List<Output> outputs = new ArrayList<>();
      for (GeneratedFile file : files) {
        byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
        outputs.add(
            new Output(
                file.relativePath(),
                Fingerprint.hex(bytes),
                bytes.length,
                modified(Files.getLastModifiedTime(output.resolve(file.relativePath())))));
      }
      return new Run(fingerprint, outputs, warnings);
    }
  }

  /**
   * A file a run wrote: its path below the output directory, the SHA-256 of its bytes, its size
   * and its modification time (nanoseconds since the epoch).
   */
  record Output(String relativePath, String sha256, long size, long modified) {}

  /**
   * Whether a run can be skipped, and if not, why not (for the log).
   *
   * @param upToDate the recorded run, with the times of files found touched but unchanged
   *     updated, or {@code null}
   * @param touched whether such files were found (the record is then worth rewriting)
   */
  record Check(Run upToDate, String reason, boolean touched) {
    static Check stale(String reason) {
      return new Check(null, reason, false);
    }

    boolean isUpToDate() {
      return upToDate != null;
    }
  }

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FILE_LINE =
      Pattern.compile("file ([0-9a-f]{64}) (\\d{1,18}) (-?\\d{1,19}) (.+)");

  private final Path file;
  private final String goal;

  /**
   * @param file where the record lives
   * @param goal the goal whose runs it records, named in the file's header
   */
  FingerprintFile(Path file, String goal) {
    this.file = file;
    this.goal = goal;
  }

  /**
   * The record of a goal's execution: {@code ad4j/<goal>.fingerprint} in the build directory, for
   * the execution a plain binding or the command line gets (their ids start with {@code
   * default}); an execution with an id of its own ({@code <id>second</id>}) gets {@code
   * ad4j/<goal>-<id>.fingerprint}, so two executions with different configurations do not
   * invalidate each other's.
   *
   * @param execution the goal's execution, or {@code null}
   */
  static FingerprintFile of(String buildDirectory, String goal, MojoExecution execution) {
    String id = execution == null ? null : execution.getExecutionId();
    String name = goal;
    if (id != null && !id.startsWith("default")) {
      name += "-" + id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
    Path file = Path.of(buildDirectory, "ad4j", name + ".fingerprint");
    return new FingerprintFile(file.toAbsolutePath().normalize(), goal);
  }

  Path path() {
    return file;
  }

  /**
   * The recorded run, if this run can skip generating: see {@link #check}. Otherwise logs why
   * (at debug level), removes the record so that a run that fails leaves none behind, and returns
   * {@code null}; also when {@code fingerprint} is {@code null} (not computable).
   */
  Run upToDate(String fingerprint, Path outputDirectory, Log log) {
    if (fingerprint != null) {
      Check check = check(fingerprint, outputDirectory);
      if (check.isUpToDate()) {
        if (check.touched()) {
          try {
            write(check.upToDate());
          } catch (IOException e) {
            log.debug("ad4j: cannot update " + file + ": " + e);
          }
        }
        return check.upToDate();
      }
      log.debug("ad4j: generating: " + check.reason());
    }
    try {
      // One left behind would do no harm (it matches only the inputs it was written for, and
      // only while the output is as it was), but a record should describe the last run.
      delete();
    } catch (IOException e) {
      log.warn("ad4j: cannot delete " + file + ": " + e);
    }
    return null;
  }

  /**
   * Records a successful run that wrote {@code files} and logged {@code warnings}, unless {@code
   * fingerprint} is {@code null}. Failing to write costs only the next run its shortcut, so it is
   * a warning.
   */
  void record(
      String fingerprint,
      List<GeneratedFile> files,
      List<String> warnings,
      Path outputDirectory,
      Log log) {
    if (fingerprint == null) {
      return;
    }
    try {
      write(Run.of(fingerprint, files, warnings, outputDirectory));
    } catch (IOException e) {
      log.warn("ad4j: cannot write " + file + ", so the next build generates again: " + e);
    }
  }

  /**
   * Whether the recorded run had {@code fingerprint} and left the output directory as it is now:
   * every file it wrote is there with the same bytes (the same size and time, or else the same
   * SHA-256), and no other file ad4j generated (one that a run would delete as stale) has
   * appeared.
   */
  Check check(String fingerprint, Path outputDirectory) {
    Run run;
    try {
      run = read();
    } catch (NoSuchFileException e) {
      return Check.stale("no fingerprint of an earlier run");
    } catch (IOException | IllegalArgumentException e) {
      return Check.stale("unreadable fingerprint " + file + " (" + e.getMessage() + ")");
    }
    if (!run.fingerprint().equals(fingerprint)) {
      return Check.stale("the sources, the configuration or the plugin changed");
    }
    GeneratedSources output = new GeneratedSources(outputDirectory);
    Set<Path> recorded = new HashSet<>();
    List<Output> outputs = new ArrayList<>();
    boolean touched = false;
    try {
      for (Output expected : run.outputs()) {
        Path path = output.resolve(expected.relativePath());
        recorded.add(path);
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          return Check.stale(expected.relativePath() + " was deleted");
        }
        if (!attributes.isRegularFile()) {
          return Check.stale(expected.relativePath() + " was deleted");
        }
        if (attributes.size() != expected.size()) {
          return Check.stale(expected.relativePath() + " was changed");
        }
        long modified = modified(attributes.lastModifiedTime());
        if (modified != expected.modified()) {
          if (!Fingerprint.hex(Files.readAllBytes(path)).equals(expected.sha256())) {
            return Check.stale(expected.relativePath() + " was changed");
          }
          touched = true;
        }
        outputs.add(
            new Output(expected.relativePath(), expected.sha256(), expected.size(), modified));
      }
      String extra = extraGeneratedFile(output.directory(), recorded);
      if (extra != null) {
        return Check.stale(extra + " is not from the last run");
      }
    } catch (IOException | IllegalArgumentException e) {
      return Check.stale("cannot check the output (" + e.getMessage() + ")");
    }
    return new Check(new Run(run.fingerprint(), outputs, run.warnings()), null, touched);
  }

  private static long modified(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }

  /** A generated file in the directory that the run did not write, or {@code null}. */
  private static String extraGeneratedFile(Path directory, Set<Path> recorded) throws IOException {
    if (!Files.isDirectory(directory)) {
      return null;
    }
    List<Path> others;
    try (Stream<Path> walk = Files.walk(directory)) {
      others =
          walk.filter(p -> p.getFileName().toString().endsWith(".java"))
              .filter(p -> !recorded.contains(p))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    for (Path other : others) {
      // the test GeneratedSources applies before deleting a stale file
      if (new String(Files.readAllBytes(other), StandardCharsets.ISO_8859_1)
          .contains(GeneratedSources.MARKER)) {
        return directory.relativize(other).toString();
      }
    }
    return null;
  }

  /**
   * Reads the record.
   *
   * @throws NoSuchFileException if there is none
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is malformed
   */
  Run read() throws IOException {
    String fingerprint = null;
    List<Output> outputs = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher fileLine = FILE_LINE.matcher(line);
      if (line.startsWith("fingerprint ") && fingerprint == null) {
        fingerprint = line.substring("fingerprint ".length());
        if (!HEX.matcher(fingerprint).matches()) {
          throw new IllegalArgumentException("bad fingerprint line: " + line);
        }
      } else if (fileLine.matches()) {
        outputs.add(
            new Output(
                unescape(fileLine.group(4)),
                fileLine.group(1),
                Long.parseLong(fileLine.group(2)),
                Long.parseLong(fileLine.group(3))));
      } else if (line.startsWith("warning ")) {
        warnings.add(unescape(line.substring("warning ".length())));
      } else {
        throw new IllegalArgumentException("unexpected line: " + line);
      }
    }
    if (fingerprint == null) {
      throw new IllegalArgumentException("no fingerprint line");
    }
    return new Run(fingerprint, outputs, warnings);
  }

  /** Writes the record of {@code run}, atomically (and only if it changed). */
  void write(Run run) throws IOException {
    String newline = "\n";
    StringBuilder text =
        new StringBuilder()
            .append("# ad4j: the inputs and outputs of the last successful run of the goal ")
            .append(goal)
            .append('.')
            .append(newline)
            .append("# While they match, the goal generates nothing. Delete this file (or run")
            .append(" mvn clean) to force a full regeneration.")
            .append(newline)
            .append("fingerprint ")
            .append(run.fingerprint())
            .append(newline);
    for (Output output : run.outputs()) {
      text.append("file ")
          .append(output.sha256())
          .append(' ')
          .append(output.size())
          .append(' ')
          .append(output.modified())
          .append(' ')
          .append(escape(output.relativePath()))
          .append(newline);
    }
    for (String warning : run.warnings()) {
      text.append("warning ").append(escape(warning)).append(newline);
    }
    AtomicWriter.writeIfChanged(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Removes the record, so that the next run generates whatever happens to this one. */
  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i == text.length()) {
        throw new IllegalArgumentException("dangling backslash: " + text);
      }
      char escaped = text.charAt(i);
      switch (escaped) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        default -> throw new IllegalArgumentException("bad escape \\" + escaped + ": " + text);
      }
    }
    return out.toString();
  }
}
