package io.github.ad4j.maven;

import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.SourceNames;
import io.github.ad4j.core.SourceOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.logging.Log;

/**
 * The record of a goal's last successful run, kept in the build directory ({@code
 * target/ad4j/generate.fingerprint}): the {@link Fingerprint} of its inputs other than the
 * sources and the context, and for each source the SHA-256 of its text, the names other files may
 * depend on ({@link SourceNames#provides()}), the files generated from it with a SHA-256 digest
 * of each, the warnings it gave and its sections of the generation report; for each context file
 * (the main sources, for the test sources' goal), its SHA-256 and names. A source whose text is
 * the recorded one, in a run whose fingerprint matches, while its files are in the output
 * directory as the run left them, would generate the same files and warnings again, unless a
 * source or context file it depends on changed ({@link io.github.ad4j.core.AffectedSources}): so
 * the goal keeps them and generates only the others, or nothing at all.
 *
 * <p>Hashing every output on every build would cost more than the rest of an unchanged build's
 * check together (about 0.1 s for the 7.5 MB of 1,000 generated methods, in a JVM that has not
 * compiled SHA-256 yet), so each file's size and modification time are recorded with its digest,
 * and a file whose size and time are those recorded is taken to hold the recorded bytes, as
 * {@code make}, git and Gradle do; a file with another time is hashed, and if its bytes are the
 * recorded ones after all (touched, or copied back), its new time is recorded. A file of another
 * size is out of date without reading it.
 *
 * <p>Plain text, one entry per line, written atomically with {@link AtomicWriter}; the lines after
 * a {@code source} line are that source's, and the report's sections come last, each with the
 * index of its source (most of the bytes, so a run that is up to date stops reading there):
 *
 * <pre>
 * # comment lines
 * fingerprint 3f2a...
 * context 51c4... src/main/java/p/M.java             (a context file: SHA-256, path)
 * provides M MGrad
 * source 7b0d... src/test/java/p/C.java              (SHA-256 of the text, path)
 * provides C CGrad
 * file 9c1e... 48211 1763924400123456789 p/CGrad.java (SHA-256, size, time in ns, path)
 * warning src/main/java/p/C.java:12:5: ...
 * section 0 ### `C.f(double)` (C.java:4)\n\n- with respect to: x ...
 * </pre>
 *
 * Backslashes and line breaks in paths, warnings and sections are escaped ({@code \\}, {@code
 * \n}, {@code \r}). A file that cannot be read or parsed counts as absent: the goal then
 * generates as if it had never run, which is always correct.
 */
final class FingerprintFile {

  /**
   * What a run recorded: the fingerprint of its inputs but the sources and the context, each
   * source's part, and each context file's digest and names (entries with nothing generated).
   */
  record Run(String fingerprint, List<Entry> entries, List<Entry> context) {
    Run {
      entries = List.copyOf(entries);
      context = List.copyOf(context);
    }

    /** Every file the run wrote, in the order of the sources. */
    List<Output> outputs() {
      List<Output> outputs = new ArrayList<>();
      entries.forEach(entry -> outputs.addAll(entry.outputs()));
      return outputs;
    }
  }

  /**
   * One source as a run read it, and what it gave.
   *
   * @param source the source's path, as the generator was given it
   * @param sha256 the SHA-256 of its text
   * @param provides the names other sources' derivatives may depend on ({@link
   *     SourceNames#provides()}), sorted
   * @param outputs the files generated from it
   * @param warnings the warnings it gave, as logged
   * @param sections its sections of the generation report
   */
  record Entry(
      String source,
      String sha256,
      Set<String> provides,
      List<Output> outputs,
      List<String> warnings,
      List<String> sections) {
    Entry {
      provides = Collections.unmodifiableSortedSet(new TreeSet<>(provides));
      outputs = List.copyOf(outputs);
      warnings = List.copyOf(warnings);
      sections = List.copyOf(sections);
    }

    /**
     * The entry of {@code source} that gave {@code output} (its files written into {@code
     * outputDirectory}, where each one's modification time is read) and logged {@code
     * warnings}.
     */
    static Entry of(
        SourceFile source, SourceOutput output, List<String> warnings, Path outputDirectory)
        throws IOException {
      GeneratedSources directory = new GeneratedSources(outputDirectory);
      List<Output> outputs = new ArrayList<>();
      for (GeneratedFile file : output.files()) {
        byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
        outputs.add(
            new Output(
                file.relativePath(),
                Fingerprint.hex(bytes),
                bytes.length,
                modified(Files.getLastModifiedTime(directory.resolve(file.relativePath())))));
      }
      return new Entry(
          source.path(),
          FingerprintFile.sha256(source),
          SourceNames.of(source.content()).provides(),
          outputs,
          warnings,
          output.reportSections());
    }

    /** The entry of a context file: what the sources may depend on, and nothing generated. */
    static Entry ofContext(SourceFile file) {
      return new Entry(
          file.path(),
          FingerprintFile.sha256(file),
          SourceNames.of(file.content()).provides(),
          List.of(),
          List.of(),
          List.of());
    }

    /** This entry with {@code outputs} instead. */
    Entry withOutputs(List<Output> outputs) {
      return new Entry(source, sha256, provides, outputs, warnings, sections);
    }

    /** This entry with {@code sections} instead. */
    Entry withSections(List<String> sections) {
      return new Entry(source, sha256, provides, outputs, warnings, sections);
    }
  }

  /**
   * A file a run wrote: its path below the output directory, the SHA-256 of its bytes, its size
   * and its modification time (nanoseconds since the epoch).
   */
  record Output(String relativePath, String sha256, long size, long modified) {}

  /**
   * What the recorded run leaves this one to do.
   *
   * @param reason why nothing recorded can be kept, or {@code null} if the recorded run's
   *     fingerprint is this one's
   * @param kept by path, the entries of the sources that are as the run read them and whose files
   *     are as it left them (with the times of files found touched but unchanged updated); with
   *     their report sections only if the run has something to do or times to record, the cases
   *     that write the report or the record again
   * @param edited by path, each source or context file edited, added or removed since, with
   *     what it provided then (nothing, if added)
   * @param damaged the sources, as the run read them, one of whose files was since deleted or
   *     changed
   * @param stray whether the output directory holds a generated file the run did not write
   * @param touched whether the times of kept files were updated (the record is then worth
   *     rewriting)
   * @param context the entries of the context files, as recorded
   */
  record Comparison(
      String reason,
      Map<String, Entry> kept,
      Map<String, Set<String>> edited,
      Set<String> damaged,
      boolean stray,
      boolean touched,
      List<Entry> context) {
    Comparison {
      kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
      edited = Collections.unmodifiableMap(new LinkedHashMap<>(edited));
      damaged = Collections.unmodifiableSortedSet(new TreeSet<>(damaged));
      context = List.copyOf(context);
    }

    static Comparison nothingKept(String reason) {
      return new Comparison(reason, Map.of(), Map.of(), Set.of(), false, false, List.of());
    }

    /** Whether the run has nothing to do: no source changed and the output is as it was. */
    boolean isUpToDate() {
      return reason == null && edited.isEmpty() && damaged.isEmpty() && !stray;
    }

    /** The warnings of the sources kept, in the order of their paths. */
    List<String> keptWarnings() {
      List<String> warnings = new ArrayList<>();
      kept.values().forEach(entry -> warnings.addAll(entry.warnings()));
      return warnings;
    }

    /** How many files the sources kept generated. */
    int keptFiles() {
      return kept.values().stream().mapToInt(entry -> entry.outputs().size()).sum();
    }

    /** This comparison with the kept entries' report sections, from {@code run}. */
    Comparison withSections(Run run) {
      Map<String, Entry> withSections = new LinkedHashMap<>();
      Map<String, List<String>> sections = new HashMap<>();
      run.entries().forEach(entry -> sections.put(entry.source(), entry.sections()));
      kept.forEach(
          (path, entry) ->
              withSections.put(path, entry.withSections(sections.getOrDefault(path, List.of()))));
      return new Comparison(reason, withSections, edited, damaged, stray, touched, context);
    }

    /** Why this run generates, for the log. */
    String why() {
      if (reason != null) {
        return reason;
      }
      List<String> why = new ArrayList<>();
      edited.keySet().forEach(path -> why.add(path + " was edited, added or removed"));
      damaged.forEach(path -> why.add("the output of " + path + " was deleted or changed"));
      if (stray) {
        why.add("a generated file is not from the last run");
      }
      return why.isEmpty() ? "up to date" : String.join("; ", why);
    }
  }

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SOURCE_LINE = Pattern.compile("source ([0-9a-f]{64}) (.+)");
  private static final Pattern CONTEXT_LINE = Pattern.compile("context ([0-9a-f]{64}) (.+)");
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

  /** The SHA-256 of a source's text, as recorded. */
  static String sha256(SourceFile source) {
    return Fingerprint.hex(source.content().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What the recorded run leaves a run with {@code fingerprint} over {@code sources} and {@code
   * context} to do: see {@link #compare}. Unless the run is up to date, logs why it generates
   * (at debug level) and removes the record, so that a run that fails leaves none behind; when
   * the run is up to date and files were found touched, records their new times. A {@code null}
   * fingerprint (not computable) keeps nothing.
   */
  Comparison prepare(
      String fingerprint,
      List<SourceFile> sources,
      List<SourceFile> context,
      Path outputDirectory,
      Log log) {
    Comparison comparison =
        fingerprint == null
            ? Comparison.nothingKept("the run cannot be fingerprinted")
            : compare(fingerprint, sources, context, outputDirectory);
    if (comparison.isUpToDate()) {
      if (comparison.touched()) {
        try {
          write(
              new Run(
                  fingerprint, List.copyOf(comparison.kept().values()), comparison.context()));
        } catch (IOException e) {
          log.debug("ad4j: cannot update " + file + ": " + e);
        }
      }
      return comparison;
    }
    log.debug("ad4j: generating: " + comparison.why());
    try {
      // One left behind would do no harm (it matches only the inputs it was written for, and
      // only while the output is as it was), but a record should describe the last run.
      delete();
    } catch (IOException e) {
      log.warn("ad4j: cannot delete " + file + ": " + e);
    }
    return comparison;
  }

  /**
   * What a run generated for one source, to be recorded.
   *
   * @param warnings its diagnostics, as logged
   */
  record Generated(SourceFile source, SourceOutput output, List<String> warnings) {}

  /**
   * Records a successful run, which kept the parts of some sources and generated the others'
   * into {@code outputDirectory}, with {@code context}, unless {@code fingerprint} is {@code
   * null}. Failing to write costs only the next run its shortcut, so it is a warning.
   */
  void record(
      String fingerprint,
      List<Entry> kept,
      List<Generated> generated,
      List<SourceFile> context,
      Path outputDirectory,
      Log log) {
    if (fingerprint == null) {
      return;
    }
    try {
      List<Entry> entries = new ArrayList<>(kept);
      for (Generated part : generated) {
        entries.add(Entry.of(part.source(), part.output(), part.warnings(), outputDirectory));
      }
      entries.sort(Comparator.comparing(Entry::source));
      List<Entry> contextEntries = new ArrayList<>();
      context.forEach(file -> contextEntries.add(Entry.ofContext(file)));
      contextEntries.sort(Comparator.comparing(Entry::source));
      write(new Run(fingerprint, entries, contextEntries));
    } catch (IOException e) {
      log.warn("ad4j: cannot write " + file + ", so the next build generates again: " + e);
    }
  }

  /**
   * What the recorded run leaves a run with {@code fingerprint} over {@code sources} and {@code
   * context} to do: if the fingerprints differ, everything; otherwise the sources and context
   * files edited, added or removed since, and the sources whose files are no longer as it left
   * them. Each file it wrote is taken to be as it left it if it has the same size and time, or
   * else the same SHA-256.
   */
  Comparison compare(
      String fingerprint,
      List<SourceFile> sources,
      List<SourceFile> context,
      Path outputDirectory) {
    Comparison comparison =
        compareWithoutSections(fingerprint, sources, context, outputDirectory);
    if (comparison.reason() != null || (comparison.isUpToDate() && !comparison.touched())) {
      return comparison;
    }
    // a run that keeps some sources' parts, or records new times, needs their report sections
    try {
      return comparison.withSections(read(true));
    } catch (IOException | IllegalArgumentException e) {
      return Comparison.nothingKept(
          "unreadable fingerprint " + file + " (" + e.getMessage() + ")");
    }
  }

  private Comparison compareWithoutSections(
      String fingerprint,
      List<SourceFile> sources,
      List<SourceFile> context,
      Path outputDirectory) {
    Run run;
    try {
      run = read(false);
    } catch (NoSuchFileException e) {
      return Comparison.nothingKept("no fingerprint of an earlier run");
    } catch (IOException | IllegalArgumentException e) {
      return Comparison.nothingKept(
          "unreadable fingerprint " + file + " (" + e.getMessage() + ")");
    }
    if (!run.fingerprint().equals(fingerprint)) {
      return Comparison.nothingKept("the configuration or the plugin changed");
    }
    Map<String, Entry> recorded = new LinkedHashMap<>();
    run.entries().forEach(entry -> recorded.put(entry.source(), entry));
    GeneratedSources output = new GeneratedSources(outputDirectory);
    Map<String, Entry> kept = new LinkedHashMap<>();
    Map<String, Set<String>> edited = new LinkedHashMap<>();
    Set<String> damaged = new TreeSet<>();
    Set<Path> written = new HashSet<>();
    boolean touched = false;
    List<SourceFile> sorted = new ArrayList<>(sources);
    sorted.sort(Comparator.comparing(SourceFile::path));
    try {
      for (SourceFile source : sorted) {
        Entry entry = recorded.remove(source.path());
        if (asRecorded(source, entry, edited)) {
          List<Output> outputs = new ArrayList<>();
          boolean moved = false;
          for (Output expected : entry.outputs()) {
            Path path = output.resolve(expected.relativePath());
            written.add(path);
            Long modified = unchanged(path, expected);
            if (modified == null) {
              damaged.add(source.path());
              break;
            }
            moved |= modified != expected.modified();
            outputs.add(
                new Output(expected.relativePath(), expected.sha256(), expected.size(), modified));
          }
          if (!damaged.contains(source.path())) {
            kept.put(source.path(), entry.withOutputs(outputs));
            touched |= moved;
          }
        }
      }
      recorded.values().forEach(gone -> edited.put(gone.source(), gone.provides()));
      Map<String, Entry> recordedContext = new HashMap<>();
      run.context().forEach(entry -> recordedContext.put(entry.source(), entry));
      for (SourceFile file : context) {
        asRecorded(file, recordedContext.remove(file.path()), edited);
      }
      recordedContext.values().forEach(gone -> edited.put(gone.source(), gone.provides()));
      run.outputs().forEach(o -> written.add(output.resolve(o.relativePath())));
      boolean stray = strayGeneratedFile(output.directory(), written);
      return new Comparison(null, kept, edited, damaged, stray, touched, run.context());
    } catch (IOException | IllegalArgumentException e) {
      return Comparison.nothingKept("cannot check the output (" + e.getMessage() + ")");
    }
  }

  /**
   * Whether {@code file} has the text of its {@code recorded} entry; if not, puts in {@code
   * edited} what it provided then (nothing, when it was not recorded: added).
   */
  private static boolean asRecorded(
      SourceFile file, Entry recorded, Map<String, Set<String>> edited) {
    if (recorded == null) {
      edited.put(file.path(), Set.of());
      return false;
    }
    if (!recorded.sha256().equals(sha256(file))) {
      edited.put(file.path(), recorded.provides());
      return false;
    }
    return true;
  }

  /**
   * The modification time of the file at {@code path} if it holds the bytes {@code expected}
   * describes, else {@code null}.
   */
  private static Long unchanged(Path path, Output expected) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!attributes.isRegularFile() || attributes.size() != expected.size()) {
      return null;
    }
    long modified = modified(attributes.lastModifiedTime());
    if (modified != expected.modified()
        && !Fingerprint.hex(Files.readAllBytes(path)).equals(expected.sha256())) {
      return null;
    }
    return modified;
  }

  private static long modified(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }

  /** Whether the directory holds a generated file the run did not write. */
  private static boolean strayGeneratedFile(Path directory, Set<Path> recorded)
      throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
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
      if (GeneratedSources.isGenerated(other)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the record, without the report's sections unless {@code withSections}: they make most
   * of its bytes, and a run that is up to date needs none of them.
   *
   * @throws NoSuchFileException if there is none
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is malformed
   */
  Run read(boolean withSections) throws IOException {
    String fingerprint = null;
    List<EntryLines> entries = new ArrayList<>();
    List<EntryLines> context = new ArrayList<>();
    EntryLines entry = null; // the entry the lines read belong to
    boolean inSections = false;
    Set<String> paths = new HashSet<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (inSections && !line.startsWith("section ")) {
          throw new IllegalArgumentException("a line after the sections: " + line);
        }
        if (line.startsWith("section ")) {
          inSections = true;
          if (!withSections) {
            break; // the sections come last
          }
          // no regular expression: these lines are most of the file
          int space = line.indexOf(' ', "section ".length());
          int index =
              space < 0 ? -1 : parseIndex(line.substring("section ".length(), space));
          if (index < 0 || index >= entries.size()) {
            throw new IllegalArgumentException("a section of no source: " + line);
          }
          entries.get(index).sections.add(unescape(line.substring(space + 1)));
          continue;
        }
        Matcher sourceLine = SOURCE_LINE.matcher(line);
        Matcher contextLine = CONTEXT_LINE.matcher(line);
        Matcher fileLine = FILE_LINE.matcher(line);
        if (line.startsWith("fingerprint ") && fingerprint == null) {
          fingerprint = line.substring("fingerprint ".length());
          if (!HEX.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("bad fingerprint line: " + line);
          }
        } else if (sourceLine.matches() || contextLine.matches()) {
          Matcher header = sourceLine.matches() ? sourceLine : contextLine;
          entry = new EntryLines(unescape(header.group(2)), header.group(1), header == contextLine);
          if (!paths.add(entry.source)) {
            throw new IllegalArgumentException("recorded twice: " + line);
          }
          (entry.context ? context : entries).add(entry);
        } else if (entry == null) {
          throw new IllegalArgumentException("expected a source line: " + line);
        } else if (line.equals("provides") || line.startsWith("provides ")) {
          for (String name : line.substring("provides".length()).trim().split(" ")) {
            if (!name.isEmpty()) {
              entry.provides.add(name);
            }
          }
        } else if (entry.context) {
          throw new IllegalArgumentException("a context file generates nothing: " + line);
        } else if (fileLine.matches()) {
          entry.outputs.add(
              new Output(
                  unescape(fileLine.group(4)),
                  fileLine.group(1),
                  Long.parseLong(fileLine.group(2)),
                  Long.parseLong(fileLine.group(3))));
        } else if (line.startsWith("warning ")) {
          entry.warnings.add(unescape(line.substring("warning ".length())));
        } else {
          throw new IllegalArgumentException("unexpected line: " + line);
        }
      }
    }
    if (fingerprint == null) {
      throw new IllegalArgumentException("no fingerprint line");
    }
    return new Run(
        fingerprint,
        entries.stream().map(EntryLines::entry).toList(),
        context.stream().map(EntryLines::entry).toList());
  }

  /** A section's source index: 1 to 9 ASCII digits, or -1. */
  private static int parseIndex(String digits) {
    if (digits.isEmpty()
        || digits.length() > 9
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    return Integer.parseInt(digits);
  }

  /** The lines of one source's entry, as they are read. */
  private static final class EntryLines {
    final String source;
    final String sha256;
    final boolean context;
    final Set<String> provides = new TreeSet<>();
    final List<Output> outputs = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> sections = new ArrayList<>();

    EntryLines(String source, String sha256, boolean context) {
      this.source = source;
      this.sha256 = sha256;
      this.context = context;
    }

    Entry entry() {
      return new Entry(source, sha256, provides, outputs, warnings, sections);
    }
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
    for (Entry entry : run.context()) {
      text.append("context ").append(entry.sha256()).append(' ').append(escape(entry.source()))
          .append(newline);
      provides(text, entry);
    }
    for (Entry entry : run.entries()) {
      text.append("source ").append(entry.sha256()).append(' ').append(escape(entry.source()))
          .append(newline);
      provides(text, entry);
      for (Output output : entry.outputs()) {
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
      for (String warning : entry.warnings()) {
        text.append("warning ").append(escape(warning)).append(newline);
      }
    }
    // last, so that a run that is up to date stops reading before them
    for (int i = 0; i < run.entries().size(); i++) {
      for (String section : run.entries().get(i).sections()) {
        text.append("section ").append(i).append(' ').append(escape(section)).append(newline);
      }
    }
    AtomicWriter.writeIfChanged(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void provides(StringBuilder text, Entry entry) {
    text.append("provides");
    entry.provides().forEach(name -> text.append(' ').append(name));
    text.append('\n');
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
