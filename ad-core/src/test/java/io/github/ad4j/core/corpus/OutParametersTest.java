package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls of methods that write into their array arguments ("out-parameters"): the caller's
 * forward sweep saves each written array before the call; its backward sweep puts the array back
 * and calls the callee's in/out pullback on the saved copy, which turns the adjoint of the
 * array's new contents into that of its old; its pushforward calls the callee's in/out
 * pushforward, which updates the array's tangent in place. Every derivative is checked against
 * finite differences of the original.
 */
class OutParametersTest {

  private static final Differentiated OUT =
      Differentiated.of(
          "OutParams",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class OutParams {
            /** Scales v in place and returns the new sum. */
            @Differentiable
            static double scale(double[] v, double s) {
              double sum = 0;
              for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * s;
                sum += v[i];
              }
              return sum;
            }

            /** One explicit Euler step of a predator-prey system, in place. */
            @Differentiable
            static double step(double[] y, double h, double k) {
              double dy0 = -k * y[0] * y[1] + y[0];
              double dy1 = k * y[0] * y[1] - y[1];
              y[0] += h * dy0;
              y[1] += h * dy1;
              return 0;
            }

            /** Writes v itself and through scale, twice. */
            @Differentiable
            static double scaleTwice(double[] v, double s) {
              scale(v, s);
              v[0] = v[0] + s;
              return scale(v, Math.cos(s));
            }

            static double fill(double[] b, double c) {
              for (int i = 0; i < b.length; i++) {
                b[i] = c;
              }
              return 0;
            }

            @Differentiable
            static double asStatementAndValue(double[] x, double s) {
              double[] w = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                w[i] = x[i] * x[i];
              }
              double total = scale(w, s);
              scale(w, Math.sin(s));
              double r = 0;
              for (int i = 0; i < w.length; i++) {
                r += Math.sin(w[i]) * x[i];
              }
              return r + total * w[0];
            }

            @Differentiable
            static double integrate(double[] y0, double k, int n) {
              double[] y = new double[2];
              y[0] = y0[0];
              y[1] = y0[1];
              for (int i = 0; i < n; i++) {
                step(y, 0.1, k);
                if (y[0] > 1.33) {
                  step(y, 0.05, k * y[1]);
                }
              }
              return y[0] * y[1];
            }

            @Differentiable
            static double writesCallersParameter(double[] y, double k) {
              double before = y[0] * y[1];
              step(y, 0.2, k);
              step(y, 0.2, k * y[0]);
              return y[0] + 2 * y[1] + before;
            }

            @Differentiable
            static double rows(double[][] m, double s) {
              double total = 0;
              for (int i = 0; i < m.length; i++) {
                double scaled = scale(m[i], s + i);
                total += scaled * m[i][0];
              }
              double squares = 0;
              for (double[] row : m) {
                for (double v : row) {
                  squares += v * v;
                }
              }
              return total + squares;
            }

            @Differentiable
            static double nested(double[] x, double s) {
              double[] w = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                w[i] = Math.exp(x[i]);
              }
              double a = scaleTwice(w, s);
              return a * w[1] + w[0];
            }

            @Differentiable
            static double plainWriter(double x) {
              double[] buf = new double[2];
              buf[0] = 2;
              buf[1] = 3;
              double y = x * buf[0];
              fill(buf, 5.0);
              return y * x + buf[1] * x + buf[0] * y;
            }

            /** Stores scale's value into the array scale writes: Java locates w[1] first. */
            @Differentiable
            static double intoTheArrayItWrites(double[] x, double s) {
              double[] w = new double[2];
              w[0] = x[0];
              w[1] = x[1] * s;
              w[1] = scale(w, s);
              return w[0] * w[1] + Math.sin(w[1]);
            }

            @Differentiable
            static double inBranches(double[] x, double s) {
              double[] w = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                w[i] = x[i] + s;
              }
              if (x[0] > 0) {
                scale(w, s);
              } else {
                scale(w, -s * s);
              }
              return w[0] * w[1] + x[1] * w[0];
            }
          }
          """);

  @Test
  void aCallAsAStatementAndAsAValue() {
    GradientCheck.verify(OUT, "asStatementAndValue", new String[] {"x", "s"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[] {0.3, -0.7, 1.1}, 0.9},
            new Object[] {new double[] {1.4, 0.2}, -1.3}));
  }

  @Test
  void callsInALoopSaveTheArrayOnATape() {
    GradientCheck.verify(OUT, "integrate", new String[] {"y0", "k"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[] {1.0, 0.5}, 0.8, 12},
            new Object[] {new double[] {0.4, 1.1}, 1.7, 7},
            new Object[] {new double[] {0.9, 0.9}, 0.3, 0}));
  }

  @Test
  void aCalleeWritingTheCallersOwnParameter() {
    // the caller's derivatives leave y as the caller leaves it, which GradientCheck checks too
    GradientCheck.verify(OUT, "writesCallersParameter", new String[] {"y", "k"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[] {1.0, 0.5}, 0.8},
            new Object[] {new double[] {-0.3, 2.0}, -1.1}));
  }

  @Test
  void rowsOfAMatrixAsOutParameters() {
    GradientCheck.verify(OUT, "rows", new String[] {"m", "s"}, new int[] {0, 1},
        List.<Object[]>of(
            new Object[] {new double[][] {{0.5, -1.0}, {2.0, 0.25, 0.75}}, 0.6},
            new Object[] {new double[][] {{1.5}, {-0.5, 0.5}}, -0.4}));
  }

  @Test
  void twoRowsOfOneMatrixWrittenByOneCallInALoop() {
    // the copies of m[0] and m[1] share m's tape: each must come off it as the copy of its own row
    Differentiated d =
        Differentiated.of(
            "TwoRows",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class TwoRows {
              @Differentiable
              static double mixRows(double[] a, double[] b, double s) {
                double t = a[0];
                a[0] = a[0] * b[0] * s;
                b[0] = b[0] + t * t;
                return 0;
              }

              @Differentiable
              static double f(double[][] x, double s, int n) {
                double[][] m = new double[2][1];
                m[0][0] = x[0][0];
                m[1][0] = x[1][0];
                for (int i = 0; i < n; i++) {
                  mixRows(m[0], m[1], s);
                }
                return m[0][0] * m[1][0];
              }
            }
            """);
    GradientCheck.verify(d, "f", new String[] {"x", "s"}, new int[] {0, 1},
        List.<Object[]>of(
            new Object[] {new double[][] {{0.7}, {0.4}}, 0.6, 2},
            new Object[] {new double[][] {{-0.3}, {1.1}}, 1.2, 3}));
  }

  @Test
  void aCalleeThatWritesThroughAnotherCalleeAndAnAlias() {
    GradientCheck.verify(OUT, "nested", new String[] {"x", "s"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[] {0.1, -0.4, 0.3}, 0.7},
            new Object[] {new double[] {-1.0, 0.5}, 1.9}));
    GradientCheck.verify(OUT, "scaleTwice", new String[] {"v", "s"}, new int[] {0, 1},
        List.<Object[]>of(new Object[] {new double[] {0.1, -0.4, 0.3}, 0.7}));
  }

  @Test
  void aPlainMethodThatWritesIntoAnArrayTheBackwardSweepReads() {
    // fill(buf, 5) changes buf[0] and buf[1]: y's partial must read buf[0] as it was (2), the
    // value's the new ones (5)
    for (double x : new double[] {0.5, -1.5, 3.0}) {
      assertThat((double) OUT.generated("dplainWriterdx", x))
          .as("at %s", x)
          .isCloseTo(2 * 2 * x + 5 + 5 * 2, within(1e-12));
    }
    GradientCheck.verify(OUT, "plainWriter", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.5}, new Object[] {-2.0}));
  }

  @Test
  void aCallsValueStoredIntoTheArrayItWrites() {
    // w[1] = scale(w, s): the call's own write of w[1] is overwritten, so only its value and
    // its write of w[0] carry w[1]'s and w[0]'s adjoints back; the result is x0 s (x0 s + x1 s²)
    // + sin(x0 s + x1 s²)
    double x0 = 0.6;
    double x1 = -0.8;
    double s = 1.3;
    double w1 = x0 * s + x1 * s * s;
    double[] dx = (double[]) OUT.generated("dintoTheArrayItWritesdx", new double[] {x0, x1}, s);
    assertThat(dx[0]).isCloseTo(s * w1 + x0 * s * s + Math.cos(w1) * s, within(1e-12));
    assertThat(dx[1]).isCloseTo((x0 * s + Math.cos(w1)) * s * s, within(1e-12));
    GradientCheck.verify(OUT, "intoTheArrayItWrites", new String[] {"x", "s"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[] {x0, x1}, s},
            new Object[] {new double[] {-1.2, 0.4}, -0.7}));
  }

  @Test
  void aPlainMethodThatFillsAnArrayThroughTheJdk() {
    // Arrays.fill and System.arraycopy write into b as much as b[i] = c does: the call is kept,
    // and buf saved and put back, rather than refused as a statement without effect
    Differentiated d =
        Differentiated.of(
            "JdkWriters",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class JdkWriters {
              static double fill(double[] b, double c) {
                java.util.Arrays.fill(b, c);
                return 0;
              }

              static double copyIn(double[] from, double[] b) {
                System.arraycopy(from, 0, b, 0, b.length);
                return 0;
              }

              @Differentiable
              static double filled(double x) {
                double[] buf = new double[2];
                buf[0] = 2;
                buf[1] = 3;
                double y = x * buf[0];
                fill(buf, 5.0);
                return y * x + buf[1] * x + buf[0] * y;
              }

              @Differentiable
              static double copied(double x) {
                double[] buf = new double[2];
                buf[0] = 2;
                buf[1] = 3;
                double y = x * buf[0];
                double[] src = new double[2];
                src[0] = 7;
                src[1] = 8;
                copyIn(src, buf);
                return y * x + buf[1] * x + buf[0] * y;
              }
            }
            """);
    for (double x : new double[] {0.5, -1.5}) {
      assertThat((double) d.generated("dfilleddx", x)).isCloseTo(2 * 2 * x + 5 + 5 * 2, within(1e-12));
      assertThat((double) d.generated("dcopieddx", x)).isCloseTo(2 * 2 * x + 8 + 7 * 2, within(1e-12));
    }
    GradientCheck.verify(d, "filled", new String[] {"x"}, new int[] {0},
        List.<Object[]>of(new Object[] {0.5}));
    GradientCheck.verify(d, "copied", new String[] {"x"}, new int[] {0},
        List.<Object[]>of(new Object[] {0.5}));
  }

  @Test
  void aPlainMethodThatWritesThroughAConditionalAlias() {
    // r may be a or b: writing r[0] writes into both as far as the callers know, so buf is saved
    // and put back, where its value used to be taken as left alone; the same for a conditional
    // passed to a JDK method or a method of the build that writes into it
    Differentiated d =
        Differentiated.of(
            "Conditional",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Conditional {
              static double fillOne(double[] a, double[] b, boolean first) {
                double[] r = first ? a : b;
                r[0] = 9;
                return 1;
              }

              static double fillEither(double[] a, double[] b, boolean first) {
                java.util.Arrays.fill(first ? a : b, 9);
                return 1;
              }

              static double relay(double[] a, double[] b, boolean first) {
                return fillFirst((first ? a : b));
              }

              static double fillFirst(double[] c) {
                c[0] = 9;
                return 1;
              }

              @Differentiable
              static double f(double x) {
                double[] buf = new double[2];
                double[] other = new double[2];
                buf[0] = 2;
                double y = x * buf[0];
                double z = fillOne(buf, other, true);
                return y * x + buf[0] * y + z;
              }

              @Differentiable
              static double g(double x) {
                double[] buf = new double[2];
                double[] other = new double[2];
                buf[0] = 2;
                double y = x * buf[0];
                double z = fillEither(buf, other, true);
                return y * x + buf[0] * y + z;
              }

              @Differentiable
              static double h(double x) {
                double[] buf = new double[2];
                double[] other = new double[2];
                buf[0] = 2;
                double y = x * buf[0];
                double z = relay(buf, other, true);
                return y * x + buf[0] * y + z;
              }
            }
            """);
    for (String m : List.of("f", "g", "h")) {
      for (double x : new double[] {0.5, -1.5}) {
        assertThat((double) d.generated("d" + m + "dx", x)).as("d%sdx(%s)", m, x)
            .isCloseTo(2 * 2 * x + 9 * 2, within(1e-12));
      }
      GradientCheck.verify(d, m, new String[] {"x"}, new int[] {0},
          List.<Object[]>of(new Object[] {0.5}, new Object[] {-1.5}));
    }
  }

  @Test
  void callsInBranches() {
    GradientCheck.verify(OUT, "inBranches", new String[] {"x", "s"}, new int[] {0, 1},
        List.of(
            new Object[] {new double[] {0.3, -0.7}, 0.9},
            new Object[] {new double[] {-0.3, 0.8}, 1.2}));
  }

  @Test
  void theInOutPullbackMapsTheAdjointOfTheNewContentsToThatOfTheOld() {
    // L(v, s) = seed * scale(v, s) + u · v_after: its gradient is what the in/out pullback
    // leaves in dv (and adds to ds), with dv holding u on entry
    double[] v = {0.7, -0.2, 1.3};
    double s = 1.4;
    double seed = -0.6;
    double[] u = {0.5, 2.0, -1.5};
    double[] dv = u.clone();
    double[] ds = {0.25};
    OUT.generated("scalePullbackInOut", v.clone(), s, seed, dv, ds);
    for (int i = 0; i < v.length; i++) {
      int cell = i;
      double expected =
          FiniteDifferences.derivative(
              t -> {
                double[] moved = v.clone();
                moved[cell] = t;
                return lagrangian(moved, s, seed, u);
              },
              v[i]);
      assertThat(dv[i]).as("dv[%s]", i).isCloseTo(expected, within(1e-8));
    }
    double expectedS = FiniteDifferences.derivative(t -> lagrangian(v, t, seed, u), s);
    assertThat(ds[0] - 0.25).isCloseTo(expectedS, within(1e-8));
  }

  @Test
  void theInOutPullbackOfAFloatArrayMapsTheAdjointOfTheNewContentsToThatOfTheOld() {
    // as for double[]: dv holds u on entry, and J^T u + seed · ∂f/∂v on return (it used to
    // return u + seed · ∂f/∂v, as if the array were not written)
    Differentiated d =
        Differentiated.of(
            "FloatInOut",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class FloatInOut {
              @Differentiable
              static float scaleF(float[] v, float s) {
                v[0] = v[0] * v[0] * s;
                v[1] = v[1] + v[0];
                return v[1];
              }
            }
            """);
    float[] v = {0.7f, -0.2f};
    float s = 1.5f;
    double seed = -0.5;
    float[] u = {0.5f, 2.0f};
    float[] dv = u.clone();
    float[] ds = {0};
    d.generated("scaleFPullbackInOut", v.clone(), s, seed, dv, ds);
    // L = seed · f + u · v_after, with v0' = v0² s, v1' = v1 + v0', f = v1'
    double dL0 = (seed + u[0] + u[1]) * 2 * v[0] * s;
    double dL1 = seed + u[1];
    double dLs = (seed + u[0] + u[1]) * v[0] * v[0];
    assertThat((double) dv[0]).isCloseTo(dL0, within(1e-5));
    assertThat((double) dv[1]).isCloseTo(dL1, within(1e-5));
    assertThat((double) ds[0]).isCloseTo(dLs, within(1e-5));
  }

  private static double lagrangian(double[] v, double s, double seed, double[] u) {
    double[] after = v.clone();
    double value = (double) OUT.original("scale", after, s);
    double sum = seed * value;
    for (int i = 0; i < u.length; i++) {
      sum += u[i] * after[i];
    }
    return sum;
  }

  @Test
  void theInOutPushforwardUpdatesTheTangentOfTheArrayInPlace() {
    double[] y = {0.8, 1.3};
    double[] direction = {0.3, -0.9};
    double hDot = -0.7;
    double kDot = 0.4;
    double h = 0.1;
    double k = 1.6;
    double[] yDot = direction.clone();
    double[] primal = y.clone();
    OUT.generated("stepPushforwardInOut", primal, h, k, yDot, hDot, kDot);
    double[] after = y.clone();
    OUT.original("step", after, h, k);
    assertThat(primal).as("the primal array, written as step writes it").containsExactly(after);
    for (int i = 0; i < y.length; i++) {
      int cell = i;
      double expected =
          FiniteDifferences.derivative(
              t -> {
                double[] moved = {y[0] + t * direction[0], y[1] + t * direction[1]};
                OUT.original("step", moved, h + t * hDot, k + t * kDot);
                return moved[cell];
              },
              0.0);
      assertThat(yDot[i]).as("yDot[%s]", i).isCloseTo(expected, within(1e-9));
    }
  }

  @Test
  void aFormThatCopiesTheArraysACalleeWritesDoesNotSayItAllocatesNothing() {
    // the in/out pullback of f copies w before sq writes it: an allocation its Javadoc must own
    Differentiated d =
        Differentiated.of(
            "Copies",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Copies {
              @Differentiable
              static double sq(double[] v) {
                v[0] = v[0] * v[0];
                return 0;
              }

              @Differentiable
              static double f(double[] w) {
                sq(w);
                return w[0];
              }
            }
            """);
    String source = d.generatedSource();
    int method = source.indexOf("public static double fPullbackInOut(");
    String javadoc = source.substring(source.lastIndexOf("/**", method), method);
    assertThat(javadoc).doesNotContain("Allocates nothing").contains("Allocates the tapes");
    GradientCheck.verify(d, "f", new String[] {"w"}, new int[] {0},
        List.<Object[]>of(new Object[] {new double[] {0.7, -1.2}}));
  }

  @Test
  void aWorkspaceKeepsTheCopyOfAnArrayACalleeWritesInto() {
    Differentiated d =
        Differentiated.of(
            "Buffers",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Buffers {
              /** Smooths v in place: a callee that writes into its array. */
              @Differentiable
              static double smoothInPlace(double[] v) {
                for (int i = 1; i < v.length; i++) {
                  v[i] = 0.5 * (v[i] + Math.sin(v[i - 1]));
                }
                return v[v.length - 1];
              }

              /** Fills a work array from w, smooths it, and sums its squares. */
              @Differentiable(wrt = "w")
              static double energy(double[] w, double[] work) {
                for (int i = 0; i < w.length; i++) {
                  work[i] = Math.tanh(w[i]);
                }
                smoothInPlace(work);
                double s = 0;
                for (int i = 0; i < work.length; i++) {
                  s += work[i] * work[i];
                }
                return s;
              }
            }
            """);
    assertThat(d.generatedMethod("energyPullback"))
        .as("the copy saved before smoothInPlace writes work, into the workspace's array")
        .contains("double[] workBefore = copied(workspace.workBefore, work);")
        .contains("workspace.workBefore = workBefore;")
        .as("and the copy of what the caller sees in work, put back at the end")
        .containsPattern("double\\[\\] (workAfter\\d*) = copied\\(workspace\\.\\1, work\\);");
    assertThat(d.generatedSource())
        .as("the forms without a workspace copy as before")
        .contains("double[] workBefore = java.util.Arrays.copyOf(work, work.length);")
        .containsPattern("double\\[\\] workAfter\\d* = work\\.clone\\(\\);");
    // one workspace for every point, the copy's length changing from point to point
    GradientCheck.verify(d, "energy", new String[] {"w"}, new int[] {0},
        List.of(
            new Object[] {new double[] {0.7, -1.2}, new double[2]},
            new Object[] {new double[] {0.3, 0.9, -0.4}, new double[4]},
            new Object[] {new double[] {-0.5}, new double[1]}));
  }

  @Test
  void aWritingCallInsideAnExpressionIsRefused() {
    assertThat(
        onlyDiagnostic(
            "p/Inside.java",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Inside {
              @Differentiable
              static double scale(double[] v, double s) {
                v[0] = v[0] * s;
                return v[0];
              }

              @Differentiable
              static double f(double[] w, double s) {
                return w[0] * scale(w, s);
              }
            }
            """))
        .startsWith("p/Inside.java:14:19: call to scale, which writes into its array parameters,"
            + " inside an expression")
        .contains("`double t = scale(...);`");
  }

  @Test
  void anArrayACalleeWritesPassedAsAnotherArgumentTooIsRefused() {
    // mix(w, w): mix's derivatives take a and b for distinct arrays, and would miss that b[0]
    // changes when a[0] is written (the derivative came out 0 where it is 4.056)
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                List.of(
                    new SourceFile(
                        "p/Alias.java",
                        """
                        package p;

                        import io.github.ad4j.Differentiable;

                        class Alias {
                          @Differentiable
                          static double mix(double[] a, double[] b) {
                            a[0] = b[0] * b[1];
                            a[1] = a[1] + b[0];
                            return 0;
                          }

                          @Differentiable
                          static double f(double[] x) {
                            double[] w = new double[2];
                            w[0] = x[0];
                            w[1] = x[1];
                            mix(w, w);
                            return w[0] * w[1];
                          }

                          @Differentiable
                          static double g(double[][] m) {
                            double t = mix(m[0], m[1]);
                            double u = mix(m[1], m[1]);
                            return t + u;
                          }
                        }
                        """)));
    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(
            "p/Alias.java:18:5: call to mix passes w to a, which mix writes into, and w to b: the"
                + " same array twice; pass a copy of one of them",
            "p/Alias.java:25:16: call to mix passes m[1] to a, which mix writes into, and m[1] to"
                + " b: the same array twice; pass a copy of one of them");
  }

  @Test
  void theRefusedCallInsideAnExpressionIsTheOneReported() {
    // scale is called on line 14 first, as a statement: the error is about line 15's call
    assertThat(
        onlyDiagnostic(
            "p/Second.java",
            """
            package p;

            import io.github.ad4j.Differentiable;

            class Second {
              @Differentiable
              static double scale(double[] v, double s) {
                v[0] = v[0] * s;
                return v[0];
              }

              @Differentiable
              static double f(double[] w, double s) {
                double t = scale(w, s);
                return t * w[0] * scale(w, s * s);
              }
            }
            """))
        .startsWith("p/Second.java:15:23: call to scale, which writes into its array parameters,"
            + " inside an expression");
  }

  @Test
  void secondDerivativesThroughAWritingCallAreRefused() {
    assertThat(
        onlyDiagnostic(
            "p/Second.java",
            """
            package p;

            import io.github.ad4j.Differentiable;
            import io.github.ad4j.Hessian;

            class Second {
              @Differentiable
              @Hessian
              static double scale(double[] v, double s) {
                v[0] = v[0] * s;
                return v[0];
              }

              @Differentiable
              @Hessian
              static double f(double[] w, double s) {
                scale(w, s);
                return w[0] * w[0];
              }
            }
            """))
        .contains("@Hessian on f, which calls scale, which writes into its array parameters");
  }

  /** The one diagnostic generating {@code source} gives, formatted as the build prints it. */
  private static String onlyDiagnostic(String path, String source) {
    GenerationResult result =
        DerivativeGenerator.create().generate(List.of(new SourceFile(path, source)));
    assertThat(result.diagnostics()).as("diagnostics of %s", path).hasSize(1);
    return result.diagnostics().get(0).format();
  }
}
