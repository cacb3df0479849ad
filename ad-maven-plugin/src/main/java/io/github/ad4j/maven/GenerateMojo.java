package io.github.ad4j.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates the derivative class {@code CGrad} of every class {@code C} of the main sources that
 * has {@code @Differentiable} methods, and adds the output directory as a compile source root.
 *
 * <p>Reads every compile source root of the project (normally {@code src/main/java}) and writes
 * {@code target/generated-sources/ad}. If a method cannot be differentiated, the build fails
 * listing every problem as {@code path:line:col: message} and nothing is written. A run generates
 * only the sources edited since the last successful run and those an edit reaches (the callers
 * of an edited callee, in any file), and keeps the others' classes, warnings and report sections,
 * from the record in {@code target/ad4j/generate.fingerprint} (delete it, or {@code mvn clean},
 * to regenerate everything); files are written only when their bytes change, and classes an
 * earlier run generated that this run does not (a method deleted or no longer annotated) are
 * removed. A run whose sources, configuration and plugin are those of the last one, and whose
 * output that run left untouched, generates nothing: it logs "up to date" and that run's
 * warnings.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractGenerateMojo {

  /**
   * The directory to read sources from. When not set, every compile source root of the project is
   * read (normally {@code src/main/java}); when set, only this directory.
   */
  @Parameter(property = "ad.sourceDirectory")
  private File sourceDirectory;

  /**
   * Where the generated classes are written. It is added as a compile source root, and is never
   * read as input. Classes generated there by an earlier run that this run no longer generates are
   * removed; other files in it are left alone.
   */
  @Parameter(
      property = "ad.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/ad",
      required = true)
  private File outputDirectory;

  @Override
  String goal() {
    return "generate";
  }

  @Override
  File sourceDirectory() {
    return sourceDirectory;
  }

  @Override
  File outputDirectory() {
    return outputDirectory;
  }

  @Override
  List<String> projectSourceRoots() {
    return project().getCompileSourceRoots();
  }

  @Override
  String projectSourceDirectory() {
    return project().getBuild().getSourceDirectory();
  }

  @Override
  void addSourceRoot(String directory) {
    project().addCompileSourceRoot(directory);
  }

  @Override
  String reportName() {
    return "report.md";
  }
}
