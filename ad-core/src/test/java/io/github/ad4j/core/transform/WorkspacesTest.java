package io.github.ad4j.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import io.github.ad4j.core.testing.GradientCheck;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The workspace overloads: {@code fGradient(params, accumulators..., FWorkspace)} and {@code
 * fPullback(params, seed, accumulators..., FWorkspace)} keep the tapes and adjoint arrays of a
 * method with loops in a workspace the caller passes again and again, so that once it has grown
 * to a call's size the call allocates nothing; the forms without a workspace call them with a
 * new one.
 */
class WorkspacesTest {

  private static final String SOURCE =
      """
      package p;

      import io.github.ad4j.Differentiable;

      class Tapes {
        /** A taped call in a counted loop, a branch in it, and a nested loop: three kinds of tape. */
        @Differentiable
        static double chain(double[] x) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double t = Math.tanh(x[i]);
            if (t > 0) {
              total += t * t;
            } else {
              total -= 0.5 * t;
            }
            for (int j = 0; j < i % 3; j++) {
              total = 0.5 * Math.sin(total) + x[j] * t;
            }
          }
          return total;
        }

        /** A while loop, whose trip count is known only at its end. */
        @Differentiable(wrt = {"x"})
        static double walk(double[] x, int steps) {
          double y = 0;
          int k = 0;
          while (k < steps) {
            y = 0.5 * Math.cos(y) * x[k % x.length] + y;
            k++;
          }
          return y;
        }

        /** An array of its own, whose adjoint the workspace keeps. */
        @Differentiable
        static double smooth(double[] x) {
          double[] s = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            s[i] = Math.sin(x[i]);
          }
          double total = 0;
          for (int i = 1; i < x.length; i++) {
            total += s[i] * s[i - 1];
          }
          return total;
        }

        /** Straight-line code allocates nothing: no workspace. */
        @Differentiable
        static double straight(double x, double y) {
          return x * Math.exp(y);
        }

        /** A loop whose backward sweep reads nothing taped allocates nothing: no workspace. */
        @Differentiable
        static double squares(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * x[i];
          }
          return s;
        }

        /** A sample's prediction, whose tanh values its backward sweep reads: it tapes. */
        @Differentiable(wrt = "w")
        static double predict(double[] w, double[] x) {
          double z = 0;
          for (int k = 0; k < x.length; k++) {
            z += Math.tanh(w[k] * x[k]);
          }
          return z;
        }

        /** Calls predict once a sample: its workspace holds predict's. */
        @Differentiable(wrt = "w")
        static double fit(double[] w, double[][] x, double[] y) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double e = predict(w, x[i]) - y[i];
            total += e * e;
          }
          return total;
        }

        /** Tapes nothing itself: its workspace is for fit's, which holds predict's. */
        @Differentiable(wrt = "w")
        static double scaled(double[] w, double[][] x, double[] y, double c) {
          return c * fit(w, x, y);
        }

        /** Calls itself: its workspace cannot hold its own, so the inner call makes one. */
        @Differentiable(wrt = "x")
        static double nest(double x, int depth) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += Math.sin(s + x);
          }
          if (depth > 0) {
            s += nest(0.5 * s, depth - 1);
          }
          return s;
        }

        /** Calls pong, which calls it back: neither workspace may hold the other's. */
        @Differentiable(wrt = "x")
        static double ping(double x, int n) {
          double s = x;
          for (int i = 0; i < 2; i++) {
            s = Math.sin(s) + x;
          }
          if (n > 0) {
            s += pong(s, n - 1);
          }
          return s;
        }

        @Differentiable(wrt = "x")
        static double pong(double x, int n) {
          double s = x;
          for (int i = 0; i < 2; i++) {
            s = Math.cos(s) * x;
          }
          if (n > 0) {
            s += ping(0.5 * s, n - 1);
          }
          return s;
        }

        /** With respect to both arrays, by default. */
        @Differentiable
        static double dot(double[] w, double[] x) {
          double z = 0;
          for (int k = 0; k < x.length; k++) {
            z += w[k] * x[k];
          }
          return Math.tanh(z);
        }

        /** Calls dot with a row of data: dot's pullback still wants an accumulator for it. */
        @Differentiable(wrt = "w")
        static double dots(double[] w, double[][] x) {
          double total = 0;
          for (int i = 0; i < x.length; i++) {
            double d = dot(w, x[i]);
            total += d * d;
          }
          return total;
        }

        // Callers compiled with the generated class, so that measuring calls no reflection

        static double dotsTimes(int calls, double[] w, double[][] x, double[] g,
            TapesGrad.DotsWorkspace ws) {
          double sum = 0;
          for (int c = 0; c < calls; c++) {
            sum += TapesGrad.dotsGradient(w, x, g, ws);
          }
          return sum;
        }

        static double scaledTimes(int calls, double[] w, double[][] x, double[] y, double[] g,
            TapesGrad.ScaledWorkspace ws) {
          double sum = 0;
          for (int c = 0; c < calls; c++) {
            sum += TapesGrad.scaledGradient(w, x, y, 0.5, g, ws);
          }
          return sum;
        }

        static double chainTimes(int calls, double[] x, double[] g, TapesGrad.ChainWorkspace w) {
          double sum = 0;
          for (int c = 0; c < calls; c++) {
            sum += TapesGrad.chainGradient(x, g, w);
          }
          return sum;
        }

        static double chainTimes(int calls, double[] x, double[] g) {
          double sum = 0;
          for (int c = 0; c < calls; c++) {
            sum += TapesGrad.chainGradient(x, g);
          }
          return sum;
        }

        static double walkTimes(int calls, double[] x, int steps, double[] g,
            TapesGrad.WalkWorkspace w) {
          double sum = 0;
          for (int c = 0; c < calls; c++) {
            sum += TapesGrad.walkPullback(x, steps, 0.5, g, w);
          }
          return sum;
        }

        static double smoothTimes(int calls, double[] x, double[] g, TapesGrad.SmoothWorkspace w) {
          double sum = 0;
          for (int c = 0; c < calls; c++) {
            sum += TapesGrad.smoothGradient(x, g, w);
          }
          return sum;
        }
      }
      """;

  /**
   * Calls measured once warm: a tape allocated per call would show as 16 bytes or more each,
   * while the reflective call that runs them (boxing, the method lookup's copies, a few kB)
   * spreads to a fraction of a byte.
   */
  private static final int CALLS = 10_000;

  private static Differentiated d;

  /** A workspace that came to hold its own kind (recursion) would make generation hang. */
  @BeforeAll
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  static void generate() {
    d = Differentiated.of("Tapes", SOURCE);
  }

  @Test
  void theGeneratedClassHasAWorkspaceExactlyForTheMethodsWhoseFormsAllocate() {
    List<String> workspaces = new ArrayList<>();
    for (String method :
        List.of("chain", "walk", "smooth", "straight", "squares", "predict", "fit", "scaled")) {
      if (d.newWorkspace(method) != null) {
        workspaces.add(method);
      }
    }
    assertThat(workspaces).containsExactly("chain", "walk", "smooth", "predict", "fit", "scaled");
    assertThat(d.generatedSource())
        .doesNotContain("StraightWorkspace")
        .doesNotContain("SquaresWorkspace");
  }

  @Test
  void aCallersWorkspaceHoldsTheWorkspacesOfTheCalleesThatTapeAndPassesThem() {
    String source = d.generatedSource();
    assertThat(source)
        .as("fit's workspace holds predict's; scaled's, fit's")
        .contains("private final PredictWorkspace predictWorkspace = new PredictWorkspace();")
        .contains("private final FitWorkspace fitWorkspace = new FitWorkspace();");
    assertThat(d.generatedMethod("fitPullback"))
        .contains("TapesGrad.predictPullback(w, x[i], dpredict, dw, workspace.predictWorkspace);");
    assertThat(d.generatedMethod("scaledPullback")).contains("workspace.fitWorkspace);");
    for (String form : List.of("fitPullback", "scaledPullback")) {
      java.util.regex.Matcher withWorkspace =
          java.util.regex.Pattern.compile("public static double " + form + "\\([^{]*Workspace"
              + " workspace\\) \\{").matcher(source);
      assertThat(withWorkspace.find()).as(form).isTrue();
      int at = withWorkspace.start();
      String javadoc = source.substring(source.lastIndexOf("/**", at), at);
      assertThat(javadoc.replaceAll("\\s*\\n\\s*\\* ", " "))
          .as("the Javadoc of %s", form)
          .contains("Allocates nothing once {@code workspace} has served a call at least as large,"
              + " with arrays of the same lengths");
    }
    Random random = new Random(8);
    List<Object[]> points = new ArrayList<>();
    for (int samples : new int[] {1, 4, 2}) {
      int n = 2 + samples % 3;
      double[][] x = new double[samples][];
      for (int i = 0; i < samples; i++) {
        x[i] = randomPoint(random, n);
      }
      points.add(new Object[] {randomPoint(random, n), x, randomPoint(random, samples), 1.5});
    }
    GradientCheck.verify(d, "scaled", new String[] {"w"}, new int[] {0}, points);
    GradientCheck.verify(d, "fit", new String[] {"w"}, new int[] {0},
        points.stream().map(p -> new Object[] {p[0], p[1], p[2]}).toList());
  }

  @Test
  void onceWarmACallerOfATapingCalleeAllocatesNothing() {
    Random random = new Random(6);
    double[] w = randomPoint(random, 8);
    double[][] x = new double[200][];
    for (int i = 0; i < x.length; i++) {
      x[i] = randomPoint(random, w.length);
    }
    double[] y = randomPoint(random, x.length);
    double[] g = new double[w.length];
    Object scaled = d.newWorkspace("scaled");
    d.original("scaledTimes", 5_000, w, x, y, g, scaled);
    assertThat(bytesPerCall(() -> d.original("scaledTimes", CALLS, w, x, y, g, scaled)))
        .as("bytes per scaledGradient(w, x, y, c, g, workspace), 200 samples of 8")
        .isLessThan(8);
  }

  @Test
  void theAccumulatorACalleeGetsForAnArgumentOfDataIsKeptToo() {
    assertThat(d.generatedMethod("dotsPullback"))
        .contains("dotScratch = zeroed(dotScratch, x[i].length);")
        .containsPattern("TapesGrad\\.dotPullback\\(w, x\\[i\\], \\w+, dw, dotScratch\\);")
        .contains("workspace.dotScratch = dotScratch;");
    Random random = new Random(9);
    double[] w = randomPoint(random, 6);
    double[][] x = new double[50][];
    for (int i = 0; i < x.length; i++) {
      x[i] = randomPoint(random, w.length);
    }
    double[] g = new double[w.length];
    Object dots = d.newWorkspace("dots");
    d.original("dotsTimes", 5_000, w, x, g, dots);
    assertThat(bytesPerCall(() -> d.original("dotsTimes", CALLS, w, x, g, dots)))
        .as("bytes per dotsGradient(w, x, g, workspace), 50 rows of 6")
        .isLessThan(8);
    GradientCheck.verify(d, "dots", new String[] {"w"}, new int[] {0},
        List.of(
            new Object[] {randomPoint(random, 3), new double[][] {randomPoint(random, 3)}},
            new Object[] {
              randomPoint(random, 4),
              new double[][] {randomPoint(random, 4), randomPoint(random, 2)}}));
  }

  @Test
  void aWorkspaceHoldsTheWorkspacesOfCalleesInOtherClassesAndPackages() {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(
        "q/Scores.java",
        """
        package q;

        import io.github.ad4j.Differentiable;

        public class Scores {
          @Differentiable(wrt = "w")
          public static double score(double[] w, double[] x) {
            double z = 0;
            for (int k = 0; k < x.length; k++) {
              z += Math.tanh(w[k] * x[k]);
            }
            return z;
          }
        }
        """);
    sources.put(
        "p/Other.java",
        """
        package p;

        import io.github.ad4j.Differentiable;

        class Other {
          /** Another score, which tapes z: its workspace class has the same simple name. */
          @Differentiable(wrt = "w")
          static double score(double[] w, double[] x) {
            double z = 0;
            for (int k = 0; k < x.length; k++) {
              z = Math.sin(z) + w[k] * x[k];
            }
            return z;
          }
        }
        """);
    sources.put(
        "p/Fit.java",
        """
        package p;

        import io.github.ad4j.Differentiable;
        import q.Scores;

        class Fit {
          @Differentiable(wrt = "w")
          static double loss(double[] w, double[][] x) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
              double e = Scores.score(w, x[i]) - Other.score(w, x[i]);
              total += e * e;
            }
            return total;
          }
        }
        """);
    Differentiated fit = Differentiated.ofFiles("Fit", sources);
    String source = fit.generatedSource();
    assertThat(source).contains("import q.ScoresGrad;");
    // one field per callee, of its own class's workspace type, passed to that callee's calls
    String[][] callees = {{"OtherGrad", "OtherGrad"}, {"ScoresGrad", "q.ScoresGrad"}};
    for (String[] callee : callees) {
      java.util.regex.Matcher field =
          java.util.regex.Pattern.compile(
                  "private final " + callee[0] + "\\.ScoreWorkspace (\\w+) = new " + callee[0]
                      + "\\.ScoreWorkspace\\(\\);")
              .matcher(source);
      assertThat(field.find()).as("a field holding %s's workspace", callee[0]).isTrue();
      assertThat(source)
          .containsPattern(java.util.regex.Pattern.quote(callee[1] + ".scorePullback(w, x[i], ")
              + "\\w+, dw, workspace\\." + field.group(1) + "\\);");
    }
    Random random = new Random(12);
    double[][] x = {randomPoint(random, 3), randomPoint(random, 3)};
    GradientCheck.verify(fit, "loss", new String[] {"w"}, new int[] {0},
        List.of(new Object[] {randomPoint(random, 3), x},
            new Object[] {randomPoint(random, 3), new double[][] {randomPoint(random, 3)}}));
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void methodsOfTwoClassesThatCallEachOtherAreGeneratedOnTwoThreadsWithoutWaitingForEachOther() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String[] pair : new String[][] {{"Ping", "Pong"}, {"Pong", "Ping"}}) {
      String self = pair[0];
      String other = pair[1];
      String method = self.toLowerCase(java.util.Locale.ROOT);
      sources.put(
          "p/" + self + ".java",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class %1$s {
            @Differentiable(wrt = "x")
            static double %2$s(double x, int n) {
              double s = x;
              for (int i = 0; i < 2; i++) {
                s = Math.sin(s) + x;
              }
              if (n > 0) {
                s += %3$s.%4$s(0.5 * s, n - 1);
              }
              return s;
            }
          }
          """.formatted(self, method, other, other.toLowerCase(java.util.Locale.ROOT)));
    }
    Differentiated ping = Differentiated.ofFiles("Ping", sources);
    assertThat(ping.generatedSource()).doesNotContain("final PongGrad.PongWorkspace");
    assertThat(ping.generatedSource("p/PongGrad.java"))
        .doesNotContain("final PingGrad.PingWorkspace");
    GradientCheck.verify(ping, "ping", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.4, 0}, new Object[] {-0.6, 3}));
  }

  @Test
  void aRecursiveMethodsWorkspaceDoesNotHoldItsOwn() {
    assertThat(d.newWorkspace("nest")).isNotNull();
    assertThat(d.generatedSource()).doesNotContain("final NestWorkspace");
    assertThat(d.generatedMethod("nestPullback"))
        .as("the inner call's gradient form, given no workspace")
        .contains("TapesGrad.nestGradient(0.5 * s, depth - 1, nestXCell);");
    GradientCheck.verify(d, "nest", new String[] {"x"}, new int[] {0},
        List.of(new Object[] {0.3, 0}, new Object[] {-0.8, 2}, new Object[] {1.1, 3}));
  }

  @Test
  void methodsThatCallEachOtherHoldNeitherWorkspace() {
    assertThat(d.newWorkspace("ping")).isNotNull();
    assertThat(d.newWorkspace("pong")).isNotNull();
    assertThat(d.generatedSource())
        .doesNotContain("final PingWorkspace")
        .doesNotContain("final PongWorkspace");
    for (String method : List.of("ping", "pong")) {
      GradientCheck.verify(d, method, new String[] {"x"}, new int[] {0},
          List.of(new Object[] {0.4, 0}, new Object[] {-0.7, 1}, new Object[] {0.9, 3}));
    }
  }

  @Test
  void theFormsWithoutAWorkspaceCallThoseWithOneInsteadOfRepeatingTheSweeps() {
    String source = d.generatedSource();
    assertThat(body(source, "chainPullback(double[] x, double seed, double[] dchaindx)"))
        .isEqualTo("return chainPullback(x, seed, dchaindx, new ChainWorkspace());");
    assertThat(body(source, "chainGradient(double[] x, double[] dchaindx, ChainWorkspace workspace)"))
        .isEqualTo("return chainPullback(x, 1.0, dchaindx, workspace);");
    assertThat(body(source, "chainGradient(double[] x, double[] dchaindx)"))
        .isEqualTo("return chainPullback(x, 1.0, dchaindx);");
  }

  @Test
  void theReportSaysWhichFormTapesAndWhichCallsIt() {
    assertThat(d.result().report())
        .contains("- `chainPullback(double[], double, double[], ChainWorkspace)`: Taped for the"
            + " backward sweep: ")
        .contains("- `chainPullback(double[], double, double[])`: Nothing is taped. It calls"
            + " `chainPullback`, which tapes for it.")
        .contains("- `chainGradient(double[], double[], ChainWorkspace)`: Nothing is taped. It"
            + " calls `chainPullback`, which tapes for it.");
  }

  @Test
  void theWorkspaceFormsGiveThePlainFormsGradientAndFiniteDifferencesAtSeveralPoints() {
    Random random = new Random(5);
    // one walk workspace for every point: its tape, sized by the steps, grows and shrinks
    Object walk = d.newWorkspace("walk");
    int[] steps = {7, 40, 3, 25};
    for (int point = 0; point < 4; point++) {
      double[] x = randomPoint(random, 4 + point);
      Object chain = d.newWorkspace("chain");
      Object smooth = d.newWorkspace("smooth");
      agrees("chain", x, chain);
      agrees("smooth", x, smooth);
      int n = steps[point];
      double[] plain = new double[x.length];
      double value = number(d.generated("walkPullback", x.clone(), n, 0.5, plain));
      double[] held = new double[x.length];
      assertThat(number(d.generated("walkPullback", x.clone(), n, 0.5, held, walk)))
          .as("walk with a workspace, %d steps", n)
          .isEqualTo(value)
          .isEqualTo(number(d.original("walk", x.clone(), n)));
      assertThat(held).as("walk with a workspace, %d steps", n).containsExactly(plain);
      for (int i = 0; i < x.length; i++) {
        int cell = i;
        double expected =
            0.5 * FiniteDifferences.partial(v -> number(d.original("walk", v, n)), x, cell);
        assertThat(held[i]).as("walk, ∂/∂x[%d]", i)
            .isCloseTo(expected, within(GradientCheck.FD_TOLERANCE * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @Test
  void oneWorkspaceServesCallsThatGrowAndShrink() {
    Random random = new Random(17);
    Object chain = d.newWorkspace("chain");
    Object smooth = d.newWorkspace("smooth");
    for (int n : new int[] {3, 1000, 5, 1000, 1}) {
      double[] x = randomPoint(random, n);
      agrees("chain", x, chain);
      agrees("smooth", x, smooth);
    }
  }

  @Test
  void onceWarmACallWithAWorkspaceAllocatesNothing() {
    double[] x = randomPoint(new Random(3), 500);
    double[] g = new double[x.length];
    Object chain = d.newWorkspace("chain");
    d.original("chainTimes", 20_000, x, g, chain); // the workspace grows, and the JIT compiles
    double held = bytesPerCall(() -> d.original("chainTimes", CALLS, x, g, chain));
    assertThat(held).as("bytes per chainGradient(x, g, workspace), n = 500").isLessThan(8);

    // the measurement sees tapes: without a workspace each call allocates at least n doubles
    d.original("chainTimes", 2_000, x, g);
    double plain = bytesPerCall(() -> d.original("chainTimes", CALLS, x, g));
    assertThat(plain).as("bytes per chainGradient(x, g), n = 500").isGreaterThan(8.0 * x.length);

    Object walk = d.newWorkspace("walk");
    d.original("walkTimes", 20_000, x, 700, g, walk);
    assertThat(bytesPerCall(() -> d.original("walkTimes", CALLS, x, 700, g, walk)))
        .as("bytes per walkPullback(x, 700, seed, g, workspace)")
        .isLessThan(8);
  }

  @Test
  void aWorkspaceKeepsTheAdjointsOfTheMethodsArraysButNotTheArraysThemselves() {
    double[] x = randomPoint(new Random(4), 500);
    double[] g = new double[x.length];
    Object smooth = d.newWorkspace("smooth");
    d.original("smoothTimes", 20_000, x, g, smooth);
    // smooth's own array s, n doubles and a header, is what the method itself allocates; its
    // adjoint ds and the tapes would be as much again
    assertThat(bytesPerCall(() -> d.original("smoothTimes", CALLS, x, g, smooth)))
        .as("bytes per smoothGradient(x, g, workspace), n = 500")
        .isLessThan(8.0 * x.length + 64);
  }

  /**
   * The workspace form of {@code method} at {@code x}: the value of the method, the gradient
   * of the form without a workspace to the bit (the same sweeps), and the finite-difference
   * gradient of the method.
   */
  private static void agrees(String method, double[] x, Object workspace) {
    double[] plain = new double[x.length];
    double value = number(d.generated(method + "Gradient", x.clone(), plain));
    double[] held = new double[x.length];
    assertThat(number(d.generated(method + "Gradient", x.clone(), held, workspace)))
        .as("%s with a workspace at n = %d", method, x.length)
        .isEqualTo(value)
        .isEqualTo(number(d.original(method, x.clone())));
    assertThat(held).as("%s with a workspace, n = %d", method, x.length).containsExactly(plain);
    // every element of short points, a spread of them of long ones
    int stride = x.length <= 10 ? 1 : 37;
    for (int i = 0; i < x.length; i += stride) {
      int cell = i;
      double expected =
          FiniteDifferences.partial(v -> number(d.original(method, (Object) v)), x, cell);
      assertThat(held[i])
          .as("%s, ∂/∂x[%d] of %d", method, i, x.length)
          .isCloseTo(expected, within(GradientCheck.FD_TOLERANCE * Math.max(1, Math.abs(expected))));
    }
  }

  /**
   * Mixed signs, so that both branches of chain run, and magnitudes of at least 0.2, so that
   * finite differences (steps up to 0.01) never straddle the kink of chain's branch at 0.
   */
  private static double[] randomPoint(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (random.nextBoolean() ? 1 : -1) * (0.2 + 0.8 * random.nextDouble());
    }
    return x;
  }

  /** The bytes the current thread allocates per call in {@code calls}, which makes CALLS. */
  private static double bytesPerCall(Supplier<Object> calls) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    calls.get();
    long after = threads.getCurrentThreadAllocatedBytes();
    return (after - before) / (double) CALLS;
  }

  private static double number(Object boxed) {
    return ((Number) boxed).doubleValue();
  }

  /** The statements of the method whose declaration ends with {@code signature}, stripped. */
  private static String body(String source, String signature) {
    int at = source.indexOf(signature + " {\n");
    assertThat(at).as("a method %s in%n%s", signature, source).isNotNegative();
    int start = at + signature.length() + 3;
    return source.substring(start, source.indexOf("\n  }\n", start)).strip();
  }
}
