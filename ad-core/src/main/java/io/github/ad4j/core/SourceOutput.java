package io.github.ad4j.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the generator made of one source file: the classes generated from it, the problems found
 * in it or while differentiating its methods, and the report's sections on its methods. A build
 * tool that regenerates only some sources keeps the others' outputs as they were.
 *
 * @param source the path of the source file, as given in its {@link SourceFile}
 * @param files the generated files, one per class of the source with at least one method that
 *     could be differentiated
 * @param diagnostics the problems, in source order; each names the file it is in, which may be
 *     another file (a callee's, say) when differentiating this one's methods found it
 * @param reportSections the Markdown sections of the generation report on its methods, in source
 *     order
 */
public record SourceOutput(
    String source,
    List<GeneratedFile> files,
    List<Diagnostic> diagnostics,
    List<String> reportSections) {
  public SourceOutput {
    requireNonNull(source, "source");
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
    reportSections = List.copyOf(reportSections);
  }

  /** What a source that gave nothing gives. */
  public static SourceOutput empty(String source) {
    return new SourceOutput(source, List.of(), List.of(), List.of());
  }

  /** Whether the source gave nothing at all: no file, no diagnostic and no report section. */
  public boolean isEmpty() {
    return files.isEmpty() && diagnostics.isEmpty() && reportSections.isEmpty();
  }
}
