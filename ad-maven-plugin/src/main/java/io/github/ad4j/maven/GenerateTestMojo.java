package io.github.ad4j.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the derivative class {@code CGrad} of every class {@code C} of the test sources that
 * has {@code @Differentiable} methods, and adds the output directory as a test compile source
 * root.
 *
 * <p>Reads every test compile source root of the project (normally {@code src/test/java}) and
 * writes {@code target/generated-test-sources/ad}. A test-source method may call the main
 * sources' {@code @Differentiable} methods and use their {@code @Partial} rules: the compile source
 * roots are read as context, not generated for, and the generated test code calls the main
 * sources' {@code CGrad} classes, so the {@code generate} goal must run in the same build. Problems
 * in the main sources are that goal's to report. Otherwise it behaves as {@code generate}.
 */
@Mojo(
    name = "generate-test",
    defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES,
    threadSafe = true)
public final class GenerateTestMojo extends AbstractGenerateMojo {

  /**
   * The directory to read test sources from. When not set, every test compile source root of the
   * project is read (normally {@code src/test/java}); when set, only this directory.
   */
  @Parameter(property = "ad.testSourceDirectory")
  private File testSourceDirectory;

  /**
   * Where the generated test classes are written. It is added as a test compile source root, and
   * is never read as input. Classes generated there by an earlier run that this run no longer
   * generates are removed; other files in it are left alone.
   */
  @Parameter(
      property = "ad.testOutputDirectory",
      defaultValue = "${project.build.directory}/generated-test-sources/ad",
      required = true)
  private File testOutputDirectory;

  /**
   * Where the {@code generate} goal writes, left out of the context this goal reads (its classes
   * are derivatives, not methods to call). Set it when that goal's {@code outputDirectory} is not
   * the default.
   */
  @Parameter(
      property = "ad.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/ad",
      required = true)
  private File mainOutputDirectory;

  /**
   * Maven's switch to skip compiling and running tests ({@code -Dmaven.test.skip=true}), honoured
   * here too: there is no point in generating test sources nobody compiles.
   */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean skipTests;

  @Override
  String goal() {
    return "generate-test";
  }

  @Override
  File sourceDirectory() {
    return testSourceDirectory;
  }

  @Override
  File outputDirectory() {
    return testOutputDirectory;
  }

  @Override
  List<String> projectSourceRoots() {
    return project().getTestCompileSourceRoots();
  }

  @Override
  String projectSourceDirectory() {
    return project().getBuild().getTestSourceDirectory();
  }

  @Override
  void addSourceRoot(String directory) {
    project().addTestCompileSourceRoot(directory);
  }

  @Override
  List<Path> contextRoots() {
    Path mainOutput = normalise(mainOutputDirectory.toPath());
    List<Path> roots = new ArrayList<>();
    for (String root : project().getCompileSourceRoots()) {
      Path normalised = normalise(Path.of(root));
      if (!normalised.startsWith(mainOutput)) {
        roots.add(normalised);
      }
    }
    return roots;
  }

  @Override
  String skipReason() {
    String reason = super.skipReason();
    return reason == null && skipTests ? "maven.test.skip" : reason;
  }

  @Override
  String reportName() {
    return "test-report.md";
  }
}
