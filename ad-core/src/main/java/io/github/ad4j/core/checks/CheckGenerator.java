package io.github.ad4j.core.checks;

import com.github.javaparser.Range;
import com.github.javaparser.ast.body.TypeDeclaration;
import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.SourceOutput;
import io.github.ad4j.core.check.MethodChecker;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import io.github.ad4j.core.parse.SourceParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates self-checks: for each class {@code C} with {@code @Differentiable} methods, a JUnit 5
 * test {@code CGradCheckTest} that checks the generated gradient of each method against finite
 * differences of the method itself at sample points, with {@code io.github.ad4j.check.GradCheck}.
 *
 * <p>A method gets a check if its derivatives are generated (one the generator refuses has no
 * {@code CGrad} methods to check: that error is the {@code generate} goal's to report), it is
 * {@code static} and not {@code private} (the test must call it), and its {@code @CheckAt}, if
 * any, does not say {@code skip = true}. Each method left out is named, with the reason, in the
 * test class's Javadoc and in a warning. A malformed {@code @CheckAt} is a positioned error.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CheckGenerator {

  private final boolean onlyAnnotated;

  private CheckGenerator(boolean onlyAnnotated) {
    this.onlyAnnotated = onlyAnnotated;
  }

  /**
   * A generator of checks.
   *
   * @param onlyAnnotated whether only methods annotated {@code @CheckAt} get a check (opt-in per
   *     method); otherwise every {@code @Differentiable} method does (opt-in per build)
   */
  public static CheckGenerator create(boolean onlyAnnotated) {
    return new CheckGenerator(onlyAnnotated);
  }

  /**
   * Generates the test classes for {@code sources}: the files, and a diagnostic for each
   * malformed {@code @CheckAt} (an error) and each method left unchecked (a warning). Never
   * throws for bad user input.
   */
  public GenerationResult generate(List<SourceFile> sources) {
    List<SourceFile> sorted = new ArrayList<>(sources);
    sorted.sort(Comparator.comparing(SourceFile::path));
    // the methods whose derivatives exist are those the derivative generator reports nothing on
    List<Diagnostic> refused = DerivativeGenerator.create().generate(sorted).diagnostics();
    List<SourceOutput> outputs = new ArrayList<>();
    SourceParser parser = new SourceParser();
    for (SourceFile file : sorted) {
      SourceParser.Result parsed = parser.parse(file);
      if (parsed.source() != null) {
        List<GeneratedFile> files = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        generate(parsed.source(), refused, files, diagnostics);
        files.sort(Comparator.comparing(GeneratedFile::relativePath));
        SourceOutput output = new SourceOutput(file.path(), files, diagnostics, List.of());
        if (!output.isEmpty()) {
          outputs.add(output);
        }
      }
    }
    return new GenerationResult(outputs);
  }

  private void generate(
      ParsedSource source,
      List<Diagnostic> refused,
      List<GeneratedFile> files,
      List<Diagnostic> diagnostics) {
    Map<TypeDeclaration<?>, List<DifferentiableMethod>> byClass = new LinkedHashMap<>();
    for (DifferentiableMethod method : DifferentiableMethod.findAll(source)) {
      byClass
          .computeIfAbsent(ParsedSource.topLevelType(method.owner()), k -> new ArrayList<>())
          .add(method);
    }
    String packageName = source.packageName();
    for (Map.Entry<TypeDeclaration<?>, List<DifferentiableMethod>> entry : byClass.entrySet()) {
      String className = entry.getKey().getNameAsString();
      List<CheckPlan> plans = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (DifferentiableMethod method : entry.getValue()) {
        if (isRefused(method, refused)) {
          continue;
        }
        try {
          CheckSettings settings = CheckSettings.of(method);
          String reason = skipReason(method, settings);
          if (reason == null) {
            MethodChecker.Signature signature = MethodChecker.check(method, List.of());
            plans.add(CheckPlan.of(method, signature, settings));
          } else if (settings.skip()) {
            skipped.add(method.name() + ": " + reason); // the user's choice: no warning
          } else if (!reason.isEmpty()) {
            skipped.add(method.name() + ": " + reason);
            Origin origin = source.origin(method.declaration().getName());
            diagnostics.add(
                new Diagnostic(Diagnostic.Severity.WARNING, origin.file(), origin.line(),
                    origin.column(), "no generated check for " + className + "." + method.name()
                    + ": " + reason));
          }
        } catch (NotDifferentiableException e) {
          diagnostics.add(
              new Diagnostic(Diagnostic.Severity.ERROR, e.origin().file(), e.origin().line(),
                  e.origin().column(), e.getMessage()));
        }
      }
      if (!plans.isEmpty()) {
        files.add(
            CheckClassEmitter.emit(
                packageName, className, source.file().fileName(), plans, skipped));
      }
    }
  }

  /**
   * Why {@code method} gets no check: {@code null} if it gets one, empty if it is simply not
   * selected (no {@code @CheckAt} where only annotated methods are checked).
   */
  private String skipReason(DifferentiableMethod method, CheckSettings settings) {
    if (onlyAnnotated && !settings.present()) {
      return "";
    }
    if (settings.skip()) {
      return "@CheckAt(skip = true)";
    }
    if (!method.declaration().isStatic()) {
      return "an instance method, and the generated test cannot construct the object; check it"
          + " with GradCheck in a test of your own";
    }
    if (method.declaration().isPrivate()) {
      return "private, so the generated test cannot call it; make it package-private";
    }
    return null;
  }

  /** Whether the derivative generator reported an error inside {@code method}. */
  private static boolean isRefused(DifferentiableMethod method, List<Diagnostic> refused) {
    Range range = method.declaration().getRange().orElse(null);
    String path = method.source().file().path();
    return refused.stream()
        .anyMatch(
            d -> d.severity() == Diagnostic.Severity.ERROR
                && d.file().equals(path)
                && (range == null || (d.line() >= range.begin.line && d.line() <= range.end.line)));
  }
}
