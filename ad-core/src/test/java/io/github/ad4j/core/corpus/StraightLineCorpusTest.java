package io.github.ad4j.core.corpus;

import io.github.ad4j.core.SourceFile;

import io.github.ad4j.core.GenerationResult;

import io.github.ad4j.core.Diagnostic;

import io.github.ad4j.core.DerivativeGenerator;

import static io.github.ad4j.core.corpus.Corpus.awayFromMultiples;
import static io.github.ad4j.core.corpus.Corpus.awayFromZero;
import static io.github.ad4j.core.corpus.Corpus.bools;
import static io.github.ad4j.core.corpus.Corpus.group;
import static io.github.ad4j.core.corpus.Corpus.ints;
import static io.github.ad4j.core.corpus.Corpus.longs;
import static io.github.ad4j.core.corpus.Corpus.method;
import static io.github.ad4j.core.corpus.Corpus.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.corpus.Corpus.Case;
import io.github.ad4j.core.corpus.Corpus.Group;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The straight-line corpus: small methods, each stressing one construct of the supported subset or
 * a combination, every one checked in all its generated forms against finite differences of the
 * original ({@link GradientCheck}) at {@value Corpus#POINTS} points drawn with a fixed seed, and
 * against its closed form where one is written down.
 *
 * <p>A table row reads {@code method(name, parameters, body, one domain per parameter)}; {@code
 * where} keeps the points away from kinks and switching surfaces (their conventions are {@link
 * KinksTest}'s business), {@code exact} gives a partial derivative in closed form of the point
 * {@code v} (arguments in parameter order, as doubles). The methods of a group are compiled as one
 * class, so the whole corpus costs a dozen javac runs.
 */
class StraightLineCorpusTest {

  /** Closed forms are exact formulas evaluated in a different order: a few ulps apart. */
  private static final double EXACT_TOLERANCE = 1e-12;

  static final Group ARITHMETIC =
      group(
          "Arithmetic",
          method("sum", "double x, double y", "return x + y;", real(-3, 3), real(-3, 3))
              .exact("x", v -> 1)
              .exact("y", v -> 1),
          method(
                  "differenceWithConstants",
                  "double x, double y",
                  "return 3 - x - 2 * y;",
                  real(-3, 3),
                  real(-3, 3))
              .exact("x", v -> -1)
              .exact("y", v -> -2),
          method(
                  "productOfThree",
                  "double x, double y, double z",
                  "return x * y * z;",
                  real(-2, 2),
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> v[1] * v[2])
              .exact("y", v -> v[0] * v[2])
              .exact("z", v -> v[0] * v[1]),
          method(
                  "quotient",
                  "double x, double y",
                  "return x / y;",
                  real(-3, 3),
                  awayFromZero(0.5, 3))
              .exact("x", v -> 1 / v[1])
              .exact("y", v -> -v[0] / (v[1] * v[1])),
          method(
                  "reciprocalOfQuadratic",
                  "double x, double y",
                  "return 1 / (x * x + y * y + 1);",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> -2 * v[0] / Math.pow(v[0] * v[0] + v[1] * v[1] + 1, 2)),
          method(
                  "unaryMinusAndPlus",
                  "double x, double y",
                  "return -x * -y + -(x - y) + +x;",
                  real(-3, 3),
                  real(-3, 3))
              .exact("x", v -> v[1])
              .exact("y", v -> v[0] + 1),
          method(
              "nestedParentheses",
              "double x, double y",
              "return ((x + 1) * (y - 2)) / ((x - 3) * (y + 4));",
              real(-1, 1),
              real(-1, 1)),
          method(
                  "quinticPolynomial",
                  "double x",
                  "return 2 * x * x * x * x * x - 3 * x * x * x + x - 7;",
                  real(-2, 2))
              .exact("x", v -> 10 * Math.pow(v[0], 4) - 9 * v[0] * v[0] + 1),
          method(
                  "unusedParameter",
                  "double x, double y, double z",
                  "return x * z;",
                  real(-2, 2),
                  real(-2, 2),
                  real(-2, 2))
              .exact("y", v -> 0),
          method("constantResult", "double x", "return 7.5;", real(-2, 2)).exact("x", v -> 0),
          method(
                  "numericLiteralForms",
                  "double x, double y",
                  "return 1_000.5 * x + .5 * y + 0x1p-3 * x + 5. * y"
                      + " + 1e-3 * x + 0x10 * y + 3L * x;",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> 1000.5 + 0.125 + 1e-3 + 3)
              .exact("y", v -> 0.5 + 5 + 16),
          method(
                  "remainderByConstant",
                  "double x, double y",
                  "return x % 2.5 * y;",
                  real(-6, 6),
                  real(-2, 2))
              .where(v -> awayFromMultiples(v[0], 2.5, 0.1))
              .exact("x", v -> v[1])
              .exact("y", v -> v[0] % 2.5));

  static final Group LOCALS =
      group(
          "Locals",
          method(
                  "chainOfLocals",
                  "double x, double y",
                  """
                  double a = x * y;
                  double b = a + x;
                  double c = b * a;
                  return c - y;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              // c = (xy + x) xy = x^2 y^2 + x^2 y
              .exact("x", v -> 2 * v[0] * v[1] * v[1] + 2 * v[0] * v[1])
              .exact("y", v -> 2 * v[0] * v[0] * v[1] + v[0] * v[0] - 1),
          method(
                  "varLocals",
                  "double x, double y",
                  """
                  var a = x * y;
                  var b = Math.sin(a);
                  return a * b;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact(
                  "x", v -> v[1] * (Math.sin(v[0] * v[1]) + v[0] * v[1] * Math.cos(v[0] * v[1]))),
          method(
                  "multipleDeclarators",
                  "double x, double y",
                  """
                  double a = x + 1, b = a * y;
                  return a * b;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> 2 * (v[0] + 1) * v[1])
              .exact("y", v -> (v[0] + 1) * (v[0] + 1)),
          method(
                  "declarationThenAssignment",
                  "double x, double y",
                  """
                  double a;
                  a = x * x;
                  return a + y;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> 2 * v[0])
              .exact("y", v -> 1),
          method(
                  "deadStore",
                  "double x, double y",
                  """
                  double t = Math.exp(x);
                  t = y * y;
                  return t + x;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> 1)
              .exact("y", v -> 2 * v[1]),
          method(
                  "localsNamedLikeGeneratedVariables",
                  "double x, double y",
                  """
                  double seed = x * 2;
                  double exp = Math.exp(seed);
                  double sin = Math.sin(y);
                  double xSaved = Math.cos(x);
                  return exp * sin + seed + Math.exp(y) * Math.sin(x) + xSaved;
                  """,
                  real(-1, 1),
                  real(-1, 1))
              .exact(
                  "x",
                  v ->
                      2 * Math.exp(2 * v[0]) * Math.sin(v[1])
                          + 2
                          + Math.exp(v[1]) * Math.cos(v[0])
                          - Math.sin(v[0])),
          method(
                  "localNamedLikeTheMethod",
                  "double x",
                  """
                  double localNamedLikeTheMethod = x * x;
                  return localNamedLikeTheMethod + 1;
                  """,
                  real(-2, 2))
              .exact("x", v -> 2 * v[0]),
          method(
                  "parameterNamedLikeTheMethod",
                  "double parameterNamedLikeTheMethod",
                  "return parameterNamedLikeTheMethod * parameterNamedLikeTheMethod;",
                  real(-2, 2))
              .exact("parameterNamedLikeTheMethod", v -> 2 * v[0]),
          method(
                  "sameCallRepeatedInOneStatement",
                  "double x, double y",
                  "return Math.sin(x) * Math.sin(x) + Math.sin(x) / (2 + Math.sin(y));",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> Math.cos(v[0]) * (2 * Math.sin(v[0]) + 1 / (2 + Math.sin(v[1])))),
          method(
                  "sameCallInSeveralStatements",
                  "double x, double y",
                  """
                  double a = Math.exp(x);
                  double b = Math.exp(x) * y;
                  return a + b + Math.exp(x);
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> Math.exp(v[0]) * (2 + v[1]))
              .exact("y", v -> Math.exp(v[0])),
          method(
                  "swapThroughTemporary",
                  "double x, double y",
                  """
                  double t = x;
                  x = y;
                  y = t;
                  return x * 2 + y * 3;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> 3)
              .exact("y", v -> 2));

  /** 34 statements: every kind of statement and a dozen functions, one after another. */
  static final Case LONG_METHOD =
      method(
          "thirtyFourStatements",
          "double x, double y",
          """
          double a = x + y;
          double b = x - y;
          double c = a * b;
          double d = c / (1 + a * a);
          double e = Math.sin(d) + Math.cos(a);
          double f = e * e;
          double g = Math.exp(-f);
          double h = g + x * y;
          h += a;
          h *= 0.5;
          double i = Math.log1p(h * h);
          double j = Math.atan(i - b);
          double k = j * j * j;
          k -= c;
          double l = Math.sqrt(1 + k * k);
          double m = l / Math.hypot(e, 1);
          m /= 2;
          double n = Math.tanh(m - d);
          n++;
          double w = Math.pow(n, 1.5);
          double p = Math.cbrt(w + 1);
          double q = p > 1 ? p * a : p - a;
          q--;
          double r = Math.fma(q, b, c);
          r = r * r + Math.sin(r);
          r = Math.exp(-r * r);
          double s = r + Math.log(1 + l);
          s -= Math.expm1(-h * h);
          double t = s * Math.toRadians(x);
          t += Math.cosh(y / 4) * Math.sinh(x / 4);
          double u = Math.max(t, -10) + Math.min(s, 10);
          x = u * x;
          y *= x;
          return x + y + Math.atan2(y, 3 + y * y);
          """,
          real(-1, 1),
          real(-1, 1));

  static final Group REASSIGNMENT =
      group(
          "Reassignment",
          method(
                  "reassignParameterSeveralTimes",
                  "double x, double y",
                  """
                  x = x * y;
                  x = x + Math.sin(x);
                  x = x * x;
                  return x;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              // with u = xy: (u + sin u)^2
              .exact(
                  "x",
                  v -> {
                    double u = v[0] * v[1];
                    return 2 * (u + Math.sin(u)) * (1 + Math.cos(u)) * v[1];
                  }),
          method(
                  "selfReferencingUpdate",
                  "double x, double y",
                  """
                  double t = x * y;
                  t = t * t + Math.sin(t);
                  return t;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("y", v -> (2 * v[0] * v[1] + Math.cos(v[0] * v[1])) * v[0]),
          method(
                  "expOfItself",
                  "double x, double y",
                  """
                  double t = x + y;
                  t = Math.exp(t);
                  t = Math.exp(t) - t;
                  return t;
                  """,
                  real(-1, 0.5),
                  real(-1, 0.5))
              // e^(e^s) - e^s with s = x + y
              .exact(
                  "x",
                  v -> {
                    double e = Math.exp(v[0] + v[1]);
                    return Math.exp(e) * e - e;
                  }),
          method(
                  "plusAssignOnParameter",
                  "double x, double y",
                  """
                  x += y * y;
                  x += x;
                  return x * y;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              // 2 (x + y^2) y
              .exact("x", v -> 2 * v[1])
              .exact("y", v -> 2 * v[0] + 6 * v[1] * v[1]),
          method(
                  "minusAssignOnLocal",
                  "double x, double y",
                  """
                  double t = x;
                  t -= y;
                  t -= Math.cos(t);
                  return t * y;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> (1 + Math.sin(v[0] - v[1])) * v[1]),
          method(
                  "timesAssign",
                  "double x, double y",
                  """
                  double t = x;
                  t *= y;
                  t *= t;
                  x *= 3;
                  return t + x;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> 2 * v[0] * v[1] * v[1] + 3)
              .exact("y", v -> 2 * v[0] * v[0] * v[1]),
          method(
              "divideAssign",
              "double x, double y",
              """
              double t = x;
              t /= y;
              t /= 1 + t * t;
              y /= 2;
              return t + y;
              """,
              real(-2, 2),
              awayFromZero(0.5, 2)),
          method(
                  "incrementAndDecrement",
                  "double x, double y",
                  """
                  double t = x;
                  t++;
                  ++t;
                  t--;
                  x++;
                  --y;
                  return t * x * y;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              // (x + 1)^2 (y - 1)
              .exact("x", v -> 2 * (v[0] + 1) * (v[1] - 1))
              .exact("y", v -> (v[0] + 1) * (v[0] + 1)),
          method(
                  "compoundAssignmentsWithCalls",
                  "double x",
                  """
                  double t = x;
                  t *= Math.sin(t);
                  t += Math.exp(-t);
                  return t;
                  """,
                  real(-2, 2))
              .exact(
                  "x",
                  v -> {
                    double u = v[0] * Math.sin(v[0]);
                    return (Math.sin(v[0]) + v[0] * Math.cos(v[0])) * (1 - Math.exp(-u));
                  }),
          method(
                  "overwrittenResultOfACall",
                  "double x, double y",
                  """
                  double t = Math.exp(x);
                  double u = t * y;
                  t = y * 3;
                  return u + t;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> Math.exp(v[0]) * v[1])
              .exact("y", v -> Math.exp(v[0]) + 3),
          method(
                  "squaringInPlaceTwice",
                  "double x",
                  """
                  x *= x;
                  x *= x;
                  return x;
                  """,
                  real(-2, 2))
              .exact("x", v -> 4 * v[0] * v[0] * v[0]),
          method(
                  "selfAssignment",
                  "double x",
                  """
                  double t = x;
                  t = t;
                  return t * t;
                  """,
                  real(-2, 2))
              .exact("x", v -> 2 * v[0]),
          method(
                  "reassignedParameterOutsideWrt",
                  "double x, double y",
                  """
                  x = x * y;
                  x += Math.sin(y);
                  return x * y;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .wrt("y")
              // x y^2 + y sin y
              .exact("y", v -> 2 * v[0] * v[1] + Math.sin(v[1]) + v[1] * Math.cos(v[1])),
          method(
                  "conditionReadsAVariableReassignedLater",
                  "double x, double y",
                  """
                  double t = x;
                  double r = t > 1 ? t * y : -t;
                  t = t * 3 - 5;
                  return r + t;
                  """,
                  real(0, 2),
                  real(-2, 2))
              .where(v -> Math.abs(v[0] - 1) > 0.05)
              .exact("x", v -> (v[0] > 1 ? v[1] : -1) + 3)
              .exact("y", v -> v[0] > 1 ? v[0] : 0),
          method(
                  "intDataReassigned",
                  "double x, int n",
                  """
                  double r = x * n;
                  n = n * 2;
                  return r + x * n;
                  """,
                  real(-2, 2),
                  ints(-3, 3))
              .exact("x", v -> 3 * v[1]),
          method(
                  "booleanDataReassigned",
                  "double x",
                  """
                  boolean b = x > 0;
                  double r = b ? x : 2 * x;
                  b = !b;
                  return r + (b ? x * x : 0);
                  """,
                  awayFromZero(0.1, 2))
              .exact("x", v -> v[0] > 0 ? 1 : 2 + 2 * v[0]));

  static final Group TRIGONOMETRY =
      group(
          "Trigonometry",
          method("sin", "double x, double y", "return Math.sin(x * y);", real(-2, 2), real(-2, 2))
              .exact("x", v -> v[1] * Math.cos(v[0] * v[1])),
          method(
                  "cos",
                  "double x, double y",
                  "return Math.cos(2 * x) + y * Math.cos(y);",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> -2 * Math.sin(2 * v[0]))
              .exact("y", v -> Math.cos(v[1]) - v[1] * Math.sin(v[1])),
          method("tan", "double x", "return Math.tan(x);", real(-1.2, 1.2))
              .exact("x", v -> 1 / (Math.cos(v[0]) * Math.cos(v[0]))),
          method("asin", "double x", "return Math.asin(x / 2);", real(-1.6, 1.6))
              .exact("x", v -> 0.5 / Math.sqrt(1 - v[0] * v[0] / 4)),
          method(
                  "acos",
                  "double x, double y",
                  "return Math.acos(x) * y;",
                  real(-0.9, 0.9),
                  real(-2, 2))
              .exact("x", v -> -v[1] / Math.sqrt(1 - v[0] * v[0]))
              .exact("y", v -> Math.acos(v[0])),
          method("atan", "double x, double y", "return Math.atan(x * y);", real(-2, 2), real(-2, 2))
              .exact("x", v -> v[1] / (1 + v[0] * v[0] * v[1] * v[1])),
          method(
                  "atan2",
                  "double y, double x",
                  "return Math.atan2(y, x);",
                  real(-2, 2),
                  real(0.3, 2))
              .exact("y", v -> v[1] / (v[0] * v[0] + v[1] * v[1]))
              .exact("x", v -> -v[0] / (v[0] * v[0] + v[1] * v[1])),
          method(
              "atan2OfExpressions",
              "double x, double y",
              "return Math.atan2(y * y + 1, x - y);",
              real(-2, 2),
              real(-2, 2)),
          method(
                  "sinhCosh",
                  "double x, double y",
                  "return Math.sinh(x) * Math.cosh(y);",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> Math.cosh(v[0]) * Math.cosh(v[1]))
              .exact("y", v -> Math.sinh(v[0]) * Math.sinh(v[1])),
          method("tanh", "double x, double y", "return Math.tanh(x * y);", real(-2, 2), real(-2, 2))
              .exact("x", v -> v[1] * (1 - Math.pow(Math.tanh(v[0] * v[1]), 2))),
          method(
                  "toRadiansAndToDegrees",
                  "double x, double y",
                  "return Math.sin(Math.toRadians(x)) + Math.toDegrees(y);",
                  real(-200, 200),
                  real(-2, 2))
              .exact("x", v -> Math.cos(Math.toRadians(v[0])) * Math.PI / 180)
              .exact("y", v -> 180 / Math.PI),
          method("piConstant", "double x", "return Math.sin(Math.PI * x) * Math.PI;", real(-2, 2))
              .exact("x", v -> Math.PI * Math.PI * Math.cos(Math.PI * v[0])),
          method(
                  "pythagoreanIdentity",
                  "double x",
                  "return Math.sin(x) * Math.sin(x) + Math.cos(x) * Math.cos(x);",
                  real(-3, 3))
              .exact("x", v -> 0));

  static final Group EXP_AND_LOG =
      group(
          "ExpAndLog",
          method("exp", "double x, double y", "return Math.exp(x * y);", real(-2, 2), real(-1, 1))
              .exact("x", v -> v[1] * Math.exp(v[0] * v[1])),
          method(
                  "expm1",
                  "double x, double y",
                  "return Math.expm1(x) / y;",
                  real(-2, 2),
                  awayFromZero(0.5, 2))
              .exact("x", v -> Math.exp(v[0]) / v[1])
              .exact("y", v -> -Math.expm1(v[0]) / (v[1] * v[1])),
          method("log", "double x, double y", "return Math.log(x * y);", real(0.3, 3), real(0.3, 3))
              .exact("x", v -> 1 / v[0])
              .exact("y", v -> 1 / v[1]),
          method("log1p", "double x", "return Math.log1p(x * x);", real(-2, 2))
              .exact("x", v -> 2 * v[0] / (1 + v[0] * v[0])),
          method(
                  "log10",
                  "double x, double y",
                  "return Math.log10(x) * y;",
                  real(0.2, 5),
                  real(-2, 2))
              .exact("x", v -> v[1] / (v[0] * Math.log(10)))
              .exact("y", v -> Math.log10(v[0])),
          method("softplus", "double x", "return Math.log1p(Math.exp(x));", real(-4, 4))
              .exact("x", v -> 1 / (1 + Math.exp(-v[0]))),
          method(
                  "logSumExp",
                  "double x, double y",
                  "return Math.log(Math.exp(x) + Math.exp(y));",
                  real(-3, 3),
                  real(-3, 3))
              .exact("x", v -> Math.exp(v[0]) / (Math.exp(v[0]) + Math.exp(v[1]))),
          method(
                  "gaussianDensity",
                  "double x",
                  "return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);",
                  real(-3, 3))
              .exact("x", v -> -v[0] * Math.exp(-0.5 * v[0] * v[0]) / Math.sqrt(2 * Math.PI)),
          method("logistic", "double x", "return 1 / (1 + Math.exp(-x));", real(-6, 6))
              .exact(
                  "x",
                  v -> {
                    double s = 1 / (1 + Math.exp(-v[0]));
                    return s * (1 - s);
                  }),
          method(
                  "eulerConstant",
                  "double x, double y",
                  "return Math.E * x + Math.log(Math.E * y);",
                  real(-2, 2),
                  real(0.5, 2))
              .exact("x", v -> Math.E)
              .exact("y", v -> 1 / v[1]),
          method(
                  "tanhWrittenWithExp",
                  "double x",
                  "return (1 - Math.exp(-2 * x)) / (1 + Math.exp(-2 * x));",
                  real(-3, 3))
              .exact("x", v -> 1 - Math.pow(Math.tanh(v[0]), 2)));

  static final Group POWERS_AND_ROOTS =
      group(
          "PowersAndRoots",
          method("pow", "double x, double y", "return Math.pow(x, y);", real(0.5, 3), real(-2, 2))
              .exact("x", v -> v[1] * Math.pow(v[0], v[1] - 1))
              .exact("y", v -> Math.pow(v[0], v[1]) * Math.log(v[0])),
          method("powConstantExponent", "double x", "return Math.pow(x, 3);", real(-2, 2))
              .exact("x", v -> 3 * v[0] * v[0]),
          method("powConstantBase", "double x", "return Math.pow(2, x);", real(-3, 3))
              .exact("x", v -> Math.log(2) * Math.pow(2, v[0])),
          method(
                  "powIntDataExponent",
                  "double x, int n",
                  "return Math.pow(x, n);",
                  real(-2, 2),
                  ints(0, 4))
              .exact("x", v -> v[1] == 0 ? 0 : v[1] * Math.pow(v[0], v[1] - 1)),
          method(
              "powOfPow",
              "double x, double y",
              "return Math.pow(Math.pow(x, y), 2 - y);",
              real(0.5, 2),
              real(-1, 1)),
          method(
                  "powHalfMinusSqrt",
                  "double x",
                  "return Math.pow(x, 0.5) - Math.sqrt(x);",
                  real(0.5, 4))
              .exact("x", v -> 0),
          method(
                  "sqrt",
                  "double x, double y",
                  "return Math.sqrt(x * x + y * y + 1);",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> v[0] / Math.sqrt(v[0] * v[0] + v[1] * v[1] + 1)),
          method("cbrt", "double x", "return Math.cbrt(x);", awayFromZero(0.5, 3))
              .exact("x", v -> 1 / (3 * Math.pow(Math.cbrt(v[0]), 2))),
          method(
                  "hypot",
                  "double x, double y",
                  "return Math.hypot(x, y);",
                  awayFromZero(0.5, 2),
                  awayFromZero(0.5, 2))
              .exact("x", v -> v[0] / Math.hypot(v[0], v[1]))
              .exact("y", v -> v[1] / Math.hypot(v[0], v[1])),
          method(
              "hypotOfExpressions",
              "double x, double y",
              "return Math.hypot(x * y, x - 3);",
              real(-2, 2),
              real(-2, 2)),
          method(
                  "fmaEveryArgument",
                  "double x, double y, double z",
                  "return Math.fma(x, y, z);",
                  real(-2, 2),
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> v[1])
              .exact("y", v -> v[0])
              .exact("z", v -> 1),
          method(
                  "fmaWithRepeatedArgument",
                  "double x, double y",
                  "return Math.fma(x, x, Math.sin(y));",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> 2 * v[0])
              .exact("y", v -> Math.cos(v[1])));

  static final Group PIECEWISE =
      group(
          "Piecewise",
          method(
                  "abs",
                  "double x, double y",
                  "return Math.abs(x) * y;",
                  awayFromZero(0.1, 2),
                  real(-2, 2))
              .exact("x", v -> Math.signum(v[0]) * v[1])
              .exact("y", v -> Math.abs(v[0])),
          method(
                  "absOfExpression",
                  "double x, double y",
                  "return Math.abs(x - y * y);",
                  real(-2, 2),
                  real(-1.5, 1.5))
              .where(v -> Math.abs(v[0] - v[1] * v[1]) > 0.1)
              .exact("x", v -> Math.signum(v[0] - v[1] * v[1])),
          method(
                  "maxBothArguments",
                  "double x, double y",
                  "return Math.max(x, 2 * y);",
                  real(-2, 2),
                  real(-1, 1))
              .where(v -> Math.abs(v[0] - 2 * v[1]) > 0.1)
              .exact("x", v -> v[0] > 2 * v[1] ? 1 : 0)
              .exact("y", v -> v[0] > 2 * v[1] ? 0 : 2),
          method(
                  "minBothArguments",
                  "double x, double y",
                  "return Math.min(x * x, y + 1);",
                  real(-2, 2),
                  real(-1, 3))
              .where(v -> Math.abs(v[0] * v[0] - v[1] - 1) > 0.1)
              .exact("x", v -> v[0] * v[0] < v[1] + 1 ? 2 * v[0] : 0)
              .exact("y", v -> v[0] * v[0] < v[1] + 1 ? 0 : 1),
          method(
                  "maxAndMinWithIntConstants",
                  "double x",
                  "return Math.max(x, 0) + Math.min(1, x);",
                  real(-2, 3))
              .where(v -> Math.abs(v[0]) > 0.1 && Math.abs(v[0] - 1) > 0.1)
              .exact("x", v -> (v[0] > 0 ? 1 : 0) + (v[0] < 1 ? 1 : 0)),
          method(
                  "floorAndCeil",
                  "double x, double y",
                  "return Math.floor(x) * y + Math.ceil(y) * x;",
                  real(-3, 3),
                  real(-3, 3))
              .where(v -> awayFromMultiples(v[0], 1, 0.1) && awayFromMultiples(v[1], 1, 0.1))
              .exact("x", v -> Math.ceil(v[1]))
              .exact("y", v -> Math.floor(v[0])),
          method(
                  "rint",
                  "double x, double y",
                  "return Math.rint(x) + x * Math.rint(y);",
                  real(-3, 3),
                  real(-3, 3))
              .where(v -> awayFromMultiples(v[0], 0.5, 0.1) && awayFromMultiples(v[1], 0.5, 0.1))
              .exact("x", v -> Math.rint(v[1]))
              .exact("y", v -> 0),
          method(
                  "round",
                  "double x, double y",
                  "return Math.round(x) * y + x;",
                  real(-3, 3),
                  real(-3, 3))
              .where(v -> awayFromMultiples(v[0], 0.5, 0.1))
              .exact("x", v -> 1)
              .exact("y", v -> Math.round(v[0])),
          method(
                  "signum",
                  "double x, double y",
                  "return Math.signum(x) * y + x * x;",
                  awayFromZero(0.1, 2),
                  real(-2, 2))
              .exact("x", v -> 2 * v[0])
              .exact("y", v -> Math.signum(v[0])),
          method(
                  "reluByMax",
                  "double x, double y",
                  "return Math.max(0.0, x) * y;",
                  awayFromZero(0.1, 2),
                  real(-2, 2))
              .exact("x", v -> v[0] > 0 ? v[1] : 0));

  static final Group CONDITIONALS =
      group(
          "Conditionals",
          method(
                  "activeCondition",
                  "double x, double y",
                  "return x > y ? x * x : y * Math.sin(x);",
                  real(-2, 2),
                  real(-2, 2))
              .where(v -> Math.abs(v[0] - v[1]) > 0.1)
              .exact("x", v -> v[0] > v[1] ? 2 * v[0] : v[1] * Math.cos(v[0]))
              .exact("y", v -> v[0] > v[1] ? 0 : Math.sin(v[0])),
          method(
                  "nestedConditionals",
                  "double x, double y",
                  "return x > 0 ? (y > 0 ? x * y : x - y) : (y > 1 ? Math.exp(x) : -x * y * y);",
                  real(-2, 2),
                  real(-2, 2))
              .where(v -> Math.abs(v[0]) > 0.1 && Math.abs(v[1]) > 0.1 && Math.abs(v[1] - 1) > 0.1),
          method(
                  "intDataCondition",
                  "double x, int n",
                  "return n > 2 ? x * x : x;",
                  real(-2, 2),
                  ints(0, 5))
              .exact("x", v -> v[1] > 2 ? 2 * v[0] : 1),
          method(
                  "booleanParameter",
                  "double x, boolean b",
                  "return b ? Math.sin(x) : Math.cos(x);",
                  real(-2, 2),
                  bools())
              .exact("x", v -> v[1] == 1 ? Math.cos(v[0]) : -Math.sin(v[0])),
          method("constantBranches", "double x", "return x > 1 ? 2.0 : 3.0;", real(-2, 4))
              .exact("x", v -> 0),
          method(
                  "conditionalInALocalThenReassigned",
                  "double x, double y",
                  """
                  double t = x < 0 ? -x : x;
                  t = t > 1 ? Math.log(t) : t - 1;
                  return t * y;
                  """,
                  real(-3, 3),
                  real(-2, 2))
              .where(v -> Math.abs(v[0]) > 0.1 && Math.abs(Math.abs(v[0]) - 1) > 0.1),
          method("leakyRelu", "double x", "return x > 0 ? x : 0.01 * x;", awayFromZero(0.1, 3))
              .exact("x", v -> v[0] > 0 ? 1 : 0.01),
          method(
                  "logicalOperatorsInCondition",
                  "double x, double y",
                  "return x > 0 && y > 0 || x < -1 ? x * y : x + y;",
                  real(-2, 2),
                  real(-2, 2))
              .where(v -> Math.abs(v[0]) > 0.1 && Math.abs(v[1]) > 0.1 && Math.abs(v[0] + 1) > 0.1),
          method(
                  "conditionOnACall",
                  "double x, double y",
                  "return Math.sin(x) > 0 ? Math.sin(x) * y : -y;",
                  real(-3, 3),
                  real(-2, 2))
              .where(v -> Math.abs(Math.sin(v[0])) > 0.1)
              .exact("x", v -> Math.sin(v[0]) > 0 ? Math.cos(v[0]) * v[1] : 0),
          method(
                  "conditionalsAsOperands",
                  "double x, double y",
                  "return 2 * (x > y ? x : y) + (x < y ? x : y) * 3;",
                  real(-2, 2),
                  real(-2, 2))
              .where(v -> Math.abs(v[0] - v[1]) > 0.1)
              .exact("x", v -> v[0] > v[1] ? 2 : 3)
              .exact("y", v -> v[0] > v[1] ? 3 : 2),
          method(
                  "booleanLocal",
                  "double x, double y",
                  """
                  boolean big = x * y > 1;
                  return big ? Math.log(x * y) : x * y - 1;
                  """,
                  real(0.2, 2),
                  real(0.2, 2))
              .where(v -> Math.abs(v[0] * v[1] - 1) > 0.1)
              .exact("x", v -> v[0] * v[1] > 1 ? 1 / v[0] : v[1]));

  static final Group DATA_AND_CASTS =
      group(
          "DataAndCasts",
          method(
                  "intParameterAsFactor",
                  "double x, int n",
                  "return n * x * x + n;",
                  real(-2, 2),
                  ints(-3, 3))
              .exact("x", v -> 2 * v[1] * v[0]),
          method(
                  "longParameter",
                  "double x, long k",
                  "return k * x + (double) k / 3;",
                  real(-2, 2),
                  longs(-5, 5))
              .exact("x", v -> v[1]),
          method(
                  "intLocalArithmetic",
                  "double x, int n",
                  """
                  int m = n * 2 + 1;
                  long big = m * 3L;
                  return x * m + big + m % 2;
                  """,
                  real(-2, 2),
                  ints(-3, 3))
              .exact("x", v -> 2 * v[1] + 1),
          method(
                  "intCastOfAnActiveValue",
                  "double x, double y",
                  """
                  int k = (int) x;
                  return k * y + x;
                  """,
                  real(-3, 3),
                  real(-2, 2))
              .where(v -> awayFromMultiples(v[0], 1, 0.1))
              .exact("x", v -> 1)
              .exact("y", v -> (int) v[0]),
          method(
                  "castsInsideAnExpression",
                  "double x, double y",
                  "return (int) (x * 3) + x * y + (long) y;",
                  real(-2, 2),
                  real(-2, 2))
              .where(v -> awayFromMultiples(3 * v[0], 1, 0.1) && awayFromMultiples(v[1], 1, 0.1))
              .exact("x", v -> v[1])
              .exact("y", v -> v[0]),
          method(
                  "intCompoundAssignmentOfAnActiveValue",
                  "double x",
                  """
                  int k = 2;
                  k += x;
                  return k * x;
                  """,
                  real(-4, 4))
              .where(v -> awayFromMultiples(v[0], 1, 0.1))
              // k += x is k = (int) (k + x): data
              .exact("x", v -> (int) (2 + v[0])),
          method(
                  "integerDivisionIsData",
                  "double x",
                  "return x * (1 / 2) + x * (1.0 / 2) + x / 4;",
                  real(-2, 2))
              .exact("x", v -> 0.75),
          method(
                  "doubleCastOfInt",
                  "double x, int n",
                  "return (double) n / 3 * x;",
                  real(-2, 2),
                  ints(-4, 4))
              .exact("x", v -> v[1] / 3),
          method(
                  "castsOfLongData",
                  "double x, long k",
                  "return (double) k * x + (float) k;",
                  real(-2, 2),
                  longs(-5, 5))
              .exact("x", v -> v[1]),
          method(
                  "bitwiseOperatorsOnIntData",
                  "double x, int n",
                  """
                  int m = (n << 2) | 1;
                  return x * (m ^ 3) + (n & 1);
                  """,
                  real(-2, 2),
                  ints(0, 7))
              .exact("x", v -> (((int) v[1] << 2) | 1) ^ 3),
          method(
                  "mathOnIntData",
                  "double x, double y, int n",
                  "return x * Math.abs(n) + Math.max(n, 3) * y;",
                  real(-2, 2),
                  real(-2, 2),
                  ints(-5, 5))
              .exact("x", v -> Math.abs(v[2]))
              .exact("y", v -> Math.max(v[2], 3)));

  static final Group CONSTANTS =
      group(
              "Constants",
              method("privateConstant", "double x", "return RATE * x * x;", real(-2, 2))
                  .exact("x", v -> 0.5 * v[0]),
              method(
                      "privateConstantFromAnExpression",
                      "double x",
                      "return Math.sin(TWO_PI * x);",
                      real(-2, 2))
                  .exact("x", v -> 2 * Math.PI * Math.cos(2 * Math.PI * v[0])),
              method(
                      "packagePrivateConstants",
                      "double x",
                      "return SCALE * x + COUNT;",
                      real(-2, 2))
                  .exact("x", v -> 3),
              method(
                      "qualifiedConstants",
                      "double x, double y",
                      "return Constants.SCALE * x + Constants.OFFSET * y;",
                      real(-2, 2),
                      real(-2, 2))
                  .exact("x", v -> 3)
                  .exact("y", v -> -1.5),
              method("intConstants", "double x", "return x * STEPS / COUNT;", real(-2, 2))
                  .exact("x", v -> 0.75),
              method(
                      "constantsAsArguments",
                      "double x, double y",
                      "return Math.pow(x, STEPS) + Math.exp(OFFSET * y);",
                      real(-2, 2),
                      real(-2, 2))
                  .exact("x", v -> 3 * v[0] * v[0])
                  .exact("y", v -> -1.5 * Math.exp(-1.5 * v[1])))
          .members(
              """
              private static final double RATE = 0.25;
              private static final double TWO_PI = 2 * Math.PI;
              private static final int STEPS = 3;
              static final double SCALE = 3.0;
              static final int COUNT = 4;
              public static final double OFFSET = -1.5;
              """);

  static final Group STATIC_IMPORTS =
      group(
              "StaticImports",
              method(
                      "sinCos",
                      "double x, double y",
                      "return sin(x) * cos(y);",
                      real(-2, 2),
                      real(-2, 2))
                  .exact("x", v -> Math.cos(v[0]) * Math.cos(v[1]))
                  .exact("y", v -> -Math.sin(v[0]) * Math.sin(v[1])),
              method(
                      "expLog",
                      "double x, double y",
                      "return exp(x) + log(y);",
                      real(-2, 2),
                      real(0.5, 3))
                  .exact("x", v -> Math.exp(v[0]))
                  .exact("y", v -> 1 / v[1]),
              method(
                      "powSqrt",
                      "double x, double y",
                      "return pow(x, 2.5) + sqrt(y);",
                      real(0.5, 2),
                      real(0.5, 3))
                  .exact("x", v -> 2.5 * Math.pow(v[0], 1.5))
                  .exact("y", v -> 0.5 / Math.sqrt(v[1])),
              method(
                      "hypotAtan2",
                      "double x, double y",
                      "return hypot(x, y) + atan2(y, x);",
                      real(0.5, 2),
                      real(-2, 2))
                  .exact(
                      "x", v -> v[0] / Math.hypot(v[0], v[1]) - v[1] / (v[0] * v[0] + v[1] * v[1])),
              method(
                      "maxMinAbs",
                      "double x, double y",
                      "return max(x, y) - min(x, -y) + abs(x);",
                      real(-2, 2),
                      real(-2, 2))
                  .where(
                      v ->
                          Math.abs(v[0] - v[1]) > 0.1
                              && Math.abs(v[0] + v[1]) > 0.1
                              && Math.abs(v[0]) > 0.1),
              method(
                      "qualifiedAndStaticTogether",
                      "double x",
                      "return Math.sin(x) + sin(x) + StrictMath.sin(x);",
                      real(-3, 3))
                  .exact("x", v -> 3 * Math.cos(v[0])))
          .imports("import static java.lang.Math.*;");

  static final Group STRICT_MATH =
      group(
          "StrictMathCalls",
          method(
              "strictTrigonometry",
              "double x, double y",
              "return StrictMath.sin(x) * StrictMath.cos(y) + StrictMath.tan(x / 2);",
              real(-2, 2),
              real(-2, 2)),
          method(
              "strictInverseTrigonometry",
              "double x, double y",
              "return StrictMath.asin(x / 3) + StrictMath.acos(y / 3) + StrictMath.atan(x * y)"
                  + " + StrictMath.atan2(y, 2 + x);",
              real(-1, 1),
              real(-1, 1)),
          method(
              "strictHyperbolic",
              "double x, double y",
              "return StrictMath.sinh(x) + StrictMath.cosh(y) + StrictMath.tanh(x * y);",
              real(-2, 2),
              real(-2, 2)),
          method(
              "strictExpAndLog",
              "double x, double y",
              "return StrictMath.exp(x) + StrictMath.expm1(y) + StrictMath.log(2 + x)"
                  + " + StrictMath.log1p(y * y) + StrictMath.log10(3 + y);",
              real(-1, 1),
              real(-1, 1)),
          method(
              "strictPowersAndRoots",
              "double x, double y",
              "return StrictMath.pow(2 + x, y) + StrictMath.sqrt(2 + y) + StrictMath.cbrt(x + 5)"
                  + " + StrictMath.hypot(x, 1 + y * y);",
              real(-1, 1),
              real(-1, 1)),
          method(
                  "strictPiecewise",
                  "double x, double y",
                  "return StrictMath.abs(x) + StrictMath.max(x, y) + StrictMath.min(x, -y)"
                      + " + StrictMath.floor(x) * y + StrictMath.ceil(y) * x + StrictMath.rint(x)"
                      + " + StrictMath.round(y) + StrictMath.signum(x) * y;",
                  real(-3, 3),
                  real(-3, 3))
              .where(
                  v ->
                      Math.abs(v[0]) > 0.1
                          && Math.abs(v[0] - v[1]) > 0.1
                          && Math.abs(v[0] + v[1]) > 0.1
                          && awayFromMultiples(v[0], 0.5, 0.1)
                          && awayFromMultiples(v[1], 0.5, 0.1))
              .exact(
                  "x",
                  v ->
                      Math.signum(v[0])
                          + (v[0] > v[1] ? 1 : 0)
                          + (v[0] < -v[1] ? 1 : 0)
                          + Math.ceil(v[1]))
              .exact(
                  "y",
                  v ->
                      (v[1] > v[0] ? 1 : 0)
                          - (v[0] < -v[1] ? 0 : 1)
                          + Math.floor(v[0])
                          + Math.signum(v[0])),
          method(
                  "strictConversionsAndFma",
                  "double x, double y",
                  "return StrictMath.toRadians(x) * StrictMath.toDegrees(y)"
                      + " + StrictMath.fma(x, y, x * y);",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> v[1] + 2 * v[1]),
          method(
                  "fullyQualifiedNames",
                  "double x, double y",
                  "return java.lang.Math.sin(x) + java.lang.StrictMath.exp(y);",
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> Math.cos(v[0]))
              .exact("y", v -> Math.exp(v[1])));

  static final Group SUBSETS_AND_DEPTH =
      group(
          "SubsetsAndDepth",
          method("wrtOneOfTwo", "double x, double y", "return x * y * y;", real(-2, 2), real(-2, 2))
              .wrt("y")
              .exact("y", v -> 2 * v[0] * v[1]),
          method(
                  "wrtListedOutOfOrder",
                  "double x, double y, double z",
                  "return x * Math.exp(y) + z * z;",
                  real(-2, 2),
                  real(-2, 2),
                  real(-2, 2))
              .wrt("z", "x")
              .exact("x", v -> Math.exp(v[1]))
              .exact("z", v -> 2 * v[2]),
          method(
              "deeplyNestedCalls",
              "double x",
              "return Math.sin(Math.cos(Math.tan(Math.exp(Math.log1p(x * x) / 4))));",
              real(-1, 1)),
          method(
              "deepArithmetic",
              "double x, double y",
              "return ((((x + y) * (x - y) + 1) / (x * x + 2) - y) * ((x * y - 3) / (y * y + 1))"
                  + " + x) * (1 - (x - (y - (x - (y - 1)))));",
              real(-2, 2),
              real(-2, 2)),
          method(
                  "longSumOfProducts",
                  "double a, double b, double c, double d",
                  "return a * b + b * c + c * d + d * a + a * c + b * d + a * b * c * d;",
                  real(-2, 2),
                  real(-2, 2),
                  real(-2, 2),
                  real(-2, 2))
              .exact("a", v -> v[1] + v[3] + v[2] + v[1] * v[2] * v[3])
              .exact("d", v -> v[2] + v[0] + v[1] + v[0] * v[1] * v[2]),
          LONG_METHOD);

  static final List<Group> GROUPS =
      List.of(
          ARITHMETIC,
          LOCALS,
          REASSIGNMENT,
          TRIGONOMETRY,
          EXP_AND_LOG,
          POWERS_AND_ROOTS,
          PIECEWISE,
          CONDITIONALS,
          DATA_AND_CASTS,
          CONSTANTS,
          STATIC_IMPORTS,
          STRICT_MATH,
          SUBSETS_AND_DEPTH);

  private static final Map<Group, Differentiated> COMPILED = new ConcurrentHashMap<>();

  private static Differentiated compiled(Group group) {
    return COMPILED.computeIfAbsent(group, g -> Differentiated.of(g.className(), g.source()));
  }

  @TestFactory
  Stream<DynamicNode> everyCaseMatchesFiniteDifferencesAndItsClosedForm() {
    return GROUPS.stream()
        .map(
            group ->
                DynamicContainer.dynamicContainer(
                    group.className(),
                    group.cases().stream()
                        .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(group, c)))));
  }

  private static void check(Group group, Case c) {
    Differentiated d = compiled(group);
    List<Object[]> points = c.points();
    GradientCheck.verify(d, c.name(), c.wrtNames(), c.wrtIndexes(), points);
    for (Map.Entry<String, ToDoubleFunction<double[]>> exact : c.exact().entrySet()) {
      String partial = "d" + c.name() + "d" + exact.getKey();
      for (Object[] point : points) {
        double expected = exact.getValue().applyAsDouble(Corpus.asDoubles(point));
        double generated = ((Number) d.generated(partial, point)).doubleValue();
        assertThat(generated)
            .as("%s at %s against its closed form", partial, Arrays.toString(point))
            .isCloseTo(expected, within(EXACT_TOLERANCE * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @Test
  void theCorpusHasAtLeastSeventyMethodsWithDistinctNames() {
    List<Case> all = GROUPS.stream().flatMap(g -> g.cases().stream()).toList();
    Set<String> names = new HashSet<>();
    all.forEach(c -> assertThat(names.add(c.name())).as("duplicate name %s", c.name()).isTrue());
    assertThat(all).hasSizeGreaterThanOrEqualTo(70);
    assertThat(LONG_METHOD.body().lines().count()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void everyMathFunctionIsCalledAsMathAndAsStrictMath() {
    String bodies =
        GROUPS.stream()
            .flatMap(g -> g.cases().stream())
            .map(Case::body)
            .reduce("", (a, b) -> a + "\n" + b);
    for (String function :
        List.of(
            "sin",
            "cos",
            "tan",
            "asin",
            "acos",
            "atan",
            "atan2",
            "sinh",
            "cosh",
            "tanh",
            "exp",
            "expm1",
            "log",
            "log1p",
            "log10",
            "pow",
            "sqrt",
            "cbrt",
            "hypot",
            "abs",
            "max",
            "min",
            "floor",
            "ceil",
            "rint",
            "round",
            "signum",
            "toRadians",
            "toDegrees",
            "fma")) {
      assertThat(bodies).as("Math.%s", function).contains("Math." + function + "(");
      assertThat(bodies).as("StrictMath.%s", function).contains("StrictMath." + function + "(");
    }
  }

  @Test
  void aRestrictedWrtGeneratesOnlyThePartialsItNamesInParameterOrder() {
    Differentiated d = compiled(SUBSETS_AND_DEPTH);
    assertThat(d.generatedSource())
        .contains("public static double dwrtOneOfTwody(double x, double y)")
        .doesNotContain("dwrtOneOfTwodx")
        .contains("public static double dwrtListedOutOfOrderdx(double x, double y, double z)")
        .contains("public static double dwrtListedOutOfOrderdz(double x, double y, double z)")
        .doesNotContain("dwrtListedOutOfOrderdy");
    Object record = d.generated("wrtListedOutOfOrderGradient", 1.0, 2.0, 3.0);
    assertThat(Arrays.stream(record.getClass().getRecordComponents()).map(c -> c.getName()))
        .containsExactly("value", "dwrtListedOutOfOrderdx", "dwrtListedOutOfOrderdz");
  }

  @Test
  void aVariableWhoseAdjointNameWouldBeAKeyword() {
    Differentiated d =
        Differentiated.of(
            "Keyword",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Keyword {
              @Differentiable
              static double cube(double x) {
                double o = x * x;
                return o * x;
              }

              @Differentiable
              static double square(double o) {
                return o * o;
              }
            }
            """);
    assertThat(d.generated("dcubedx", 2.0)).isEqualTo(12.0);
    assertThat(d.generated("dsquaredo", 3.0)).isEqualTo(6.0);
  }

  @Test
  void staticallyImportedMathConstants() {
    Differentiated d =
        Differentiated.of(
            "StaticConstants",
            """
            package p;

            import static java.lang.Math.*;

            import io.github.ad4j.Differentiable;

            class StaticConstants {
              @Differentiable
              static double wave(double x) {
                return sin(PI * x) + E * x;
              }
            }
            """);
    assertThat((double) d.generated("dwavedx", 0.25))
        .isCloseTo(Math.PI * Math.cos(Math.PI / 4) + Math.E, within(1e-15));
  }

  @Test
  void methodsWhoseRecordsWouldShareANameAreRefusedByName() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/Cases.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class Cases {
                          @Differentiable
                          static double f(double x) {
                            return x * x;
                          }

                          @Differentiable
                          static double F(double x) {
                            return x * x * x;
                          }
                        }
                        """)));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .singleElement()
        .asString()
        .startsWith("p/Cases.java:11:3: methods f and F would both generate the record FGradient");
    assertThat(result.files().get(0).content()).contains("dfdx(").doesNotContain("dFdx(");
  }

  @Test
  void aUserClassNamedMath() {
    Differentiated d =
        Differentiated.of(
            "Math",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Math {
              @Differentiable
              static double wave(double x) {
                return java.lang.Math.sin(x);
              }
            }
            """);
    assertThat(d.generated("dwavedx", 0.0)).isEqualTo(1.0);
  }

  @Test
  void mathRandomIsRefusedSinceTheDerivativeWouldDrawAgain() {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/Noise.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class Noise {
                          @Differentiable
                          static double noisy(double x) {
                            return x * Math.random();
                          }
                        }
                        """)));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .singleElement()
        .asString()
        .startsWith("p/Noise.java:8:16: Math.random() is not a function of the inputs");
  }

  @Test
  void partialsOfAMethodWithUnusedParametersAreZeroEverywhere() {
    Differentiated d = compiled(ARITHMETIC);
    for (double x : new double[] {-1e300, -1, 0, 2.5, Double.MAX_VALUE}) {
      assertThat(d.generated("dunusedParameterdy", x, 1.0, 2.0)).isEqualTo(0.0);
      assertThat(d.generated("dconstantResultdx", x)).isEqualTo(0.0);
    }
  }
}
