package io.github.ad4j.core;

import com.github.javaparser.ast.body.TypeDeclaration;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.MethodRejected;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.emit.BytecodeSize;
import io.github.ad4j.core.emit.GradClassEmitter;
import io.github.ad4j.core.emit.JavaLangQualifier;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import io.github.ad4j.core.parse.SourceParser;
import io.github.ad4j.core.rules.RuleTable;
import io.github.ad4j.core.simplify.BodySimplifier;
import io.github.ad4j.core.simplify.RowHoisting;
import io.github.ad4j.core.transform.DerivativeForms;
import io.github.ad4j.core.transform.DerivativeMethod;
import io.github.ad4j.core.transform.GradientRecord;
import io.github.ad4j.core.transform.Workspaces;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The entry point of ad-core: Java sources in, generated derivative classes and diagnostics out.
 *
 * <p>Runs the pipeline parse, check, normalise, analyse, transform, simplify, emit on every
 * {@code @Differentiable} method. Instances are immutable and thread-safe; a build creates one
 * and may call {@link #generate} from several threads. One call parses the files, then
 * generates each file's classes, on every core ({@link InParallel}); the output does not depend
 * on the number of cores.
 */
public final class DerivativeGenerator {

  private static final String REPORT =
      "; this is a bug in ad4j, please report it with the method's source";

  /**
   * The stack of the generating thread: room for expressions nested thousands deep (3,000
   * nested calls take less than half of it). Only what is used is committed.
   */
  private static final long STACK_BYTES = 64L * 1024 * 1024;

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
    // The parser and every stage recurse over expressions and blocks, so a deeply nested method
    // needs a deep stack: the work runs on a thread of its own with room for it, whatever the
    // caller's stack is.
    GenerationResult[] result = new GenerationResult[1];
    Throwable[] failure = new Throwable[1];
    Thread worker =
        new Thread(
            null,
            () -> {
              try {
                result[0] = generateHere(sources, context);
              } catch (RuntimeException | Error e) {
                failure[0] = e; // thrown again on the caller's thread, as if it had run there
              }
            },
            "ad4j-generator",
            STACK_BYTES);
    try {
      worker.start();
    } catch (OutOfMemoryError e) {
      // no room for another thread (a tight memory limit): work on the caller's stack instead
      return generateHere(sources, context);
    }
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating derivatives", e);
    }
    if (failure[0] instanceof RuntimeException e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    return result[0];
  }

  private GenerationResult generateHere(List<SourceFile> sources, List<SourceFile> context) {
    List<SourceFile> sorted = sortedByPath(sources);
    Set<String> sourcePaths = new HashSet<>();
    sorted.forEach(file -> sourcePaths.add(file.path()));
    // sources and context in one order, that of their paths, so that which files are sources
    // changes nothing but what is generated and reported (a build tool that regenerates some
    // sources hands it the others as context)
    List<SourceFile> toParse = new ArrayList<>(sorted);
    for (SourceFile file : context) {
      if (!sourcePaths.contains(file.path())) {
        toParse.add(file);
      }
    }
    toParse = sortedByPath(toParse);
    // files, then classes, are independent of one another: parsed, then generated, on every core
    SourceParser parser = new SourceParser();
    List<Parsed> parses =
        InParallel.run(
            toParse.stream().<Supplier<Parsed>>map(file -> () -> parse(parser, file)).toList(),
            STACK_BYTES);
    // a source's own problems first (a syntax error, a rule it declares wrongly), then those
    // its methods' generation finds
    Map<String, List<Diagnostic>> problems = new LinkedHashMap<>();
    sorted.forEach(file -> problems.put(file.path(), new ArrayList<>()));
    List<ParsedSource> parsed = new ArrayList<>();
    List<ParsedSource> all = new ArrayList<>();
    for (int i = 0; i < parses.size(); i++) {
      Parsed p = parses.get(i);
      // the context is another run's to report on
      boolean isSource = sourcePaths.contains(toParse.get(i).path());
      List<Diagnostic> own = isSource ? problems.get(toParse.get(i).path()) : null;
      if (p.result() != null && p.result().source() != null) {
        all.add(p.result().source());
        if (isSource) {
          parsed.add(p.result().source());
        }
      } else if (isSource && p.tooDeep() != null) {
        own.add(p.tooDeep());
      } else if (isSource && toParse.get(i).content().contains("Differentiable")) {
        // a syntax error in a file with nothing for us is javac's to report, not ours
        own.addAll(p.result().diagnostics());
      }
    }
    // the user's own @Partial rules join the built-in ones, for this run
    List<NotDifferentiableException> ruleErrors = new ArrayList<>();
    RuleTable runRules = rules.withRulesFrom(all, ruleErrors);
    for (NotDifferentiableException e : ruleErrors) {
      List<Diagnostic> own = problems.get(e.origin().file());
      if (own != null) {
        own.add(diagnostic(e.origin(), e.getMessage()));
      }
    }
    Callees callees = Callees.of(all, runRules.functions());
    DifferentiatedMethods methods = new DifferentiatedMethods(all, runRules, callees, STACK_BYTES);
    Map<String, Origin> classes = topLevelClasses(all);
    List<Generated> generated =
        InParallel.run(
            parsed.stream()
                .<Supplier<Generated>>map(
                    source ->
                        () -> {
                          Generated g = new Generated();
                          generate(source, methods, callees, classes, g.files, g.reports,
                              g.diagnostics);
                          return g;
                        })
                .toList(),
            STACK_BYTES);
    Map<String, Generated> bySource = new LinkedHashMap<>();
    for (int i = 0; i < parsed.size(); i++) {
      bySource.put(parsed.get(i).file().path(), generated.get(i));
    }
    List<SourceOutput> outputs = new ArrayList<>();
    for (Map.Entry<String, List<Diagnostic>> entry : problems.entrySet()) {
      Generated g = bySource.getOrDefault(entry.getKey(), new Generated());
      List<Diagnostic> diagnostics = new ArrayList<>(entry.getValue());
      diagnostics.addAll(g.diagnostics);
      g.files.sort(Comparator.comparing(GeneratedFile::relativePath));
      SourceOutput output = new SourceOutput(entry.getKey(), g.files, diagnostics, g.reports);
      if (!output.isEmpty()) {
        outputs.add(output);
      }
    }
    return new GenerationResult(outputs);
  }

  /** A file parsed, or the diagnostic saying it nests too deeply to be. */
  private record Parsed(SourceParser.Result result, Diagnostic tooDeep) {}

  private static Parsed parse(SourceParser parser, SourceFile file) {
    try {
      return new Parsed(parser.parse(file), null);
    } catch (StackOverflowError e) {
      return new Parsed(
          null,
          new Diagnostic(Diagnostic.Severity.ERROR, file.path(), 1, 1, "the file nests"
              + " expressions or blocks too deeply to be parsed; split the deepest ones"));
    }
  }

  /** What one source file gives: its derivative classes, report sections and diagnostics. */
  private static final class Generated {
    final List<GeneratedFile> files = new ArrayList<>();
    final List<String> reports = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
  }

  /** Where each top-level class of the build is declared, by qualified name. */
  private static Map<String, Origin> topLevelClasses(List<ParsedSource> parsed) {
    Map<String, Origin> classes = new LinkedHashMap<>();
    for (ParsedSource source : parsed) {
      for (TypeDeclaration<?> type : source.unit().getTypes()) {
        classes.putIfAbsent(qualified(source.packageName(), type.getNameAsString()), source.origin(type.getName()));
      }
    }
    return classes;
  }

  private static String qualified(String packageName, String simpleName) {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  private static List<SourceFile> sortedByPath(List<SourceFile> files) {
    List<SourceFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(SourceFile::path));
    return sorted;
  }

  private static void generate(
      ParsedSource source,
      DifferentiatedMethods methods,
      Callees callees,
      Map<String, Origin> classes,
      List<GeneratedFile> files,
      List<String> reports,
      List<Diagnostic> diagnostics) {
    Map<TypeDeclaration<?>, List<DifferentiableMethod>> byClass = new LinkedHashMap<>();
    // A syntax tree's hashCode walks the whole tree, so the class of each method is looked up
    // by identity first and hashed once per class, not once per method.
    Map<TypeDeclaration<?>, List<DifferentiableMethod>> byIdentity = new IdentityHashMap<>();
    for (DifferentiableMethod method : DifferentiableMethod.findAll(source)) {
      byIdentity
          .computeIfAbsent(
              ParsedSource.topLevelType(method.owner()),
              type -> byClass.computeIfAbsent(type, k -> new ArrayList<>()))
          .add(method);
    }
    String packageName = source.packageName();
    // a class of the package named Math would shadow java.lang.Math in the generated class
    Set<String> shadowed = new TreeSet<>(Expr.Call.LIBRARY_OWNERS);
    shadowed.removeIf(name -> !callees.hasClass(packageName, name));
    for (Map.Entry<TypeDeclaration<?>, List<DifferentiableMethod>> entry : byClass.entrySet()) {
      String className = entry.getKey().getNameAsString();
      String gradName = qualified(packageName, className + GradClassEmitter.SUFFIX);
      Origin taken = classes.get(gradName);
      if (taken != null) {
        // javac would report a duplicate class in the generated file; say why, where the user is
        diagnostics.add(
            diagnostic(
                source.origin(entry.getKey().getName()),
                "class " + className + " cannot get its derivatives: ad4j writes them to class "
                    + gradName + ", which already exists (" + taken.file() + ":" + taken.line()
                    + ":" + taken.column() + "); rename that class"));
        continue;
      }
      List<GradientRecord> records = new ArrayList<>();
      List<GradClassEmitter.Emitted> emitted = new ArrayList<>();
      for (DifferentiableMethod method : entry.getValue()) {
        try {
          DerivativeForms.Forms forms = methods.forms(method);
          List<GradClassEmitter.Emitted> ofMethod = new ArrayList<>();
          for (DerivativeMethod m : forms.methods()) {
            List<Stmt> body =
                JavaLangQualifier.qualify(
                    RowHoisting.hoist(BodySimplifier.simplify(m, forms.writers()), m),
                    shadowed);
            // the final code's tapes and adjoint arrays, known only now, come from the caller
            Workspaces.Taken fromWorkspace =
                m.workspace() == null
                    ? Workspaces.Taken.nothing(body)
                    : Workspaces.take(body, m.params(), m.workspace().name(), m.workspace().nested());
            checkSize(method, m, fromWorkspace.body());
            ofMethod.add(new GradClassEmitter.Emitted(m, fromWorkspace));
          }
          if (forms.record() != null) {
            records.add(forms.record());
          }
          emitted.addAll(ofMethod);
          StringBuilder report = new StringBuilder(forms.report());
          for (GradClassEmitter.Emitted e : ofMethod) {
            report.append("- `").append(e.method().name())
                .append(e.method().params().stream().map(p -> p.type().toString())
                    .collect(java.util.stream.Collectors.joining(", ", "(", e.method().workspace()
                        == null ? ")" : ", " + e.method().workspace().type() + ")")))
                .append("`: ")
                .append(e.tapes().describe("`", "`"))
                .append(calledForm(e.body()))
                .append('\n');
          }
          reports.add(report.toString());
        } catch (MethodRejected e) {
          e.errors().forEach(error -> diagnostics.add(diagnostic(error.origin(), error.getMessage())));
        } catch (NotDifferentiableException e) {
          diagnostics.add(diagnostic(e.origin(), e.getMessage()));
        } catch (StackOverflowError e) {
          diagnostics.add(
              diagnostic(
                  source.origin(method.declaration().getName()),
                  "method " + method.name() + " nests expressions or blocks too deeply to be"
                      + " differentiated; split the deepest ones into variables or methods"));
        } catch (RuntimeException e) {
          diagnostics.add(
              diagnostic(
                  source.origin(method.declaration().getName()),
                  "internal error while differentiating " + method.name() + ": " + e + REPORT));
        }
      }
      if (!emitted.isEmpty()) {
        files.add(
            GradClassEmitter.emit(
                packageName,
                className,
                source.file().fileName(),
                records,
                emitted));
      }
    }
  }

  /**
   * For a form whose body only calls another form (the allocation-free form, the forms without
   * a workspace), which one: what that one tapes, this one does. Empty otherwise.
   */
  private static String calledForm(List<Stmt> body) {
    return body.size() == 1
            && body.get(0) instanceof Stmt.Return r
            && r.value() instanceof Expr.Call c
            && c.owner().isEmpty()
            && c.name().endsWith("Pullback")
        ? " It calls `" + c.name() + "`, which tapes for it."
        : "";
  }

  /**
   * Refuses a derivative too long for one Java method: javac would report "code too large" in
   * the generated class, where the user can do nothing about it.
   */
  private static void checkSize(DifferentiableMethod method, DerivativeMethod m, List<Stmt> body) {
    long size = BytecodeSize.estimate(m.params(), m.receiver() != null, body);
    if (size > BytecodeSize.SAFE_LIMIT) {
      throw new NotDifferentiableException(
          method.source().origin(method.declaration().getName()),
          "method " + method.name() + " is too long to differentiate: its derivative " + m.name()
              + " would need about " + size + " bytes of bytecode, too close to or over the JVM's"
              + " limit of " + BytecodeSize.LIMIT + " bytes per method; split " + method.name() + " into"
              + " smaller @Differentiable methods that call each other");
    }
  }
  private static Diagnostic diagnostic(Origin origin, String message) {
    return new Diagnostic(
        Diagnostic.Severity.ERROR, origin.file(), origin.line(), origin.column(), message);
  }
}
