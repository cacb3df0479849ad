package io.github.ad4j.maven;

import io.github.ad4j.core.AffectedSources;
import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.SourceNames;
import io.github.ad4j.core.SourceOutput;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the {@code generate} and {@code generate-test} goals share: find the sources, hand them to
 * ad-core in one call, report its diagnostics, and write what comes back.
 *
 * <p>If a method cannot be differentiated, the build fails listing every problem as {@code
 * path:line:col: message} and nothing is written; with {@code failOnError} false, each problem is
 * logged as a warning instead and the other methods are generated. A run generates the sources
 * edited or added since the last successful run, as its {@link FingerprintFile} records them,
 * those whose generated files were deleted or changed, and every source an edit reaches ({@link
 * AffectedSources}), in any file; it keeps the other sources' files, warnings and report
 * sections. Files are written only when their content changes, so an
 * unchanged project recompiles nothing; a run whose inputs (sources, configuration, plugin) and
 * outputs are those of the last one generates nothing at all and replays that run's warnings.
 * The parameters here are documented once for both goals.
 *
 * <p>A goal instance holds only its injected configuration and creates everything else per run,
 * so goals are safe to run in parallel ({@code mvn -T}).
 */
abstract class AbstractGenerateMojo extends AbstractMojo {

  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** This execution of the goal, whose id names its fingerprint file. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution mojoExecution;

  /** Skips generation entirely: nothing is read or written and no source root is added. */
  @Parameter(property = "ad.skip", defaultValue = "false")
  private boolean skip;

  /**
   * Whether a method that cannot be differentiated fails the build. When {@code false}, each such
   * method is reported as a warning with its file, line and column, no derivative is generated
   * for it, and the rest of its class and of the project is generated as usual.
   */
  @Parameter(property = "ad.failOnError", defaultValue = "true")
  private boolean failOnError;

  /**
   * Ant-style patterns, relative to a source directory, of the files to read. Default: {@code
   * **}{@code /*.java}.
   */
  @Parameter private List<String> includes = new ArrayList<>();

  /** Ant-style patterns, relative to a source directory, of files not to read. Default: none. */
  @Parameter private List<String> excludes = new ArrayList<>();

  /**
   * The encoding the sources are read in. Default: {@code project.build.sourceEncoding}, or
   * UTF-8 if that is not set. Generated files are always written in UTF-8.
   */
  @Parameter(property = "ad.encoding", defaultValue = "${project.build.sourceEncoding}")
  private String encoding;

  /** The project being built. */
  final MavenProject project() {
    return project;
  }

  /** The configured source directory, or {@code null} to read {@link #projectSourceRoots()}. */
  abstract File sourceDirectory();

  /** Where this goal writes. */
  abstract File outputDirectory();

  /** The project's source roots this goal reads by default (compile or test compile roots). */
  abstract List<String> projectSourceRoots();

  /** The project's own source directory ({@code src/main/java} or {@code src/test/java}). */
  abstract String projectSourceDirectory();

  /**
   * The name of this goal's generation report under {@code target/ad4j}: what each method is
   * differentiated with respect to, what is active, and what each generated method tapes.
   */
  abstract String reportName();

  /** The goal's name, recorded in its fingerprint. */
  abstract String goal();

  /** Adds the output directory to the source roots the compiler reads. */
  abstract void addSourceRoot(String directory);

  /**
   * The directories of sources the generated code may call but that this goal does not generate
   * for; none by default.
   */
  List<Path> contextRoots() {
    return List.of();
  }

  /** Why this goal should do nothing in this build, or {@code null} if it should run. */
  String skipReason() {
    return skip ? "ad.skip" : null;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    String skipReason = skipReason();
    if (skipReason != null) {
      getLog().info("ad4j: skipped (" + skipReason + ")");
      return;
    }
    Path output = normalise(outputDirectory().toPath());
    List<Path> roots = sourceRoots(output);
    // Added before generating so that the compiler sees the directory even when this run has
    // nothing new to write.
    addSourceRoot(output.toString());

    List<SourceFile> sources =
        new SourceReader(new SourceScanner(includes, excludes, output), encoding).read(roots);
    List<SourceFile> context =
        new SourceReader(new SourceScanner(List.of(), List.of(), output), encoding)
            .read(contextRoots());
    FingerprintFile record =
        FingerprintFile.of(project.getBuild().getDirectory(), goal(), mojoExecution);
    String fingerprint = fingerprint(output);
    FingerprintFile.Comparison last =
        record.prepare(fingerprint, sources, context, output, getLog());
    if (last.isUpToDate()) {
      last.keptWarnings().forEach(getLog()::warn);
      getLog()
          .info(
              String.format(
                  "ad4j: up to date, nothing generated (read %s%s; %s in %s unchanged)",
                  count(sources.size(), "source file"),
                  contextCount(context.size()),
                  count(last.keptFiles(), "derivative class"),
                  output));
      return;
    }

    // the context files are names the sources may depend on, like other sources', but are never
    // generated here
    Map<String, SourceNames> names = new LinkedHashMap<>();
    if (last.reason() == null) {
      sources.forEach(source -> names.put(source.path(), SourceNames.of(source.content())));
      context.forEach(file -> names.put(file.path(), SourceNames.of(file.content())));
    }
    Set<String> regenerate = toRegenerate(sources, last, names);
    // of the sources kept and the context, those the regenerated ones need (callees, rules):
    // the rest is not even parsed
    Set<String> needed =
        last.reason() == null ? AffectedSources.contextOf(names, regenerate) : null;
    List<SourceFile> generated = new ArrayList<>();
    List<SourceFile> runContext = new ArrayList<>();
    for (SourceFile source : sources) {
      if (regenerate.contains(source.path())) {
        generated.add(source);
      } else if (needed != null && needed.contains(source.path())) {
        runContext.add(source);
      }
    }
    Set<String> sourcePaths = new HashSet<>();
    sources.forEach(source -> sourcePaths.add(source.path()));
    for (SourceFile file : context) {
      // a file both read as a source and given as context is the source
      if (!sourcePaths.contains(file.path()) && (needed == null || needed.contains(file.path()))) {
        runContext.add(file);
      }
    }
    GenerationResult result =
        generated.isEmpty() ? new GenerationResult(List.of()) : generate(generated, runContext);
    failOnErrors(result);

    // every source's part, in the order of their paths: kept from the last run, or generated now
    Map<String, SourceOutput> fresh = result.bySource();
    List<Part> parts = new ArrayList<>();
    for (SourceFile source : sources) {
      FingerprintFile.Entry kept =
          regenerate.contains(source.path()) ? null : last.kept().get(source.path());
      parts.add(
          kept != null
              ? new Part(source, kept.warnings(), null, kept)
              : Part.of(
                  source, fresh.getOrDefault(source.path(), SourceOutput.empty(source.path()))));
    }
    parts.sort(Comparator.comparing(part -> part.source().path()));
    parts.forEach(part -> part.warnings().forEach(getLog()::warn));
    List<String> keptFiles = new ArrayList<>();
    parts.stream()
        .filter(part -> part.kept() != null)
        .forEach(part -> part.kept().outputs().forEach(file -> keptFiles.add(file.relativePath())));
    write(output, result.files(), keptFiles, sources.size(), context.size(), generated.size());
    writeReport(new GenerationResult(parts.stream().map(Part::reported).toList()).report());
    record.record(
        fingerprint,
        parts.stream().map(Part::kept).filter(Objects::nonNull).toList(),
        parts.stream()
            .filter(part -> part.kept() == null)
            .map(part -> new FingerprintFile.Generated(
                part.source(), part.generated(), part.warnings()))
            .toList(),
        context,
        output,
        getLog());
  }

  /**
   * One source's part in a run: what it gave this run ({@code generated}), or the last run's
   * record of it ({@code kept}), and its warnings as logged.
   */
  private record Part(
      SourceFile source,
      List<String> warnings,
      SourceOutput generated,
      FingerprintFile.Entry kept) {

    static Part of(SourceFile source, SourceOutput output) {
      return new Part(source, AbstractGenerateMojo.warnings(output), output, null);
    }

    /** What it adds to the report: its sections. */
    SourceOutput reported() {
      return generated != null
          ? generated
          : new SourceOutput(source.path(), List.of(), List.of(), kept.sections());
    }
  }

  /**
   * The paths of the sources to generate: every one, if nothing of the last run can be kept;
   * otherwise those edited or added since, those whose derivatives depend on an edited, added or
   * removed one ({@link AffectedSources}, from the {@code names} of every source), and those
   * whose generated files were deleted or changed.
   */
  private static Set<String> toRegenerate(
      List<SourceFile> sources,
      FingerprintFile.Comparison last,
      Map<String, SourceNames> names) {
    Set<String> regenerate = new HashSet<>();
    if (last.reason() != null) {
      sources.forEach(source -> regenerate.add(source.path()));
      return regenerate;
    }
    regenerate.addAll(last.damaged());
    Set<String> paths = new HashSet<>();
    sources.forEach(source -> paths.add(source.path()));
    for (String affected : AffectedSources.of(names, last.edited())) {
      if (paths.contains(affected)) { // not a context file
        regenerate.add(affected);
      }
    }
    return regenerate;
  }

  /**
   * The fingerprint of this run's inputs but the sources and the context, which {@link
   * FingerprintFile} compares one by one; {@code null} if the generator's code cannot be located
   * (then every run generates every source).
   */
  private String fingerprint(Path output) {
    try {
      return new Fingerprint()
          .add("goal", goal())
          .add("failOnError", failOnError)
          .addAll("includes", includes)
          .addAll("excludes", excludes)
          .add("encoding", encoding)
          .add("outputDirectory", output)
          .generator(DerivativeGenerator.class, getClass())
          .hex();
    } catch (IOException e) {
      getLog().info("ad4j: cannot fingerprint this run, so every run generates (" + e + ")");
      return null;
    }
  }

  static Path normalise(Path path) {
    return path.toAbsolutePath().normalize();
  }

  /**
   * The directories to read, refusing an output directory that would put generated files among
   * the user's sources (and make the stale-file clean-up look at them).
   */
  private List<Path> sourceRoots(Path output) throws MojoFailureException {
    List<Path> roots = new ArrayList<>();
    if (sourceDirectory() != null) {
      roots.add(normalise(sourceDirectory().toPath()));
    } else {
      String own = projectSourceDirectory();
      if (own != null && normalise(Path.of(own)).startsWith(output)) {
        throw outputOverlapsSources(output, normalise(Path.of(own)));
      }
      for (String root : projectSourceRoots()) {
        Path normalised = normalise(Path.of(root));
        // Our own output, added as a source root by an earlier execution in this build (a second
        // execution, or a forked lifecycle such as javadoc's): not a user source directory.
        if (!normalised.equals(output)) {
          roots.add(normalised);
        }
      }
    }
    for (Path root : roots) {
      if (root.startsWith(output)) {
        throw outputOverlapsSources(output, root);
      }
    }
    return roots;
  }

  private static MojoFailureException outputOverlapsSources(Path output, Path sources) {
    return new MojoFailureException(
        "ad4j: outputDirectory "
            + output
            + " is, or contains, the source directory "
            + sources
            + "; point it at a directory of its own, such as target/generated-sources/ad");
  }

  private static GenerationResult generate(List<SourceFile> sources, List<SourceFile> context)
      throws MojoExecutionException {
    try {
      return DerivativeGenerator.create().generate(sources, context);
    } catch (RuntimeException | StackOverflowError e) {
      // ad-core reports every problem in user code as a diagnostic, so anything thrown is a bug
      // in ad4j itself, not something the user can fix in their code.
      throw new MojoExecutionException(
          "ad4j: internal error while generating derivatives ("
              + e
              + "). This is a bug in ad4j, not in your code: please report it with the full"
              + " stack trace (mvn -e) and the @Differentiable method being processed."
              + " Setting ad.skip=true bypasses generation meanwhile.",
          e);
    }
  }

  /** Fails the build if {@code result} has errors and {@code failOnError} is set. */
  private void failOnErrors(GenerationResult result) throws MojoFailureException {
    if (!result.hasErrors() || !failOnError) {
      return;
    }
    List<Diagnostic> diagnostics = result.diagnostics();
    long errors =
        diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
    StringBuilder message =
        new StringBuilder("ad4j found ")
            .append(errors == 1 ? "1 problem" : errors + " problems")
            .append(" in @Differentiable methods; nothing was generated:");
    for (Diagnostic diagnostic : diagnostics) {
      message.append(System.lineSeparator()).append(diagnostic.format());
    }
    message
        .append(System.lineSeparator())
        .append("(Set <failOnError>false</failOnError> to generate the other methods and")
        .append(" report these as warnings.)");
    throw new MojoFailureException(message.toString());
  }

  /** A source's diagnostics as logged: an error names what was not generated. */
  private static List<String> warnings(SourceOutput part) {
    List<String> warnings = new ArrayList<>();
    for (Diagnostic diagnostic : part.diagnostics()) {
      String suffix =
          diagnostic.severity() == Diagnostic.Severity.ERROR ? " (no derivative generated)" : "";
      warnings.add(diagnostic.format() + suffix);
    }
    return warnings;
  }

  private void write(
      Path output,
      List<GeneratedFile> files,
      List<String> keptFiles,
      int sourceCount,
      int contextCount,
      int generatedCount)
      throws MojoExecutionException {
    GeneratedSources.Summary summary;
    try {
      summary = new GeneratedSources(output).update(files, keptFiles);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "ad4j: internal error: the generator produced a file path that is not usable ("
              + e.getMessage()
              + "). Please report this bug.",
          e);
    } catch (IOException e) {
      throw new MojoExecutionException("ad4j: cannot write to " + output + ": " + e, e);
    }
    int classes = files.size() + keptFiles.size();
    getLog()
        .info(
            String.format(
                "ad4j: read %s%s, generated for %s, %s in %s: %d written, %d up to date, %d"
                    + " stale removed",
                count(sourceCount, "source file"),
                contextCount(contextCount),
                generatedCount == sourceCount
                    ? "all"
                    : generatedCount
                        + " of them (the rest, and what they depend on, are unchanged)",
                count(classes, "derivative class"),
                output,
                summary.written(),
                classes - summary.written(),
                summary.removed()));
  }

  /** Writes the generation report, or removes an earlier one when nothing has a section. */
  private void writeReport(String report) throws MojoExecutionException {
    Path path = Path.of(project.getBuild().getDirectory(), "ad4j", reportName());
    try {
      if (report.isEmpty()) {
        // an earlier run's report would describe methods that no longer have derivatives
        Files.deleteIfExists(path);
        return;
      }
      AtomicWriter.writeIfChanged(path, report.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new MojoExecutionException("ad4j: cannot write " + path + ": " + e, e);
    }
    getLog().info("ad4j: generation report in " + path);
  }

  private static String contextCount(int n) {
    return n == 0 ? "" : " (and " + count(n, "file") + " of context)";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
  }
}
