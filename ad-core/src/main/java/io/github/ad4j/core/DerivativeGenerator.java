package io.github.ad4j.core;

import com.github.javaparser.ast.body.TypeDeclaration;
import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.MethodChecker;
import io.github.ad4j.core.check.MethodRejected;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.emit.GradClassEmitter;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.normalise.Normaliser;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import io.github.ad4j.core.parse.SourceParser;
import io.github.ad4j.core.rules.RuleTable;
import io.github.ad4j.core.simplify.BodySimplifier;
import io.github.ad4j.core.transform.DerivativeForms;
import io.github.ad4j.core.transform.DerivativeMethod;
import io.github.ad4j.core.transform.GradientRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of ad-core: Java sources in, generated derivative classes and diagnostics out.
 *
 * <p>Runs the pipeline parse, check, normalise, analyse, transform, simplify, emit on every
 * {@code @Differentiable} method. Instances are immutable and thread-safe; a build creates one
 * and may call {@link #generate} from several threads.
 */
public final class DerivativeGenerator {

  private static final String REPORT =
      "; this is a bug in ad4j, please report it with the method's source";

  private final RuleTable rules;

  private DerivativeGenerator(RuleTable rules) {
    this.rules = rules;
  }

  /** A generator with the built-in derivative rules. */
  public static DerivativeGenerator create() {
    return new DerivativeGenerator(RuleTable.builtIn());
  }

  /**
   * Generates the derivative classes of every {@code @Differentiable} method in {@code sources}.
   * Never throws for bad user input: syntax errors and unsupported constructs come back as
   * diagnostics, and the methods they concern are left out.
   */
  public GenerationResult generate(List<SourceFile> sources) {
    return generate(sources, List.of());
  }

  /**
   * Generates the derivative classes of every {@code @Differentiable} method in {@code sources},
   * which may call the methods of {@code context} and use its derivative rules.
   *
   * <p>Nothing is generated for the context and none of its problems is reported: it stands for
   * sources whose derivative classes another run generates (and reports on), such as the main
   * sources when generating for the test sources. Calls into it are generated as calls of those
   * classes. A file in both lists is read as a source.
   */
  public GenerationResult generate(List<SourceFile> sources, List<SourceFile> context) {
    List<SourceFile> sorted = sortedByPath(sources);
    Set<String> sourcePaths = new HashSet<>();
    sorted.forEach(file -> sourcePaths.add(file.path()));
    List<GeneratedFile> files = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    SourceParser parser = new SourceParser();
    List<ParsedSource> parsed = new ArrayList<>();
    for (SourceFile file : sorted) {
      SourceParser.Result result = parser.parse(file);
      if (result.source() != null) {
        parsed.add(result.source());
      } else if (file.content().contains("Differentiable")) {
        // a syntax error in a file with nothing for us is javac's to report, not ours
        diagnostics.addAll(result.diagnostics());
      }
    }
    List<ParsedSource> all = new ArrayList<>(parsed);
    for (SourceFile file : sortedByPath(context)) {
      if (!sourcePaths.contains(file.path())) {
        SourceParser.Result result = parser.parse(file);
        if (result.source() != null) {
          all.add(result.source());
        }
      }
    }
    // the user's own @Partial rules join the built-in ones, for this run
    List<NotDifferentiableException> ruleErrors = new ArrayList<>();
    RuleTable runRules = rules.withRulesFrom(all, ruleErrors);
    ruleErrors.stream()
        .filter(e -> sourcePaths.contains(e.origin().file()))
        .forEach(e -> diagnostics.add(diagnostic(e.origin(), e.getMessage())));
    Callees callees = Callees.of(all, runRules.functions());
    for (ParsedSource source : parsed) {
      generate(source, runRules, callees, files, diagnostics);
    }
    files.sort(Comparator.comparing(GeneratedFile::relativePath));
    return new GenerationResult(files, diagnostics);
  }

  private static List<SourceFile> sortedByPath(List<SourceFile> files) {
    List<SourceFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(SourceFile::path));
    return sorted;
  }

  private void generate(
      ParsedSource source,
      RuleTable rules,
      Callees callees,
      List<GeneratedFile> files,
      List<Diagnostic> diagnostics) {
    Map<TypeDeclaration<?>, List<DifferentiableMethod>> byClass = new LinkedHashMap<>();
    for (DifferentiableMethod method : DifferentiableMethod.findAll(source)) {
      byClass.computeIfAbsent(ParsedSource.topLevelType(method.owner()), k -> new ArrayList<>()).add(method);
    }
    String packageName =
        source.unit().getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
    for (Map.Entry<TypeDeclaration<?>, List<DifferentiableMethod>> entry : byClass.entrySet()) {
      List<GradientRecord> records = new ArrayList<>();
      List<GradClassEmitter.Emitted> emitted = new ArrayList<>();
      List<DifferentiableMethod> earlier = new ArrayList<>();
      for (DifferentiableMethod method : entry.getValue()) {
        try {
          DerivativeForms.Forms forms = differentiate(method, earlier, rules, callees);
          if (forms.record() != null) {
            records.add(forms.record());
          }
          for (DerivativeMethod m : forms.methods()) {
            emitted.add(new GradClassEmitter.Emitted(m, BodySimplifier.simplify(m)));
          }
        } catch (MethodRejected e) {
          e.errors().forEach(error -> diagnostics.add(diagnostic(error.origin(), error.getMessage())));
        } catch (NotDifferentiableException e) {
          diagnostics.add(diagnostic(e.origin(), e.getMessage()));
        } catch (RuntimeException e) {
          diagnostics.add(
              diagnostic(
                  source.origin(method.declaration().getName()),
                  "internal error while differentiating " + method.name() + ": " + e + REPORT));
        }
        earlier.add(method);
      }
      if (!emitted.isEmpty()) {
        files.add(
            GradClassEmitter.emit(
                packageName,
                entry.getKey().getNameAsString(),
                source.file().fileName(),
                records,
                emitted));
      }
    }
  }

  private static DerivativeForms.Forms differentiate(
      DifferentiableMethod method,
      List<DifferentiableMethod> earlier,
      RuleTable rules,
      Callees callees) {
    MethodChecker.Signature signature = MethodChecker.check(method, earlier);
    Procedure procedure = Normaliser.normalise(method, signature, callees);
    Activity activity = Activity.of(procedure);
    boolean secondOrder = annotation(method, "Hessian").isPresent();
    // second derivatives differentiate the pushforward again, as simplified for output
    DerivativeForms.Options options =
        new DerivativeForms.Options(
            secondOrder ? BodySimplifier::simplify : null, jacobianMode(method));
    return DerivativeForms.of(procedure, activity, rules, options);
  }

  /** The method's annotation {@code io.github.ad4j.<simpleName>}, written simply or qualified. */
  private static java.util.Optional<com.github.javaparser.ast.expr.AnnotationExpr> annotation(
      DifferentiableMethod method, String simpleName) {
    return method.declaration().getAnnotations().stream()
        .filter(a -> a.getNameAsString().equals(simpleName)
            || a.getNameAsString().equals("io.github.ad4j." + simpleName))
        .findFirst();
  }

  /** The mode {@code @Jacobian(...)} names: the last identifier of its value, AUTO without one. */
  private static DerivativeForms.JacobianMode jacobianMode(DifferentiableMethod method) {
    return annotation(method, "Jacobian")
        .flatMap(a -> a.isSingleMemberAnnotationExpr()
            ? java.util.Optional.of(a.asSingleMemberAnnotationExpr().getMemberValue().toString())
            : a.isNormalAnnotationExpr()
                ? a.asNormalAnnotationExpr().getPairs().stream()
                    .filter(p -> p.getNameAsString().equals("value"))
                    .map(p -> p.getValue().toString())
                    .findFirst()
                : java.util.Optional.empty())
        .map(value -> DerivativeForms.JacobianMode.valueOf(value.substring(value.lastIndexOf('.') + 1)))
        .orElse(DerivativeForms.JacobianMode.AUTO);
  }

  private static Diagnostic diagnostic(Origin origin, String message) {
    return new Diagnostic(
        Diagnostic.Severity.ERROR, origin.file(), origin.line(), origin.column(), message);
  }
}
