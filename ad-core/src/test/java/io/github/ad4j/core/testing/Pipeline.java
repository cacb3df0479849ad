package io.github.ad4j.core.testing;

import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.check.MethodChecker;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.normalise.Normaliser;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import io.github.ad4j.core.parse.SourceParser;
import java.util.List;

/** Runs the first stages of the pipeline on a snippet, for the tests of later stages. */
public final class Pipeline {

  private Pipeline() {}

  /** Parses a class {@code C} whose body is {@code members}. */
  public static ParsedSource parse(String members) {
    String source = "package p;\n\nimport io.github.ad4j.Differentiable;\n\nclass C {\n" + members + "\n}\n";
    SourceParser.Result result = new SourceParser().parse(new SourceFile("p/C.java", source));
    if (result.source() == null) {
      throw new AssertionError(result.diagnostics());
    }
    return result.source();
  }

  /** The normalised {@code @Differentiable} method {@code name} among {@code members}. */
  public static Procedure procedure(String members, String name) {
    ParsedSource source = parse(members);
    for (DifferentiableMethod method : DifferentiableMethod.findAll(source)) {
      if (method.name().equals(name)) {
        return Normaliser.normalise(method, MethodChecker.check(method, List.of()));
      }
    }
    throw new AssertionError("no @Differentiable method " + name);
  }
}
