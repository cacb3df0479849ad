package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ad4j.core.testing.Arguments;
import io.github.ad4j.core.testing.BranchTrace;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.GradientCheck;
import io.github.ad4j.core.testing.MethodBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The control-flow corpus: small methods, each stressing one construct of branches, loops, jumps
 * and arrays, or a combination, and a few whole computations (an Euler integrator, Horner's rule,
 * softmax cross-entropy, Rosenbrock, a ReLU network). Every method is checked in all its generated
 * forms against finite differences of the original ({@link GradientCheck}) at {@value #POINTS}
 * points drawn from a fixed-seed {@link Random}, and against a closed form where the row gives one.
 *
 * <p>A row reads {@code m(name, parameters, body, one domain per parameter)}. {@code wrt(...)}
 * restricts the parameters differentiated with respect to (default: every double, float,
 * double[], float[] and double[][] parameter); {@code points(...)} draws whole argument lists
 * where parameters depend on each other; {@code exact(p, partial)} gives the partial with respect
 * to {@code p} in closed form.
 *
 * <p>Points near a kink or a switching surface are not drawn by hand-tuned margins: each drawn
 * point is kept only if no branch decision of the original (comparisons, loop trip counts, which
 * argument of {@code Math.max} wins) changes anywhere in the finite-difference stencil, and finite
 * differences at two step sizes agree ({@link BranchTrace}). Finite differences there
 * differentiate exactly the branch the generated code replays. A method that finds fewer than
 * {@value #POINTS} such points in {@value #MAX_DRAWS} draws fails.
 *
 * <p>The methods of a group are compiled as one class ({@link MethodBatch}), so the corpus costs
 * about two javac runs per group; a method the generator refuses, or whose derivatives javac
 * rejects, fails on its own with the generator's or javac's message.
 */
class ControlFlowCorpusTest {

  static final int POINTS = 3;
  static final int MAX_DRAWS = 200;
  private static final long SEED = 20240601L;

  /** Per method, including the first method's compilation of its group. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** Closed forms are exact formulas evaluated in another order: loops add up rounding. */
  private static final double EXACT_TOLERANCE = 1e-10;

  /** Finite differences at the two steps must agree this well (relative) for a point to count. */
  private static final double CONSISTENCY = GradientCheck.FD_TOLERANCE / 10;

  // ---------------------------------------------------------------------------------------------
  // The table
  // ---------------------------------------------------------------------------------------------

  static final Group BRANCHES =
      group(
          "Branches",
          m(
                  "ifElse",
                  "double x",
                  """
                  double y;
                  if (x > 0) {
                    y = x * x;
                  } else {
                    y = -3 * x;
                  }
                  return y;
                  """,
                  real(-2, 2))
              .exact("x", v -> d(v, 0) > 0 ? 2 * d(v, 0) : -3.0),
          m(
                  "ifWithoutElse",
                  "double x, double y",
                  """
                  double r = x;
                  if (x > y) {
                    r = r * y;
                  }
                  return r + y;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> d(v, 0) > d(v, 1) ? d(v, 1) : 1.0)
              .exact("y", v -> d(v, 0) > d(v, 1) ? d(v, 0) + 1 : 1.0),
          m(
              "elseIfChain",
              "double x",
              """
              double r;
              if (x < -1) {
                r = -x;
              } else if (x < 0.5) {
                r = x * x + 1;
              } else if (x < 1.5) {
                r = Math.sin(x);
              } else {
                r = Math.log(x);
              }
              return r * x;
              """,
              real(-3, 3)),
          m(
              "nestedIf",
              "double x, double y",
              """
              double r = 0;
              if (x > 0) {
                if (y > 0) {
                  r = x * y;
                } else {
                  r = x - y * y;
                }
              } else {
                if (y > x) {
                  r = Math.exp(x) * y;
                } else {
                  r = x * x * y;
                }
              }
              return r;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "ifWithoutBraces",
              "double x, double y",
              """
              double s = x;
              if (y > 0) s *= y;
              else s /= 1 + y * y;
              s += x;
              return s;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "conditionOnDerivedValue",
              "double x, double y",
              """
              double t = Math.sin(x) * y;
              if (t > 0.2) {
                t = t * t;
              } else {
                t = 0.2 * t + x;
              }
              return t * y;
              """,
              real(-3, 3),
              real(-2, 2)),
          m(
              "conditionOnIntParameter",
              "double x, int n",
              """
              if (n % 2 == 0) {
                return x * x;
              }
              return x * x * x;
              """,
              real(-2, 2),
              ints(0, 5)),
          m(
              "conditionOnBooleanParameter",
              "double x, boolean square",
              """
              double r = x;
              if (square) {
                r = r * r;
              } else {
                r = -r;
              }
              return r + x;
              """,
              real(-2, 2),
              bools()),
          m(
              "branchesAssignDifferentVariables",
              "double x, double y",
              """
              double a = x;
              double b = y;
              if (x * y > 0.5) {
                a = a * b;
              } else {
                b = b + a * a;
              }
              return a * b;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "parameterReassignedInBranch",
              "double x, double y",
              """
              if (x < 1) {
                x = x * x;
              } else {
                x = Math.sqrt(x);
              }
              return x * y;
              """,
              real(0.1, 3),
              real(-2, 2)),
          m(
              "branchOverwritesValueUsedLater",
              "double x",
              """
              double t = x * x;
              if (t > 1) {
                t = Math.sqrt(t) + t;
              } else {
                t = t * t;
              }
              return t * x;
              """,
              real(-2, 2)),
          m(
              "compoundAssignmentsInBranches",
              "double x, double y",
              """
              double s = 1;
              if (x > 0) {
                s += x;
                s *= y;
              } else {
                s -= x;
                s /= 2 + y * y;
              }
              return s * s;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "logicalOperators",
              "double x, double y",
              """
              double r = x + y;
              if (x > 0 && y < 1 || x * y > 2) {
                r = r * x;
              }
              if (!(x < y)) {
                r = r - y * y;
              }
              return r;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "booleanLocalFromActiveComparison",
              "double x, double y",
              """
              boolean big = x * y > 1;
              double r = big ? x : y;
              if (!big) {
                r *= x;
              }
              return r * r;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
                  "constantAssignedInOneBranch",
                  "double x, double y",
                  """
                  if (y > 0) {
                    x = 0.5;
                  }
                  return x * y + x;
                  """,
                  real(-2, 2),
                  real(-2, 2))
              .exact("x", v -> d(v, 1) > 0 ? 0.0 : d(v, 1) + 1)
              .exact("y", v -> d(v, 1) > 0 ? 0.5 : d(v, 0)));

  static final Group RETURNS_AND_TERNARIES =
      group(
          "ReturnsAndTernaries",
          m(
              "severalReturns",
              "double x",
              """
              if (x < -1) {
                return -x;
              }
              if (x < 1) {
                return x * x;
              }
              return 2 * x - 1;
              """,
              real(-3, 3)),
          m(
              "returnInsideNestedIf",
              "double x, double y",
              """
              if (x > 0) {
                if (y > 0) {
                  return x * y;
                }
                double t = x - y;
                return t * t;
              }
              return Math.exp(x) + y;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "returnsInBothBranches",
              "double x",
              """
              if (Math.sin(x) > 0) {
                return Math.cos(x) * x;
              } else {
                return x * x * x;
              }
              """,
              real(-4, 4)),
          m(
              "ternaryWithActiveBranches",
              "double x, double y",
              """
              double t = x > y ? x * y : x / y;
              return t + x;
              """,
              real(-2, 2),
              real(0.5, 2)),
          m(
              "nestedTernaries",
              "double x, double y",
              """
              return x > 0 ? (y > 0 ? x * y : x - y) : (y > 0 ? Math.exp(x) * y : x * x + y * y);
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "ternariesInsideAnExpression",
              "double x, double y",
              """
              return 2 * (x > 1 ? Math.log(x) : x - 1) + y * (y < 0 ? -y : y);
              """,
              real(0.2, 3),
              real(-2, 2)),
          m(
              "ternaryChoosesTheLarger",
              "double x, double y",
              """
              double a = x * x;
              double b = Math.sin(y);
              double c = a > b ? a : b;
              return c * x * y;
              """,
              real(-1.5, 1.5),
              real(-3, 3)),
          m(
              "earlyReturnOfParameter",
              "double x, double y",
              """
              if (y > 1) {
                return x;
              }
              return x * y;
              """,
              real(-2, 2),
              real(-1, 3)),
          m(
              "returnOfConstant",
              "double x",
              """
              if (x < 0) {
                return 1;
              }
              return Math.exp(-x);
              """,
              real(-2, 2)),
          m(
              "ternaryOnIntAndActiveConditions",
              "double x, int n",
              """
              double t = n > 2 ? x * n : x / (n + 1);
              return x < 0 ? t * x : t + x;
              """,
              real(-2, 2),
              ints(0, 5)),
          m(
              "chainedConditionalAssignments",
              "double x",
              """
              double a = x < 0 ? -x : x;
              double b = a > 1 ? Math.sqrt(a) : a * a;
              return a * b;
              """,
              real(-3, 3)));

  static final Group LOOPS =
      group(
          "Loops",
          m(
                  "power",
                  "double x, int n",
                  """
                  double t = 1;
                  for (int i = 0; i < n; i++) {
                    t *= x;
                  }
                  return t;
                  """,
                  real(-2, 2),
                  ints(0, 6))
              .exact("x", v -> i(v, 1) == 0 ? 0 : i(v, 1) * Math.pow(d(v, 0), i(v, 1) - 1)),
          m(
              "forSum",
              "double x, double y, int n",
              """
              double s = 0;
              for (int i = 0; i < n; i++) {
                s += x * i + y;
              }
              return s * x;
              """,
              real(-2, 2),
              real(-2, 2),
              ints(0, 5)),
          m(
              "whileWithDataDependentTripCount",
              "double x, double limit",
              """
              double t = 1;
              int n = 0;
              while (t < limit) {
                t = t * 1.5 + x;
                n++;
              }
              return t + n * x;
              """,
              real(0.1, 1),
              real(2, 50)),
          m(
              "doWhile",
              "double x, double y",
              """
              double t = x;
              int k = 0;
              do {
                t = Math.sin(t) + y;
                k++;
              } while (k < 6 && t < 1.2);
              return t * x;
              """,
              real(-2, 2),
              real(-0.5, 1)),
          m(
              "doWhileRunsOnce",
              "double x",
              """
              double t = x;
              do {
                t = t * t + 0.5;
              } while (t < 0);
              return t;
              """,
              real(-2, 2)),
          m(
              "nestedLoops",
              "double x, double y, int n",
              """
              double s = 0;
              for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                  s += Math.sin(x * i + y * j);
                }
              }
              return s;
              """,
              real(-1, 1),
              real(-1, 1),
              ints(0, 5)),
          m(
              "countingDown",
              "double x, int n",
              """
              double s = 0;
              for (int i = n; i > 0; i--) {
                s = s * x + i;
              }
              return s;
              """,
              real(-1.5, 1.5),
              ints(0, 6)),
          m(
              "stepOfTwo",
              "double x",
              """
              double s = 0;
              for (int i = 0; i < 10; i += 2) {
                s += Math.cos(x * i) / (i + 1);
              }
              return s;
              """,
              real(-2, 2)),
          m(
              "localsDeclaredInTheLoopBody",
              "double x, int n",
              """
              double s = 0;
              for (int i = 1; i <= n; i++) {
                double u = x * i;
                double v = u * u;
                s += v / (1 + v);
              }
              return s;
              """,
              real(-2, 2),
              ints(0, 5)),
          m(
              "doubleLoopCounterComparedWithInput",
              "double x, double y",
              """
              double s = 0;
              for (double t = 0; t < x; t += 0.25) {
                s += Math.sin(t) * y;
              }
              return s + x * y;
              """,
              real(0, 3),
              real(-2, 2)),
          m(
              "newtonSquareRoot",
              "double x, double y",
              """
              double t = x;
              for (int i = 0; i < 6; i++) {
                t = t - (t * t - y) / (2 * t);
              }
              return t;
              """,
              real(1, 3),
              real(1, 4)),
          m(
              "parameterUpdatedInLoop",
              "double x, double y, int n",
              """
              for (int i = 0; i < n; i++) {
                x = Math.sin(x) + y;
              }
              return x;
              """,
              real(-2, 2),
              real(-1, 1),
              ints(0, 6)),
          m(
              "twoVariableRecurrence",
              "double x, double y, int n",
              """
              double a = 0;
              double b = 1;
              for (int i = 0; i < n; i++) {
                double t = a;
                a = a * x + b;
                b = t * y;
              }
              return a + b;
              """,
              real(-1, 1),
              real(-1, 1),
              ints(0, 7)),
          m(
              "whileNestedInFor",
              "double x, int n",
              """
              double s = 0;
              for (int i = 0; i < n; i++) {
                double t = 0.1 * (i + 1);
                while (t < x) {
                  t = 2 * t + 0.05;
                }
                s += t * x;
              }
              return s;
              """,
              real(0.5, 3),
              ints(1, 4)),
          m(
              "gradientDescentSteps",
              "double x0, double rate",
              """
              double x = x0;
              for (int i = 0; i < 100; i++) {
                x -= rate * (6 * x + 2);
              }
              return 3 * x * x + 2 * x - 1;
              """,
              real(-2, 2),
              real(0.01, 0.1)),
          m(
              "forWithTwoCounters",
              "double x, int n",
              """
              double s = 0;
              for (int i = 0, j = n; i < j; i++, j--) {
                s += x * i - j;
              }
              return s * x;
              """,
              real(-2, 2),
              ints(0, 7)),
          m(
              "loopOverIntegersOnly",
              "double x, int n",
              """
              int k = 0;
              for (int i = 0; i < n; i++) {
                k += i;
              }
              return x * k + x * x;
              """,
              real(-2, 2),
              ints(0, 6)),
          m(
              "constantAssignedInsideLoop",
              "double x, double y, int n",
              """
              double t = x * y;
              for (int i = 0; i < n; i++) {
                t = t * y + x;
                if (i == 1) {
                  t = 0.25 * i;
                }
              }
              return t * x + t;
              """,
              real(-2, 2),
              real(-1, 1),
              ints(0, 4)));

  static final Group JUMPS =
      group(
          "Jumps",
          m(
              "breakOnActiveCondition",
              "double x",
              """
              double t = x;
              for (int i = 0; i < 20; i++) {
                t = t * t * 0.5 + 0.3;
                if (t > 2) {
                  break;
                }
              }
              return t;
              """,
              real(-2.5, 2.5)),
          m(
              "continueOnActiveCondition",
              "double x, double y",
              """
              double s = 0;
              for (int i = 0; i < 8; i++) {
                double v = Math.sin(x * i + y);
                if (v < 0) {
                  continue;
                }
                s += v * v;
              }
              return s;
              """,
              real(-1, 1),
              real(-2, 2)),
          m(
              "labeledBreak",
              "double x, double y",
              """
              double s = 0;
              outer:
              for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                  s += x * i - y * j;
                  if (s > 3) {
                    break outer;
                  }
                }
              }
              return s;
              """,
              real(-1, 1),
              real(-1, 1)),
          m(
              "labeledContinue",
              "double x, double y",
              """
              double s = 0;
              outer:
              for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                  if (j > i) {
                    continue outer;
                  }
                  s = s * 0.9 + x * j + y;
                }
              }
              return s;
              """,
              real(-2, 2),
              real(-2, 2)),
          m(
              "returnFromInsideLoop",
              "double x, double y",
              """
              double t = x;
              for (int i = 0; i < 50; i++) {
                t = t + 0.1 * Math.cos(t) + 0.05 * y;
                if (t > 2) {
                  return t * y;
                }
              }
              return -t;
              """,
              real(-1, 1.5),
              real(-1, 1)),
          m(
              "whileTrueWithBreak",
              "double x, double limit",
              """
              double t = x;
              int k = 0;
              while (true) {
                t = t * 1.3 + 0.1;
                k++;
                if (k >= 30 || t > limit) {
                  break;
                }
              }
              return t * k;
              """,
              real(0.1, 1),
              real(2, 10)),
          m(
              "breakInWhile",
              "double x",
              """
              double t = 0;
              int i = 0;
              while (i < 10) {
                t += Math.sin(x + i);
                if (t < -1) {
                  break;
                }
                i++;
              }
              return t;
              """,
              real(-3, 3)),
          m(
              "continueInWhile",
              "double x, double y",
              """
              double s = 0;
              int i = 0;
              while (i < 6) {
                i++;
                if (Math.cos(x * i) > 0.3) {
                  continue;
                }
                s += y * i * Math.sin(x);
              }
              return s + x;
              """,
              real(-1.5, 1.5),
              real(-2, 2)),
          m(
              "continueInDoWhile",
              "double x",
              """
              double s = 0;
              int i = 0;
              do {
                i++;
                if (i % 3 == 0) {
                  continue;
                }
                s += Math.pow(x, i) / i;
              } while (i < 7);
              return s;
              """,
              real(0.2, 1.5)),
          m(
              "returnFromNestedLoops",
              "double[] a, double x",
              """
              for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                  if (a[i] * a[j] > x) {
                    return a[i] + x * a[j];
                  }
                }
              }
              return x;
              """,
              vec(4, -1, 1),
              real(0.2, 0.9)),
          m(
              "breakAndContinueTogether",
              "double x, double y",
              """
              double s = 0;
              for (int i = 0; i < 12; i++) {
                double v = Math.sin(x * i) + y;
                if (v < 0) {
                  continue;
                }
                if (s > 4) {
                  break;
                }
                s += v;
              }
              return s * x;
              """,
              real(-1, 1),
              real(-0.5, 1)),
          m(
              "searchThenCompute",
              "double[] a, double x",
              """
              int k = 0;
              while (k < a.length && a[k] < x) {
                k++;
              }
              return k < a.length ? a[k] * x : x * x;
              """,
              vec(4, -1, 1),
              real(-1, 1)),
          m(
              "labeledBreakOutOfWhile",
              "double x",
              """
              double t = x;
              int i = 0;
              search:
              while (i < 10) {
                for (int j = 0; j < 3; j++) {
                  t = Math.sin(t) + 0.5;
                  if (t > 1.2) {
                    break search;
                  }
                }
                i++;
              }
              return t + i;
              """,
              real(-2, 2)));

  static final Group ARRAYS =
      group(
          "Arrays",
          m(
                  "dot",
                  "double[] a, double[] b",
                  """
                  double s = 0;
                  for (int i = 0; i < a.length; i++) {
                    s += a[i] * b[i];
                  }
                  return s;
                  """,
                  vec(4, -2, 2),
                  vec(4, -2, 2))
              .exact("a", v -> v[1])
              .exact("b", v -> v[0]),
          m(
                  "sumOfSquaresEnhancedFor",
                  "double[] a",
                  """
                  double s = 0;
                  for (double v : a) {
                    s += v * v;
                  }
                  return s;
                  """,
                  vec(5, -2, 2))
              .exact("a", v -> scaled(2, (double[]) v[0])),
          m(
              "constantIndexReads",
              "double[] a",
              """
              return a[0] * a[2] - a[1] / (1 + a[0] * a[0]);
              """,
              vec(3, -2, 2)),
          m(
                  "logSumExpThroughLocalArray",
                  "double[] a",
                  """
                  double[] t = new double[a.length];
                  for (int i = 0; i < a.length; i++) {
                    t[i] = Math.exp(a[i]);
                  }
                  double s = 0;
                  for (double v : t) {
                    s += v;
                  }
                  return Math.log(s);
                  """,
                  vec(4, -2, 2))
              .exact("a", v -> softmax((double[]) v[0])),
          m(
              "sameElementOverwrittenManyTimes",
              "double x",
              """
              double[] t = new double[1];
              for (int i = 0; i < 10; i++) {
                t[0] = t[0] * x + Math.sin(t[0] + i);
              }
              return t[0];
              """,
              real(-0.8, 0.8)),
          m(
              "accumulateIntoElements",
              "double[] a, double x",
              """
              double[] h = new double[3];
              for (int i = 0; i < a.length; i++) {
                h[i % 3] += a[i] * x;
              }
              return h[0] * h[1] + h[2];
              """,
              vec(7, -1, 1),
              real(-2, 2)),
          m(
              "lengthOfALocalArray",
              "double[] a, double x",
              """
              double[] t = new double[a.length * 2];
              for (int i = 0; i < t.length; i++) {
                t[i] = a[i / 2] * (i % 2 == 0 ? x : 1);
              }
              double s = 0;
              for (int i = 0; i < t.length; i++) {
                s += t[i] * t[t.length - 1 - i];
              }
              return s;
              """,
              vec(3, -2, 2),
              real(-2, 2)),
          m(
              "computedIndices",
              "double[] a, double x",
              """
              double s = 0;
              for (int i = 0; i < 10; i++) {
                s += a[(i * 3) % a.length] * Math.sin(x * i);
              }
              return s;
              """,
              vec(4, -2, 2),
              real(-1, 1)),
          m(
              "cumulativeProduct",
              "double[] a",
              """
              double[] p = new double[a.length];
              p[0] = a[0];
              for (int i = 1; i < a.length; i++) {
                p[i] = p[i - 1] * a[i];
              }
              return p[a.length - 1] + p[1];
              """,
              vec(4, 0.5, 1.5)),
          m(
              "arrayFilledInBranches",
              "double[] a, double x",
              """
              double[] t = new double[a.length];
              for (int i = 0; i < a.length; i++) {
                if (a[i] > x) {
                  t[i] = a[i] - x;
                } else {
                  t[i] = 0.1 * (a[i] - x);
                }
              }
              double s = 0;
              for (double v : t) {
                s += v * v;
              }
              return s;
              """,
              vec(5, -2, 2),
              real(-1, 1)),
          m(
                  "gatherThroughIntArray",
                  "double[] a, int[] index",
                  """
                  double s = 0;
                  for (int k : index) {
                    s += a[k] * a[k] * (k + 1);
                  }
                  return s;
                  """)
              .points(r -> new Object[] {vector(r, 4, -2, 2), intVector(r, 6, 0, 3)}),
          m(
              "meanAndVariance",
              "double[] a",
              """
              double m = 0;
              for (double v : a) {
                m += v;
              }
              m /= a.length;
              double var = 0;
              for (double v : a) {
                var += (v - m) * (v - m);
              }
              return var / a.length + m * m * m;
              """,
              vec(5, -2, 2)),
          m(
                  "floatArrayAndFloatScalar",
                  "float[] a, float x",
                  """
                  double s = 0;
                  for (float v : a) {
                    s += (double) v * v * x;
                  }
                  return s + Math.sin(x);
                  """)
              .points(
                  r ->
                      new Object[] {
                        floats(vector(r, 3, -1.5, 1.5)), (float) uniform(r, -1.5, 1.5)
                      }));

  static final Group IN_PLACE =
      group(
          "InPlace",
          m(
              "writeIntoInputArray",
              "double[] a, double x",
              """
              for (int i = 0; i < a.length; i++) {
                a[i] = a[i] * a[i] + x;
              }
              return a[0] + a[a.length - 1] * x;
              """,
              vec(3, -2, 2),
              real(-2, 2)),
          m(
              "prefixSumInPlace",
              "double[] a",
              """
              for (int i = 1; i < a.length; i++) {
                a[i] += a[i - 1];
              }
              return a[a.length - 1] * a[0] + a[1];
              """,
              vec(4, -2, 2)),
          m(
              "readInputElementBeforeOverwritingIt",
              "double[] a, double x",
              """
              double first = a[0];
              a[0] = x * x;
              double s = 0;
              for (double v : a) {
                s += v * first;
              }
              return s;
              """,
              vec(3, -2, 2),
              real(-2, 2)),
          m(
              "swapElements",
              "double[] a",
              """
              double tmp = a[0];
              a[0] = a[1];
              a[1] = tmp;
              return a[0] * 2 + a[1] * a[1];
              """,
              vec(2, -2, 2)),
          m(
              "reverseInPlace",
              "double[] a",
              """
              for (int i = 0, j = a.length - 1; i < j; i++, j--) {
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
              }
              double s = 0;
              for (int i = 0; i < a.length; i++) {
                s += a[i] * a[i] * (i + 1);
              }
              return s;
              """,
              vec(5, -2, 2)),
          m(
              "bubbleSortThenWeigh",
              "double[] a",
              """
              for (int i = 0; i < a.length; i++) {
                for (int j = 0; j + 1 < a.length - i; j++) {
                  if (a[j] > a[j + 1]) {
                    double t = a[j];
                    a[j] = a[j + 1];
                    a[j + 1] = t;
                  }
                }
              }
              double s = 0;
              for (int i = 0; i < a.length; i++) {
                s += a[i] * a[i] * (i + 1);
              }
              return s;
              """,
              vec(5, -2, 2)),
          m(
              "recurrenceWritesTheNextElement",
              "double[] a, double x",
              """
              for (int i = 0; i + 1 < a.length; i++) {
                a[i + 1] = 0.5 * a[i + 1] + Math.sin(a[i] * x);
              }
              return a[a.length - 1];
              """,
              vec(5, -2, 2),
              real(-1, 1)),
          m(
                  "sameElementThroughTwoIndices",
                  "double[] a, int i, int j",
                  """
                  a[i] = a[j] * a[j] + a[i];
                  a[j] += a[i] * 0.5;
                  return a[i] * a[j] + a[0];
                  """)
              .points(
                  r -> {
                    int i = r.nextInt(3);
                    return new Object[] {vector(r, 3, -1.5, 1.5), i, i};
                  }),
          m(
                  "twoIndicesMaybeNamingOneElement",
                  "double[] a, int i, int j",
                  """
                  a[i] = Math.sin(a[j]) + a[i] * a[j];
                  a[j] -= a[i] * a[(i + j) % a.length];
                  return a[i] * a[j] + a[1];
                  """)
              .points(r -> new Object[] {vector(r, 3, -1.5, 1.5), r.nextInt(3), r.nextInt(3)}),
          m(
              "elementUpdatedFromItsNeighbourInALoop",
              "double[] a, double x",
              """
              for (int k = 0; k < 3 * a.length; k++) {
                int i = k % a.length;
                int j = (k * 2) % a.length;
                a[i] = 0.5 * a[j] + Math.tanh(a[i] * x);
              }
              return a[0] + a[a.length - 1];
              """,
              vec(3, -1.5, 1.5),
              real(-1.5, 1.5)));

  static final Group MATRICES =
      group(
          "Matrices",
          m(
              "weightedFrobenius",
              "double[][] m",
              """
              double s = 0;
              for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                  s += m[i][j] * m[i][j] * (i + 1) / (j + 1);
                }
              }
              return s;
              """,
              mat(3, 4, -2, 2)),
          m(
              "matrixVectorNormSquared",
              "double[][] m, double[] v",
              """
              double s = 0;
              for (int i = 0; i < m.length; i++) {
                double r = 0;
                for (int j = 0; j < v.length; j++) {
                  r += m[i][j] * v[j];
                }
                s += r * r;
              }
              return s;
              """,
              mat(3, 2, -2, 2),
              vec(2, -2, 2)),
          m(
              "localMatrix",
              "double x, double y, int n",
              """
              double[][] g = new double[n][n];
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  g[i][j] = x * i + y * j;
                }
              }
              double s = 0;
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  s += Math.sin(g[i][j]) * g[j][i];
                }
              }
              return s;
              """,
              real(-1, 1),
              real(-1, 1),
              ints(1, 4)),
          m(
              "enhancedForOverRows",
              "double[][] m, double x",
              """
              double s = 0;
              for (double[] row : m) {
                for (double v : row) {
                  s += v * v * x;
                }
              }
              return s;
              """,
              mat(3, 2, -2, 2),
              real(-2, 2)),
          m(
              "matrixScaledInPlace",
              "double[][] m, double x",
              """
              for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                  m[i][j] *= x + i;
                }
              }
              return m[0][0] * m[m.length - 1][1] + m[1][0];
              """,
              mat(3, 2, -2, 2),
              real(-2, 2)),
          m(
              "traceOfSquaredProduct",
              "double[][] a, double[][] b",
              """
              int n = a.length;
              double[][] c = new double[n][n];
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                  for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                  }
                }
              }
              double t = 0;
              for (int i = 0; i < n; i++) {
                t += c[i][i] * c[i][i];
              }
              return t;
              """,
              mat(2, 3, -2, 2),
              mat(3, 2, -2, 2)),
          m(
              "writeThroughARowAlias",
              "double[][] m",
              """
              double[] r = m[1];
              r[0] = r[0] * 2 + m[0][0];
              return m[1][0] * m[1][1];
              """,
              mat(2, 2, -2, 2)),
          m(
              "rowSumsIntoLocalVector",
              "double[][] m, double x",
              """
              double[] rows = new double[m.length];
              for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                  rows[i] += Math.tanh(m[i][j] * x);
                }
              }
              double s = 0;
              for (int i = 0; i < rows.length; i++) {
                s += rows[i] * rows[rows.length - 1 - i];
              }
              return s;
              """,
              mat(3, 3, -2, 2),
              real(-1, 1)));

  static final Group APPLICATIONS =
      group(
          "Applications",
          m(
              "eulerPendulum",
              "double theta0, double omega0, double damping",
              """
              double dt = 0.01;
              double theta = theta0;
              double omega = omega0;
              for (int i = 0; i < 100; i++) {
                double alpha = -9.81 * Math.sin(theta) - damping * omega;
                theta += dt * omega;
                omega += dt * alpha;
              }
              return theta;
              """,
              real(-1.5, 1.5),
              real(-1, 1),
              real(0, 1)),
          m(
                  "horner",
                  "double[] c, double x",
                  """
                  double p = 0;
                  for (int i = c.length - 1; i >= 0; i--) {
                    p = p * x + c[i];
                  }
                  return p;
                  """,
                  vec(5, -2, 2),
                  real(-1.5, 1.5))
              .exact("c", v -> powers(d(v, 1), ((double[]) v[0]).length))
              .exact("x", v -> polynomialSlope((double[]) v[0], d(v, 1))),
          m(
                  "softmaxCrossEntropy",
                  "double[] z, int label",
                  """
                  double max = z[0];
                  for (double v : z) {
                    max = Math.max(max, v);
                  }
                  double s = 0;
                  for (double v : z) {
                    s += Math.exp(v - max);
                  }
                  return Math.log(s) + max - z[label];
                  """,
                  vec(5, -2, 2),
                  ints(0, 4))
              .exact("z", v -> minusOneHot(softmax((double[]) v[0]), i(v, 1))),
          m(
              "runningMax",
              "double[] a, double x",
              """
              double m = a[0] * x;
              for (int i = 1; i < a.length; i++) {
                m = Math.max(m, a[i] * x);
              }
              return m;
              """,
              vec(5, -2, 2),
              real(-2, 2)),
          m(
                  "rosenbrock",
                  "double[] x",
                  """
                  double s = 0;
                  for (int i = 0; i + 1 < x.length; i++) {
                    double a = x[i + 1] - x[i] * x[i];
                    double b = 1 - x[i];
                    s += 100 * a * a + b * b;
                  }
                  return s;
                  """,
                  vec(5, -1.5, 1.5))
              .exact("x", v -> rosenbrockGradient((double[]) v[0])),
          m(
                  "logisticLoss",
                  "double[] w, double b, double[][] x, int n",
                  """
                  double loss = 0;
                  for (int i = 0; i < n; i++) {
                    double t = i % 2 == 0 ? 1 : 0;
                    double z = b;
                    for (int j = 0; j < w.length; j++) {
                      z += w[j] * x[i][j];
                    }
                    double p = 0.5 * (Math.tanh(z / 2) + 1);
                    loss -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
                  }
                  return loss;
                  """)
              .wrt("w", "b")
              .points(
                  r ->
                      new Object[] {
                        vector(r, 3, -1, 1), uniform(r, -1, 1), matrix(r, 4, 3, -2, 2), r.nextInt(5)
                      }),
          m(
              "reluNetworkSquaredError",
              "double[][] w1, double[] b1, double[] w2, double b2, double[] x, double y",
              """
              double out = b2;
              for (int i = 0; i < w1.length; i++) {
                double z = b1[i];
                for (int j = 0; j < x.length; j++) {
                  z += w1[i][j] * x[j];
                }
                double h = z > 0 ? z : 0;
                out += w2[i] * h;
              }
              double e = out - y;
              return e * e;
              """,
              mat(3, 2, -1, 1),
              vec(3, -1, 1),
              vec(3, -1, 1),
              real(-1, 1),
              vec(2, -2, 2),
              real(-1, 1)),
          m(
              "simpsonIntegral",
              "double a, double b, int n",
              """
              int m = 2 * n;
              double h = b / m;
              double s = 0;
              for (int i = 0; i <= m; i++) {
                double w = i == 0 || i == m ? 1 : (i % 2 == 1 ? 4 : 2);
                s += w * Math.sin(a * i * h);
              }
              return s * h / 3;
              """,
              real(-2, 2),
              real(0.5, 3),
              ints(1, 5)),
          m(
                  "binaryPower",
                  "double x, int n",
                  """
                  double r = 1;
                  double b = x;
                  int e = n;
                  while (e > 0) {
                    if ((e & 1) == 1) {
                      r *= b;
                    }
                    b *= b;
                    e >>= 1;
                  }
                  return r;
                  """,
                  real(-1.5, 1.5),
                  ints(0, 9))
              .exact("x", v -> i(v, 1) == 0 ? 0 : i(v, 1) * Math.pow(d(v, 0), i(v, 1) - 1)),
          m(
              "stateMachine",
              "double x, double y",
              """
              double t = 0;
              int state = 0;
              for (int i = 0; i < 12; i++) {
                if (state == 0) {
                  t += x;
                  if (t > 1) {
                    state = 1;
                  }
                } else {
                  t -= y * t;
                  if (t < 0.5) {
                    state = 0;
                  }
                }
              }
              return t;
              """,
              real(0.2, 0.6),
              real(0.1, 0.5)),
          m(
              "piecewiseLinearInterpolation",
              "double[] ys, double x",
              """
              int k = 0;
              while (k + 2 < ys.length && x > k + 1) {
                k++;
              }
              double f = x - k;
              return ys[k] * (1 - f) + ys[k + 1] * f;
              """,
              vec(5, -2, 2),
              real(0.05, 3.95)),
          m(
              "kahanSumOfSquares",
              "double[] a",
              """
              double s = 0;
              double c = 0;
              for (double v : a) {
                double y = v * v - c;
                double t = s + y;
                c = (t - s) - y;
                s = t;
              }
              return s;
              """,
              vec(6, -2, 2)),
          m(
              "linearCongruentialMonteCarlo",
              "double x, long seed",
              """
              long state = seed;
              double s = 0;
              for (int i = 0; i < 16; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                double u = (state >>> 11) / 9007199254740992.0;
                s += Math.exp(-x * u);
              }
              return s / 16;
              """,
              real(-2, 2),
              longs(1, 1_000_000)),
          m(
              "fixedIterationLogistic",
              "double r, double x0, int n",
              """
              double x = x0;
              for (int i = 0; i < n; i++) {
                x = r * x * (1 - x);
              }
              return x;
              """,
              real(1, 2.5),
              real(0.1, 0.9),
              ints(0, 8)));

  static final List<Group> GROUPS =
      List.of(
          BRANCHES, RETURNS_AND_TERNARIES, LOOPS, JUMPS, ARRAYS, IN_PLACE, MATRICES, APPLICATIONS);

  // ---------------------------------------------------------------------------------------------
  // The tests
  // ---------------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicNode> everyMethodMatchesFiniteDifferencesInEveryForm() {
    return GROUPS.stream()
        .map(
            g ->
                DynamicContainer.dynamicContainer(
                    g.className(),
                    g.cases().stream()
                        .map(
                            c ->
                                DynamicTest.dynamicTest(
                                    c.name(),
                                    () ->
                                        assertTimeoutPreemptively(
                                            TIMEOUT,
                                            () -> check(g, c),
                                            () -> c.name() + " timed out: does the generated"
                                                + " code terminate?")))));
  }

  @Test
  void theTableHasAtLeastEightyMethodsWithDistinctNames() {
    Set<String> names = new HashSet<>();
    int count = 0;
    for (Group g : GROUPS) {
      for (Case c : g.cases()) {
        assertThat(names.add(c.name())).as("duplicate %s", c.name()).isTrue();
        count++;
      }
    }
    assertThat(count).isGreaterThanOrEqualTo(80);
  }

  /**
   * The closed forms of the table are right: they match finite differences of the original (run
   * without the generator) at the points the corpus checks. So a disagreement between a closed
   * form and a generated derivative is the generator's.
   */
  @Test
  void closedFormsAgreeWithFiniteDifferencesOfTheOriginal() {
    int checked = 0;
    for (Group g : GROUPS) {
      for (Case c : g.cases()) {
        for (Map.Entry<String, Function<Object[], Object>> exact : c.exact().entrySet()) {
          int index = List.of(c.wrtNames()).indexOf(exact.getKey());
          MethodBatch.Points chosen =
              g.batch()
                  .safePoints(c.name(), c.wrtIndex(), c::draw,
                      new Random(SEED * 31 + c.name().hashCode()), POINTS, MAX_DRAWS,
                      CONSISTENCY);
          for (Object[] point : chosen.points()) {
            int parameter = c.wrtIndex()[index];
            double[] expected = Arguments.flatten(exact.getValue().apply(point));
            List<int[]> cells = Arguments.cells(point[parameter]);
            assertThat(expected.length).as("closed form of %s", c.name()).isEqualTo(cells.size());
            for (int k = 0; k < cells.size(); k++) {
              int[] cell = cells.get(k);
              double fd =
                  FiniteDifferences.derivative(
                      t -> g.batch().traced()
                          .run(c.name(), Arguments.moved(point, parameter, cell, t)).value(),
                      Arguments.get(point[parameter], cell));
              assertThat(expected[k])
                  .as("closed form d%sd%s%s at %s", c.name(), exact.getKey(),
                      Arguments.path(cell), Arguments.describe(point))
                  .isCloseTo(fd, within(GradientCheck.FD_TOLERANCE * Math.max(1, Math.abs(fd))));
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(50);
  }

  private static void check(Group group, Case c) {
    MethodBatch batch = group.batch();
    Random random = new Random(SEED * 31 + c.name().hashCode());
    MethodBatch.Points chosen =
        batch.safePoints(c.name(), c.wrtIndex(), c::draw, random, POINTS, MAX_DRAWS, CONSISTENCY);
    assertThat(chosen.points())
        .as(
            "points of %s safe for finite differences in %d draws; rejected, first few:\n%s",
            c.name(),
            chosen.draws(),
            chosen.rejections().stream().limit(5).collect(Collectors.joining("\n")))
        .hasSize(POINTS);
    Differentiated d = batch.differentiated(c.name());
    GradientCheck.verify(d, c.name(), c.wrtNames(), c.wrtIndex(), chosen.points());
    for (Map.Entry<String, Function<Object[], Object>> exact : c.exact().entrySet()) {
      String partial = "d" + c.name() + "d" + exact.getKey();
      for (Object[] point : chosen.points()) {
        double[] expected = Arguments.flatten(exact.getValue().apply(point));
        double[] actual = Arguments.flatten(d.generated(partial, Arguments.copy(point)));
        assertThat(actual.length).as("%s at %s", partial, Arguments.describe(point))
            .isEqualTo(expected.length);
        for (int k = 0; k < expected.length; k++) {
          assertThat(actual[k])
              .as("%s, element %d, against its closed form at %s", partial, k,
                  Arguments.describe(point))
              .isCloseTo(
                  expected[k], within(EXACT_TOLERANCE * Math.max(1, Math.abs(expected[k]))));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Table machinery
  // ---------------------------------------------------------------------------------------------

  /** A group of cases compiled as one class. */
  record Group(String className, List<Case> cases, MethodBatch batch) {}

  static Group group(String className, Case... cases) {
    List<MethodBatch.Member> members = new ArrayList<>();
    for (Case c : cases) {
      members.add(new MethodBatch.Member(c.name(), c.source()));
    }
    return new Group(className, List.of(cases), MethodBatch.of(className, members));
  }

  /** One method of the corpus. */
  static final class Case {
    private final String name;
    private final String params;
    private final String body;
    private final List<Function<Random, Object>> domains;
    private final List<String> types = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Function<Object[], Object>> exact = new LinkedHashMap<>();
    private List<String> wrt;
    private Function<Random, Object[]> points;

    Case(String name, String params, String body, List<Function<Random, Object>> domains) {
      this.name = name;
      this.params = params;
      this.body = body;
      this.domains = domains;
      for (String p : params.split(",")) {
        String t = p.trim();
        int space = t.lastIndexOf(' ');
        types.add(t.substring(0, space).trim());
        names.add(t.substring(space + 1));
      }
      if (!domains.isEmpty() && domains.size() != names.size()) {
        throw new IllegalArgumentException(name + ": one domain per parameter");
      }
    }

    String name() {
      return name;
    }

    /** Restricts the parameters differentiated with respect to (write them in their order). */
    Case wrt(String... parameters) {
      wrt = List.of(parameters);
      return this;
    }

    /** Draws whole argument lists, for parameters that depend on each other. */
    Case points(Function<Random, Object[]> draw) {
      points = draw;
      return this;
    }

    /** The partial with respect to {@code parameter} in closed form, of the argument list. */
    Case exact(String parameter, Function<Object[], Object> partial) {
      exact.put(parameter, partial);
      return this;
    }

    Map<String, Function<Object[], Object>> exact() {
      return exact;
    }

    Object[] draw(Random random) {
      if (points != null) {
        return points.apply(random);
      }
      Object[] point = new Object[domains.size()];
      for (int i = 0; i < point.length; i++) {
        point[i] = domains.get(i).apply(random);
      }
      return point;
    }

    String[] wrtNames() {
      List<String> selected = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (wrt == null ? DIFFERENTIABLE.contains(types.get(i)) : wrt.contains(names.get(i))) {
          selected.add(names.get(i));
        }
      }
      return selected.toArray(new String[0]);
    }

    int[] wrtIndex() {
      return List.of(wrtNames()).stream().mapToInt(names::indexOf).toArray();
    }

    String source() {
      String annotation =
          wrt == null
              ? "@Differentiable"
              : wrt.stream()
                  .map(w -> "\"" + w + "\"")
                  .collect(Collectors.joining(", ", "@Differentiable(wrt = {", "})"));
      StringBuilder s = new StringBuilder();
      s.append("  ").append(annotation).append('\n');
      s.append("  static double ").append(name).append('(').append(params).append(") {\n");
      for (String line : body.stripTrailing().split("\n")) {
        s.append("    ").append(line).append('\n');
      }
      return s.append("  }\n").toString();
    }
  }

  private static final Set<String> DIFFERENTIABLE =
      Set.of("double", "float", "double[]", "float[]", "double[][]");

  @SafeVarargs
  static Case m(String name, String params, String body, Function<Random, Object>... domains) {
    return new Case(name, params, body, List.of(domains));
  }

  static Function<Random, Object> real(double lo, double hi) {
    return r -> uniform(r, lo, hi);
  }

  static Function<Random, Object> ints(int lo, int hi) {
    return r -> lo + r.nextInt(hi - lo + 1);
  }

  static Function<Random, Object> longs(long lo, long hi) {
    return r -> lo + (long) (r.nextDouble() * (hi - lo));
  }

  static Function<Random, Object> bools() {
    return Random::nextBoolean;
  }

  static Function<Random, Object> vec(int length, double lo, double hi) {
    return r -> vector(r, length, lo, hi);
  }

  static Function<Random, Object> mat(int rows, int cols, double lo, double hi) {
    return r -> matrix(r, rows, cols, lo, hi);
  }

  static double uniform(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static double[] vector(Random r, int length, double lo, double hi) {
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      v[i] = uniform(r, lo, hi);
    }
    return v;
  }

  static double[][] matrix(Random r, int rows, int cols, double lo, double hi) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(r, cols, lo, hi);
    }
    return m;
  }

  static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int k = 0; k < v.length; k++) {
      f[k] = (float) v[k];
    }
    return f;
  }

  static int[] intVector(Random r, int length, int lo, int hi) {
    int[] v = new int[length];
    for (int i = 0; i < length; i++) {
      v[i] = lo + r.nextInt(hi - lo + 1);
    }
    return v;
  }

  // ---- closed forms ----

  static double d(Object[] v, int i) {
    return ((Number) v[i]).doubleValue();
  }

  static int i(Object[] v, int i) {
    return (Integer) v[i];
  }

  static double[] scaled(double factor, double[] a) {
    double[] s = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      s[k] = factor * a[k];
    }
    return s;
  }

  static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  static double[] minusOneHot(double[] p, int label) {
    double[] g = p.clone();
    g[label] -= 1;
    return g;
  }

  static double[] powers(double x, int n) {
    double[] p = new double[n];
    for (int k = 0; k < n; k++) {
      p[k] = Math.pow(x, k);
    }
    return p;
  }

  static double polynomialSlope(double[] c, double x) {
    double s = 0;
    for (int k = 1; k < c.length; k++) {
      s += k * c[k] * Math.pow(x, k - 1);
    }
    return s;
  }

  static double[] rosenbrockGradient(double[] x) {
    double[] g = new double[x.length];
    for (int k = 0; k + 1 < x.length; k++) {
      double a = x[k + 1] - x[k] * x[k];
      g[k] += -400 * x[k] * a - 2 * (1 - x[k]);
      g[k + 1] += 200 * a;
    }
    return g;
  }
}
