package io.github.ad4j.core.checks;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a method's {@code @CheckAt} annotation asks for, read from the source as written: the
 * annotation is never compiled into anything the generator could load.
 *
 * @param annotation the annotation, or {@code null} when the method has none
 * @param points the points as written, each with the node to blame for it; empty for the defaults
 * @param fixed the {@code "name = expression"} entries, each with its node
 * @param length the length of array parameters
 * @param tolerance the relative tolerance; 0 for the default
 * @param skip whether the method gets no check
 */
record CheckSettings(
    AnnotationExpr annotation,
    List<Written> points,
    List<Written> fixed,
    int length,
    double tolerance,
    boolean skip) {

  /** The largest {@code length}: every array element is a literal in the generated test. */
  static final int MAX_LENGTH = 10;

  private static final String SIMPLE_NAME = "CheckAt";
  private static final String QUALIFIED_NAME = "io.github.ad4j.CheckAt";

  /**
   * A string of the annotation and the literal it came from.
   *
   * @param text the string
   * @param node the literal, for diagnostics
   */
  record Written(String text, Node node) {}

  CheckSettings {
    points = List.copyOf(points);
    fixed = List.copyOf(fixed);
  }

  /**
   * Reads the {@code @CheckAt} of {@code method}; the defaults if it has none.
   *
   * @throws NotDifferentiableException at the first member that is not written as a literal of
   *     the right kind
   */
  static CheckSettings of(DifferentiableMethod method) {
    Optional<AnnotationExpr> found =
        method.declaration().getAnnotations().stream()
            .filter(a -> a.getNameAsString().equals(SIMPLE_NAME)
                || a.getNameAsString().equals(QUALIFIED_NAME))
            .findFirst();
    if (found.isEmpty()) {
      return new CheckSettings(null, List.of(), List.of(), 3, 0, false);
    }
    AnnotationExpr annotation = found.get();
    ParsedSource source = method.source();
    List<Written> points = List.of();
    List<Written> fixed = List.of();
    int length = 3;
    double tolerance = 0;
    boolean skip = false;
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      points = strings(source, single.getMemberValue(), "value");
    } else if (annotation instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        Expression value = pair.getValue();
        switch (pair.getNameAsString()) {
          case "value" -> points = strings(source, value, "value");
          case "fixed" -> fixed = strings(source, value, "fixed");
          case "length" -> length = length(source, value);
          case "tolerance" -> tolerance = tolerance(source, value);
          case "skip" -> skip = bool(source, value);
          default -> throw error(source, pair, "@CheckAt has no member " + pair.getNameAsString()
              + "; it has value, fixed, length, tolerance and skip");
        }
      }
    }
    return new CheckSettings(annotation, points, fixed, length, tolerance, skip);
  }

  /** Whether the method carries {@code @CheckAt}. */
  boolean present() {
    return annotation != null;
  }

  private static List<Written> strings(ParsedSource source, Expression value, String member) {
    List<Expression> elements =
        value instanceof ArrayInitializerExpr array ? array.getValues() : List.of(value);
    List<Written> out = new ArrayList<>();
    for (Expression element : elements) {
      if (!(element instanceof StringLiteralExpr literal)) {
        throw error(source, element, "@CheckAt " + member + " must be string literals, such as"
            + (member.equals("value") ? " {\"0.5, 1.5\", \"1, 2\"}" : " {\"n = 5\"}"));
      }
      out.add(new Written(literal.asString(), literal));
    }
    return out;
  }

  private static int length(ParsedSource source, Expression value) {
    if (value instanceof IntegerLiteralExpr literal) {
      Number n = literal.asNumber();
      if (n.longValue() >= 1 && n.longValue() <= MAX_LENGTH) {
        return n.intValue();
      }
    }
    throw error(source, value, "@CheckAt length must be an integer literal from 1 to "
        + MAX_LENGTH + " (every array element is written out in the generated test)");
  }

  private static double tolerance(ParsedSource source, Expression value) {
    if (value instanceof DoubleLiteralExpr || value instanceof IntegerLiteralExpr) {
      double tolerance = parse(value.toString());
      if (tolerance > 0 && tolerance < 1) {
        return tolerance;
      }
    }
    throw error(source, value, "@CheckAt tolerance must be a number literal between 0 and 1,"
        + " such as 1e-8");
  }

  private static boolean bool(ParsedSource source, Expression value) {
    if (value instanceof BooleanLiteralExpr literal) {
      return literal.getValue();
    }
    throw error(source, value, "@CheckAt skip must be true or false");
  }

  /** A Java number literal as a double, NaN if it is not one. */
  static double parse(String literal) {
    String text = literal.trim().replace("_", "");
    if (text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
      text = text.substring(0, text.length() - 1);
    }
    // Double.parseDouble also takes "NaN", "Infinity" and hexadecimal: only plain decimals here
    if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return Double.NaN;
    }
    return Double.parseDouble(text);
  }

  static NotDifferentiableException error(ParsedSource source, Node node, String message) {
    return new NotDifferentiableException(source.origin(node), message);
  }
}
