package io.github.ad4j.maven;

import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.SourceOutput;
import io.github.ad4j.core.checks.CheckGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates derivatives that check themselves: for each class {@code C} of the main sources with
 * {@code @Differentiable} methods, a JUnit 5 test {@code CGradCheckTest} that checks each
 * generated gradient ({@code CGrad.fGradient}) against finite differences of the method at sample
 * points, so that {@code mvn test} verifies every derivative ad4j wrote. The output directory is
 * added as a test source root.
 *
 * <p>Opt-in: run this goal (per build), and optionally set {@code onlyAnnotated} so that only
 * methods annotated {@code @CheckAt} are checked (per method). {@code @CheckAt} sets a method's
 * points, the values of its other parameters, array lengths and tolerance. The generated tests
 * need {@code io.github.ad4j:ad-check} and JUnit 5 ({@code junit-jupiter}) as test dependencies.
 *
 * <p>Like {@code generate}, a run whose sources, configuration and plugin are those of the last
 * successful run, and whose output that run left untouched, generates nothing ({@link
 * FingerprintFile}). Unlike {@code generate}, a run with anything to do generates every check:
 * which methods have derivatives to check depends on every source.
 */
@Mojo(
    name = "generate-checks",
    defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES,
    threadSafe = true)
public final class GenerateChecksMojo extends AbstractMojo {

  private static final String GOAL = "generate-checks";
  private static final String GROUP = "io.github.ad4j";
  private static final String CHECK_ARTIFACT = "ad-check";

  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** This execution of the goal, whose id names its fingerprint file. */
  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution mojoExecution;

  /**
   * Skips this goal: no checks are generated and no test source root is added.
   */
  @Parameter(property = "ad.checks.skip", defaultValue = "false")
  private boolean skip;

  /**
   * The {@code generate} goal's {@code skip}: where no derivatives are generated, there is
   * nothing to check either, so this goal does nothing.
   */
  @Parameter(property = "ad.skip", defaultValue = "false")
  private boolean skipGenerate;

  /**
   * Whether only methods annotated {@code @CheckAt} get a check. By default every
   * {@code @Differentiable} static method does.
   */
  @Parameter(property = "ad.checks.onlyAnnotated", defaultValue = "false")
  private boolean onlyAnnotated;

  /**
   * The directory of the main sources to read. When not set, every compile source root of the
   * project is read (normally {@code src/main/java}), as the {@code generate} goal reads them.
   */
  @Parameter(property = "ad.sourceDirectory")
  private File sourceDirectory;

  /**
   * Where the {@code generate} goal writes: its classes are derivatives, not methods to check, so
   * they are not read. Set it when that goal's {@code outputDirectory} is not the default.
   */
  @Parameter(
      property = "ad.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/ad",
      required = true)
  private File mainOutputDirectory;

  /**
   * Where the test classes are written. It is added as a test source root. Tests generated there
   * by an earlier run that this run no longer generates are removed; other files are left alone.
   */
  @Parameter(
      property = "ad.checks.outputDirectory",
      defaultValue = "${project.build.directory}/generated-test-sources/ad-checks",
      required = true)
  private File outputDirectory;

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

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipGenerate) {
      getLog().info("ad4j: generate-checks skipped");
      return;
    }
    requireCheckDependency();
    Path output = AbstractGenerateMojo.normalise(outputDirectory.toPath());
    project.addTestCompileSourceRoot(output.toString());

    List<SourceFile> sources =
        new SourceReader(new SourceScanner(includes, excludes, output), encoding).read(roots());
    FingerprintFile record =
        FingerprintFile.of(project.getBuild().getDirectory(), GOAL, mojoExecution);
    String fingerprint = fingerprint(output);
    FingerprintFile.Comparison last =
        record.prepare(fingerprint, sources, List.of(), output, getLog());
    if (last.isUpToDate()) {
      last.keptWarnings().forEach(getLog()::warn);
      int classes = last.keptFiles();
      getLog()
          .info(
              String.format(
                  "ad4j: up to date, nothing generated (%d check class%s in %s unchanged)",
                  classes, classes == 1 ? "" : "es", output));
      return;
    }
    // Which methods have derivatives depends on every source, so a run that has anything to do
    // generates them all.
    GenerationResult result = generate(sources);
    failOnErrors(result);
    result.diagnostics().forEach(diagnostic -> getLog().warn(diagnostic.format()));
    write(output, result);
    Map<String, SourceOutput> bySource = result.bySource();
    List<FingerprintFile.Generated> generated = new ArrayList<>();
    for (SourceFile source : sources) {
      SourceOutput part = bySource.getOrDefault(source.path(), SourceOutput.empty(source.path()));
      generated.add(
          new FingerprintFile.Generated(
              source, part, part.diagnostics().stream().map(Diagnostic::format).toList()));
    }
    record.record(fingerprint, List.of(), generated, List.of(), output, getLog());
  }

  /**
   * The fingerprint of this run's inputs but the sources, which {@link FingerprintFile} compares
   * one by one; {@code null} if it cannot be computed.
   */
  private String fingerprint(Path output) {
    try {
      return new Fingerprint()
          .add("goal", GOAL)
          .add("onlyAnnotated", onlyAnnotated)
          .addAll("includes", includes)
          .addAll("excludes", excludes)
          .add("encoding", encoding)
          .add("outputDirectory", output)
          .generator(CheckGenerator.class, getClass())
          .hex();
    } catch (IOException e) {
      getLog().info("ad4j: cannot fingerprint this run, so every run generates (" + e + ")");
      return null;
    }
  }

  /** The generated tests do not compile without ad-check: say so now, not as a javac error. */
  private void requireCheckDependency() throws MojoFailureException {
    for (Dependency dependency : project.getDependencies()) {
      if (GROUP.equals(dependency.getGroupId())
          && CHECK_ARTIFACT.equals(dependency.getArtifactId())) {
        return;
      }
    }
    throw new MojoFailureException(
        "ad4j: the generated checks call GradCheck: add the dependency "
            + GROUP + ":" + CHECK_ARTIFACT
            + " with <scope>test</scope> (and org.junit.jupiter:junit-jupiter, also test scope)");
  }

  private List<Path> roots() {
    List<Path> roots = new ArrayList<>();
    if (sourceDirectory != null) {
      roots.add(sourceDirectory.toPath());
    } else {
      // the derivatives the generate goal wrote are a compile source root by now: they have
      // nothing to check, so they are neither read nor fingerprinted
      Path derivatives = AbstractGenerateMojo.normalise(mainOutputDirectory.toPath());
      for (String root : project.getCompileSourceRoots()) {
        Path normalised = AbstractGenerateMojo.normalise(Path.of(root));
        if (!normalised.startsWith(derivatives)) {
          roots.add(normalised);
        }
      }
    }
    return roots;
  }


  private GenerationResult generate(List<SourceFile> sources) throws MojoExecutionException {
    try {
      return CheckGenerator.create(onlyAnnotated).generate(sources);
    } catch (RuntimeException | StackOverflowError e) {
      // problems in user code come back as diagnostics: anything thrown is a bug in ad4j
      throw new MojoExecutionException(
          "ad4j: internal error while generating checks (" + e + "). This is a bug in ad4j, not"
              + " in your code: please report it with the full stack trace (mvn -e). Setting"
              + " ad.checks.skip=true bypasses the checks meanwhile.",
          e);
    }
  }

  /** Fails the build on errors. */
  private static void failOnErrors(GenerationResult result) throws MojoFailureException {
    if (result.hasErrors()) {
      StringBuilder message = new StringBuilder("ad4j: malformed @CheckAt; no checks written:");
      for (Diagnostic diagnostic : result.diagnostics()) {
        if (diagnostic.severity() == Diagnostic.Severity.ERROR) {
          message.append(System.lineSeparator()).append(diagnostic.format());
        }
      }
      throw new MojoFailureException(message.toString());
    }
  }

  private void write(Path output, GenerationResult result) throws MojoExecutionException {
    GeneratedSources.Summary summary;
    try {
      summary = new GeneratedSources(output).update(result.files(), List.of());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "ad4j: internal error: the check generator produced an unusable path ("
              + e.getMessage() + "). Please report this bug.",
          e);
    } catch (IOException e) {
      throw new MojoExecutionException("ad4j: cannot write to " + output + ": " + e, e);
    }
    getLog()
        .info(
            String.format(
                "ad4j: %d check class%s in %s: %d written, %d up to date, %d stale removed",
                result.files().size(),
                result.files().size() == 1 ? "" : "es",
                output,
                summary.written(),
                summary.unchanged(),
                summary.removed()));
  }
}
