package io.github.ad4j.core.fuzz;

import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.MethodChecker;
import io.github.ad4j.core.check.MethodRejected;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.normalise.Normaliser;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import io.github.ad4j.core.parse.SourceParser;
import io.github.ad4j.core.rules.RuleTable;
import io.github.ad4j.core.simplify.BodySimplifier;
import io.github.ad4j.core.transform.DerivativeForms;
import io.github.ad4j.core.testing.Resources;
import io.github.ad4j.core.transform.DerivativeMethod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loading, tokenising and stack-trace helpers shared by the fuzz tests. */
final class FuzzSupport {

  private FuzzSupport() {}

  static final String[] GOLDEN = {
    "Polynomial", "TanhViaExp", "Logistic", "Reassignment", "Huber", "BlackScholes", "Power",
    "Regression", "Piecewise"
  };

  /** Whitespace and comments are tokens too, so that joining the tokens gives back the text. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s+|//[^\\n]*|/\\*(?s:.*?)\\*/|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'"
              + "|[A-Za-z_$][A-Za-z0-9_$]*"
              + "|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?[dDfFlL]?|\\.\\d+(?:[eE][+-]?\\d+)?[dDfF]?"
              + "|&&|\\|\\||==|!=|<=|>=|\\+\\+|--|->|::|[+\\-*/%&|^]=|<<|>>>?|(?s:.)");

  static String resource(String path) {
    return Resources.read(path);
  }


  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static boolean isSpace(String token) {
    return token.isBlank() || token.startsWith("//") || token.startsWith("/*");
  }

  /**
   * Runs the generator's pipeline stages one by one, as {@code DerivativeGenerator} does, and
   * returns the stack trace of the first unexpected runtime exception, or null. The generator
   * itself turns such exceptions into "internal error" diagnostics and drops the trace.
   */
  static String internalStackTrace(SourceFile file) {
    SourceParser.Result result = new SourceParser().parse(file);
    if (result.source() == null) {
      return null;
    }
    List<ParsedSource> parsed = List.of(result.source());
    List<NotDifferentiableException> ruleErrors = new ArrayList<>();
    RuleTable rules = RuleTable.builtIn().withRulesFrom(parsed, ruleErrors);
    Callees callees = Callees.of(parsed, rules.functions());
    List<DifferentiableMethod> earlier = new ArrayList<>();
    for (DifferentiableMethod method : DifferentiableMethod.findAll(result.source())) {
      try {
        MethodChecker.Signature signature = MethodChecker.check(method, earlier);
        Procedure procedure = Normaliser.normalise(method, signature, callees);
        Activity activity = Activity.of(procedure);
        DerivativeForms.Forms forms = DerivativeForms.of(procedure, activity, rules, new DerivativeForms.Options(BodySimplifier::simplify, DerivativeForms.JacobianMode.AUTO, callee -> io.github.ad4j.core.transform.CalleeAllocation.UNKNOWN));
        for (DerivativeMethod m : forms.methods()) {
          BodySimplifier.simplify(m);
        }
      } catch (MethodRejected | NotDifferentiableException e) {
        // an ordinary diagnostic
      } catch (RuntimeException e) {
        return summary(e);
      }
      earlier.add(method);
    }
    return null;
  }

  /** The first ad4j frame of a stack trace, as {@code Class.method}, or "?" if there is none. */
  static String topFrame(String trace) {
    for (String line : trace.split("\n")) {
      String frame = line.strip();
      if (frame.startsWith("at io.github.ad4j.")) {
        frame = frame.substring(3);
        int paren = frame.indexOf('(');
        frame = paren < 0 ? frame : frame.substring(0, paren);
        String[] parts = frame.split("\\.");
        return parts.length < 2 ? frame : parts[parts.length - 2] + "." + parts[parts.length - 1];
      }
    }
    return "?";
  }

  /** The exception and its first frames, enough to find the throwing code. */
  static String summary(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    String[] lines = w.toString().split("\n");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 12); i++) {
      if (lines[i].contains("io.github.ad4j.core.fuzz.")) {
        break; // the rest is the test's own frames
      }
      b.append(lines[i].stripTrailing()).append('\n');
    }
    return b.toString();
  }
}
