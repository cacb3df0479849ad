package io.github.ad4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The harness itself: {@link GradientCheck} accepts a correct hand-written derivative class with
 * array parameters, and rejects each of a catalogue of plausible bugs; {@link BranchTrace} tells
 * points near a switching surface from safe ones. A check that cannot fail checks nothing.
 */
class GradientCheckTest {

  private static final String USER =
      """
      package p;

      class H {
        static double f(double[] w, double b, double[][] x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            double z = b;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * x[i][j];
            }
            s += z * z;
          }
          w[0] = s;
          return s;
        }
      }
      """;

  /**
   * A correct derivative class for H.f, written by hand in the generated API, with a switch that
   * plants one bug at a time.
   */
  private static final String GRAD =
      """
      package p;

      public final class HGrad {
        static int bug;

        private HGrad() {}

        public record FGradient(double value, double[] dfdw, double dfdb, double[][] dfdx) {}

        /** Keeps z between calls. */
        public static final class FWorkspace {
          double[] z;

          public FWorkspace() {}
        }

        public static double fPullback(double[] w, double b, double[][] x, int n, double seed,
            double[] dfdw, double[] dfdb, double[][] dfdx) {
          return fPullback(w, b, x, n, seed, dfdw, dfdb, dfdx, new FWorkspace());
        }

        public static double fPullback(double[] w, double b, double[][] x, int n, double seed,
            double[] dfdw, double[] dfdb, double[][] dfdx, FWorkspace workspace) {
          double s = 0;
          double[] z =
              workspace.z != null && workspace.z.length >= n ? workspace.z : new double[n];
          workspace.z = z;
          for (int i = 0; i < n; i++) {
            z[i] = b;
            for (int j = 0; j < w.length; j++) {
              z[i] += w[j] * x[i][j];
            }
            s += z[i] * z[i];
          }
          double scale = bug == 4 ? 1 : seed;
          if (bug == 3) {
            java.util.Arrays.fill(dfdw, 0);
          }
          // bug 10: the sweep runs over what the workspace holds, a longer call's z included
          for (int i = 0; i < (bug == 10 ? z.length : n); i++) {
            double dz = 2 * z[i] * scale;
            dfdb[0] += dz;
            for (int j = 0; j < w.length; j++) {
              dfdw[j] += dz * x[i][j] + (bug == 1 && j == 1 ? 1e-5 : 0);
              dfdx[i][j] += dz * w[j];
            }
          }
          if (bug != 5) {
            w[0] = s;
          }
          return bug == 6 ? Math.nextUp(s) : s;
        }

        public static double fGradient(double[] w, double b, double[][] x, int n,
            double[] dfdw, double[] dfdb, double[][] dfdx) {
          return fPullback(w, b, x, n, 1.0, dfdw, dfdb, dfdx);
        }

        public static double fGradient(double[] w, double b, double[][] x, int n,
            double[] dfdw, double[] dfdb, double[][] dfdx, FWorkspace workspace) {
          return fPullback(w, b, x, n, 1.0, dfdw, dfdb, dfdx, workspace);
        }

        public static FGradient fGradient(double[] w, double b, double[][] x, int n) {
          double[] dfdw = new double[w.length];
          double[] dfdb = new double[1];
          double[][] dfdx = new double[x.length][];
          for (int i = 0; i < x.length; i++) {
            dfdx[i] = new double[x[i].length];
          }
          double value = fGradient(w, b, x, n, dfdw, dfdb, dfdx);
          return new FGradient(value, dfdw, dfdb[0], dfdx);
        }

        public static double fPushforward(double[] w, double b, double[][] x, int n,
            double[] wDot, double bDot, double[][] xDot) {
          double s = 0;
          double sDot = 0;
          for (int i = 0; i < n; i++) {
            double z = b;
            double zDot = bug == 8 ? 0 : bDot;
            for (int j = 0; j < w.length; j++) {
              z += w[j] * x[i][j];
              zDot += wDot[j] * x[i][j] + w[j] * xDot[i][j];
            }
            s += z * z;
            sDot += 2 * z * zDot;
          }
          w[0] = s;
          if (bug == 9) {
            wDot[0] = sDot;
          }
          return sDot;
        }

        public static double[] dfdw(double[] w, double b, double[][] x, int n) {
          double[] dfdw = fGradient(w, b, x, n).dfdw();
          return bug == 2 ? java.util.Arrays.copyOf(dfdw, dfdw.length + 1) : dfdw;
        }

        public static double dfdb(double[] w, double b, double[][] x, int n) {
          return fGradient(w, b, x, n).dfdb();
        }

        public static double[][] dfdx(double[] w, double b, double[][] x, int n) {
          double[][] dfdx = fGradient(w, b, x, n).dfdx();
          if (bug == 7) {
            dfdx[0][2] = -dfdx[0][2];
          }
          return dfdx;
        }
      }
      """;

  private static final Differentiated H =
      Differentiated.handWritten("H", Map.of("p/H.java", USER, "p/HGrad.java", GRAD));

  private static final String[] WRT = {"w", "b", "x"};
  private static final int[] WRT_INDEX = {0, 1, 2};

  private static List<Object[]> points() {
    return List.of(
        new Object[] {
          new double[] {0.3, -0.7, 1.1},
          0.4,
          new double[][] {{0.5, 1.5, -0.25}, {-1.0, 0.75, 2.0}, {0.1, 0.2, 0.3}},
          2
        },
        new Object[] {
          new double[] {-1.2, 0.4, 0.9},
          -0.6,
          new double[][] {{1.0, -0.5, 0.25}, {0.3, -0.3, 1.2}, {2.0, 1.0, -1.0}},
          3
        });
  }

  private static void setBug(int bug) {
    Object record = H.generated("fGradient", points().get(0));
    try {
      java.lang.reflect.Field field = record.getClass().getEnclosingClass().getDeclaredField("bug");
      field.setAccessible(true);
      field.setInt(null, bug);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void acceptsACorrectDerivativeWithVectorScalarAndMatrixParameters() {
    setBug(0);
    GradientCheck.verify(H, "f", WRT, WRT_INDEX, points());
  }

  @ParameterizedTest(name = "bug {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | one element of a vector partial off by 1e-5 | dfdw[1] at",
        "2 | a vector partial one element too long | type and shape of dfdw",
        "3 | accumulating form clears the caller's array | accumulated dfdw",
        "4 | pullback ignores the seed | pulled back dfdw",
        "5 | value forms skip the method's write into its argument | must see the method's writes",
        "6 | value forms one ulp off the original | value of fGradient",
        "7 | one element of a matrix partial has the wrong sign | dfdx[0][2] at",
        "8 | pushforward ignores one tangent | fPushforward at",
        "9 | pushforward writes into the caller's tangent | leaves the caller's tangents",
        "10 | workspace form reads what a larger call left | with a workspace, after another point"
      })
  void rejectsEachPlantedBug(int bug, String description, String message) {
    setBug(bug);
    try {
      assertThatThrownBy(() -> GradientCheck.verify(H, "f", WRT, WRT_INDEX, points()))
          .as(description)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining(message);
    } finally {
      setBug(0);
    }
  }

  @Test
  void neverChangesThePointsItIsGiven() {
    setBug(0);
    List<Object[]> points = points();
    GradientCheck.verify(H, "f", WRT, WRT_INDEX, points);
    assertThat(Arguments.same(points.get(0), points().get(0))).isTrue();
    assertThat(Arguments.same(points.get(1), points().get(1))).isTrue();
  }

  private static final String BRANCHY =
      """
      package p;

      class B {
        static double kink(double x) {
          if (x > 0) {
            return x * x;
          }
          return -x;
        }

        static double trips(double x) {
          double s = 0;
          for (int i = 0; i < (int) (x * 10); i++) {
            s += x;
          }
          return s;
        }

        static double larger(double[] a) {
          return Math.max(a[0], a[1]) * 2;
        }

        static double fast(double x) {
          return Math.sin(1000 * x);
        }
      }
      """;

  @Test
  void branchTraceTellsPointsNearASwitchingSurfaceFromSafeOnes() {
    BranchTrace.Traced b = BranchTrace.compile("B", BRANCHY);
    int[] first = {0};
    assertThat(b.safety("kink", new Object[] {0.005}, first, 1e-8)).contains("branch");
    assertThat(b.safety("kink", new Object[] {-0.009}, first, 1e-8)).contains("branch");
    assertThat(b.safety("kink", new Object[] {0.5}, first, 1e-8)).isNull();
    assertThat(b.safety("trips", new Object[] {0.301}, first, 1e-8)).contains("branch");
    assertThat(b.safety("trips", new Object[] {0.35}, first, 1e-8)).isNull();
    assertThat(b.run("trips", new Object[] {0.35}).value()).isEqualTo(3 * 0.35);
    assertThat(b.safety("larger", new Object[] {new double[] {1.0, 1.004}}, first, 1e-8))
        .contains("branch");
    assertThat(b.safety("larger", new Object[] {new double[] {1.0, 1.5}}, first, 1e-8)).isNull();
    assertThat(b.safety("fast", new Object[] {0.3}, first, 1e-8)).contains("disagree");
  }
}
