package io.github.ad4j.core.analyse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.testing.Pipeline;
import org.junit.jupiter.api.Test;

class ActivityTest {

  @Test
  void variesWhatDependsDifferentiablyOnTheInputs() {
    Activity activity =
        Activity.of(
            Pipeline.procedure(
                "@Differentiable(wrt = \"x\") static double f(double x, double y, int n) {"
                    + " double a = x * y;"
                    + " double b = y * n;"
                    + " double c = (int) x;"
                    + " boolean positive = x > 0;"
                    + " double d = positive ? a : b;"
                    + " return d + c; }",
                "f"));
    assertThat(activity.varied()).containsExactlyInAnyOrder("x", "a", "d");
  }

  @Test
  void aVariableVariesOnceAnyAssignmentToItDoes() {
    Activity activity =
        Activity.of(
            Pipeline.procedure(
                "@Differentiable static double f(double x) { double t = 1; double u = t; t = x;"
                    + " return u + t; }",
                "f"));
    assertThat(activity.isVaried("t")).isTrue();
    assertThat(activity.isVaried("u")).isTrue(); // flow-insensitive: sound, never unsound
  }
}
