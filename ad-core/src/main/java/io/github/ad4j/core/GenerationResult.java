package io.github.ad4j.core;

import java.util.List;

/**
 * What one run of the generator produced.
 *
 * @param files the generated files, one per class that has at least one method that could be
 *     differentiated, sorted by path
 * @param diagnostics every problem found, in source order per file; a method with an error is
 *     left out of {@code files}
 * @param report the generation report, in Markdown: per method, what it is differentiated with
 *     respect to, which variables are active, the forms generated, what is taped per loop trip
 *     and what is recomputed instead; empty when nothing was generated
 */
public record GenerationResult(
    List<GeneratedFile> files, List<Diagnostic> diagnostics, String report) {
  public GenerationResult {
    files = List.copyOf(files);
    diagnostics = List.copyOf(diagnostics);
    java.util.Objects.requireNonNull(report, "report");
  }

  /** A result without a report. */
  public GenerationResult(List<GeneratedFile> files, List<Diagnostic> diagnostics) {
    this(files, diagnostics, "");
  }

  /** Whether any diagnostic is an {@link Diagnostic.Severity#ERROR error}. */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }
}
