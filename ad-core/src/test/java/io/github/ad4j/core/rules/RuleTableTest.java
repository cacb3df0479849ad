package io.github.ad4j.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.testing.Evaluator;
import io.github.ad4j.core.testing.FiniteDifferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every built-in rule against finite differences of the Math function it differentiates. */
class RuleTableTest {

  private static final RuleTable RULES = RuleTable.builtIn();

  /** Each function of DESIGN.md, its arity, and points inside its domain, away from kinks. */
  static Stream<Arguments> functions() {
    double[][] positive = {{0.3}, {1.7}, {4.2}};
    double[][] anywhere = {{-2.1}, {0.4}, {1.3}};
    double[][] unit = {{-0.6}, {0.2}, {0.75}};
    double[][] pairs = {{0.8, 1.9}, {-1.3, 0.6}, {2.5, -0.4}};
    double[][] positivePairs = {{0.8, 1.9}, {1.3, 0.6}, {2.5, 2.4}};
    double[][] triples = {{0.8, 1.9, -0.3}, {-1.3, 0.6, 2.0}};
    return Stream.of(
        Arguments.of("sin", anywhere),
        Arguments.of("cos", anywhere),
        Arguments.of("tan", unit),
        Arguments.of("asin", unit),
        Arguments.of("acos", unit),
        Arguments.of("atan", anywhere),
        Arguments.of("atan2", pairs),
        Arguments.of("sinh", anywhere),
        Arguments.of("cosh", anywhere),
        Arguments.of("tanh", anywhere),
        Arguments.of("exp", anywhere),
        Arguments.of("expm1", anywhere),
        Arguments.of("log", positive),
        Arguments.of("log1p", positive),
        Arguments.of("log10", positive),
        Arguments.of("pow", positivePairs),
        Arguments.of("sqrt", positive),
        Arguments.of("cbrt", anywhere),
        Arguments.of("hypot", pairs),
        Arguments.of("abs", anywhere),
        Arguments.of("max", pairs),
        Arguments.of("min", pairs),
        Arguments.of("floor", anywhere),
        Arguments.of("ceil", anywhere),
        Arguments.of("rint", anywhere),
        Arguments.of("signum", anywhere),
        Arguments.of("toRadians", anywhere),
        Arguments.of("toDegrees", anywhere),
        Arguments.of("fma", triples));
  }

  @ParameterizedTest(name = "Math.{0}")
  @MethodSource("functions")
  void partialsMatchFiniteDifferencesForMathAndStrictMath(String name, double[][] points) {
    for (String owner : List.of("Math", "StrictMath")) {
      for (double[] point : points) {
        Expr.Call call = call(owner, name, point.length);
        for (int i = 0; i < point.length; i++) {
          Expr partial = RULES.partial(call, i).orElseThrow();
          Map<String, Double> bindings = new HashMap<>();
          for (int j = 0; j < point.length; j++) {
            bindings.put("a" + j, point[j]);
          }
          int index = i;
          double expected =
              FiniteDifferences.derivative(
                  t -> {
                    double[] moved = point.clone();
                    moved[index] = t;
                    return Evaluator.math(owner, name, moved);
                  },
                  point[i]);
          assertThat(Evaluator.evaluate(partial, bindings))
              .as("∂%s.%s/∂arg%d at %s", owner, name, i, java.util.Arrays.toString(point))
              .isCloseTo(expected, within(1e-8 * Math.max(1, Math.abs(expected))));
        }
      }
    }
  }

  @Test
  void strictMathCallsGetStrictMathDerivatives() {
    Expr partial = RULES.partial(call("StrictMath", "sin", 1), 0).orElseThrow();
    assertThat(partial)
        .isEqualTo(new Expr.Call("StrictMath", "cos", List.of(new Expr.Var("a0")), JType.DOUBLE));
  }

  @Test
  void aRuleThatNamesItsOwnFunctionReadsTheCallItself() {
    Expr.Call exp = call("Math", "exp", 1);
    assertThat(RULES.partial(exp, 0)).contains(exp);
  }

  @Test
  void functionsWithoutRulesAreReported() {
    assertThat(RULES.hasRules(call("Math", "ulp", 1))).isFalse();
    assertThat(RULES.partial(call("Math", "ulp", 1), 0)).isEmpty();
  }

  private static Expr.Call call(String owner, String name, int arity) {
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      args.add(new Expr.Var("a" + i));
    }
    return new Expr.Call(owner, name, args, JType.DOUBLE);
  }
}
