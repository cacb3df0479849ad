package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code float} mixed with {@code double} where the generated code must get every conversion
 * right: float arrays read and written, float locals saved on tapes in loops, float literals,
 * compound assignments that narrow implicitly, casts both ways. The generated class compiles with
 * {@code -Xlint:all -Werror} and every partial matches finite differences (to float accuracy).
 */
class FloatMixesTest {

  private static final Differentiated MIXES =
      Differentiated.of(
          "Mixes",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Mixes {
            @Differentiable
            static float dot(float[] w, float[] x) {
              float s = 0;
              for (int i = 0; i < w.length; i++) {
                s += w[i] * x[i] * 0.5f;
              }
              return s;
            }

            @Differentiable
            static double overFloats(float[] w, double y) {
              double s = 0;
              for (float v : w) {
                s += Math.sin(v * y);
              }
              return s;
            }

            @Differentiable
            static float floatLocalOnATape(float x, int n) {
              float t = x;
              for (int i = 0; i < n; i++) {
                t = t * 0.9f + (float) Math.cos(t);
              }
              return t;
            }

            @Differentiable
            static float narrowingCompoundAssignments(float x, double y) {
              float t = x;
              t += Math.sin(y) * x;
              t *= y;
              return t;
            }

            @Differentiable
            static double intCastIsPiecewiseConstant(float x) {
              int k = (int) x;
              return x * k + (double) x;
            }

            @Differentiable
            static float writesItsFloatArray(float[] a, double y) {
              a[0] = a[0] * a[1];
              a[1] += y * a[0];
              return a[0] + a[1];
            }
          }
          """);

  @Test
  void floatArraysReadInLoops() {
    GradientCheck.verify(MIXES, "dot", new String[] {"w", "x"}, new int[] {0, 1},
        List.<Object[]>of(new Object[] {new float[] {0.5f, -1.25f, 2f}, new float[] {1.5f, 0.25f, -0.75f}}));
    GradientCheck.verify(MIXES, "overFloats", new String[] {"w", "y"}, new int[] {0, 1},
        List.of(new Object[] {new float[] {0.5f, -1.25f}, 0.7}, new Object[] {new float[] {2f}, -0.3}));
  }

  @Test
  void aFloatLocalOverwrittenInALoopIsRestored() {
    GradientCheck.verify(MIXES, "floatLocalOnATape", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.4f, 5}, new Object[] {-1.1f, 3}, new Object[] {0.9f, 0}));
  }

  /**
   * Where the value is rounded to float, finite differences in a double parameter see that
   * rounding (about 1e-5 here): these partials are checked against closed forms instead.
   */
  @Test
  void compoundAssignmentsThatNarrowToFloat() {
    // t = (x + sin(y) x) y
    for (double[] p : new double[][] {{0.4, 1.3}, {-2.5, -0.6}}) {
      float x = (float) p[0];
      double y = p[1];
      assertThat((double) (float) MIXES.generated("dnarrowingCompoundAssignmentsdx", x, y))
          .isCloseTo((1 + Math.sin(y)) * y, within(1e-6));
      assertThat((double) MIXES.generated("dnarrowingCompoundAssignmentsdy", x, y))
          .isCloseTo(x * Math.cos(y) * y + x + Math.sin(y) * x, within(1e-6));
    }
  }

  @Test
  void aCastToIntHasSlopeZero() {
    GradientCheck.verify(MIXES, "intCastIsPiecewiseConstant", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {2.5f}, new Object[] {-1.75f}));
  }

  @Test
  void aFloatArrayParameterWrittenIsRestoredAndDifferentiated() {
    // a0' = a0 a1, a1' = a1 + y a0 a1: the result a0' + a1' is a0 a1 (1 + y) + a1
    float[] a = {0.5f, -1.5f};
    double y = 0.75;
    float[] da = (float[]) MIXES.generated("dwritesItsFloatArrayda", a, y);
    assertThat(a).containsExactly(0.5f * -1.5f, -1.5f + (float) (y * (0.5f * -1.5f)));
    assertThat((double) da[0]).isCloseTo(-1.5 * (1 + y), within(1e-6));
    assertThat((double) da[1]).isCloseTo(0.5 * (1 + y) + 1, within(1e-6));
    assertThat((double) MIXES.generated("dwritesItsFloatArraydy", new float[] {0.5f, -1.5f}, y))
        .isCloseTo(0.5 * -1.5, within(1e-6));
  }
}
