package io.github.ad4j.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of the generator produced, source file by source file.
 *
 * @param sources what each source file gave, in the order of their paths; sources that gave
 *     nothing may be left out
 */
public record GenerationResult(List<SourceOutput> sources) {
  public GenerationResult {
    sources = List.copyOf(sources);
  }

  /**
   * What each source gave, by its path; a source missing gave nothing ({@link
   * SourceOutput#empty}).
   */
  public Map<String, SourceOutput> bySource() {
    Map<String, SourceOutput> bySource = new LinkedHashMap<>();
    sources.forEach(source -> bySource.put(source.source(), source));
    return bySource;
  }

  /**
   * The generated files, one per class that has at least one method that could be
   * differentiated, sorted by path.
   */
  public List<GeneratedFile> files() {
    List<GeneratedFile> files = new ArrayList<>();
    sources.forEach(source -> files.addAll(source.files()));
    files.sort(Comparator.comparing(GeneratedFile::relativePath));
    return files;
  }

  /**
   * Every problem found, in source order per file; a method with an error is left out of {@link
   * #files}.
   */
  public List<Diagnostic> diagnostics() {
    List<Diagnostic> diagnostics = new ArrayList<>();
    sources.forEach(source -> diagnostics.addAll(source.diagnostics()));
    return diagnostics;
  }

  /**
   * The generation report, in Markdown: per method, what it is differentiated with respect to,
   * which variables are active, the forms generated, what is taped per loop trip and what is
   * recomputed instead; empty when no source has a section.
   */
  public String report() {
    List<String> sections = new ArrayList<>();
    sources.forEach(source -> sections.addAll(source.reportSections()));
    return report(sections);
  }

  /** Whether any diagnostic is an {@link Diagnostic.Severity#ERROR error}. */
  public boolean hasErrors() {
    return sources.stream()
        .flatMap(source -> source.diagnostics().stream())
        .anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  /** The generation report made of {@code sections}: a Markdown section per method. */
  private static String report(List<String> sections) {
    if (sections.isEmpty()) {
      return "";
    }
    return "# ad4j generation report\n\n"
        + "Per `@Differentiable` method: what it is differentiated with respect to, the variables"
        + " that carry derivatives, and what each generated method tapes for its backward sweep"
        + " (bytes per value, once per trip of which loops) or computes again instead. Tape"
        + " memory is a formula of the trip counts: nL is the number of trips of the loop at"
        + " line L of the source.\n\n"
        + String.join("\n", sections);
  }
}
