package io.github.ad4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import io.github.ad4j.core.testing.InMemoryCompiler;
import io.github.ad4j.core.testing.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated source of a few representative classes, byte for byte, against reviewed copies:
 * {@code src/test/resources/golden/<Name>.java} is the input (generated as {@code p/<Name>.java}),
 * {@code <Name>Grad.java.txt} the expected output.
 *
 * <p>A change to the generator that changes its output fails here until the copies are refreshed
 * and the difference reviewed: run {@code mvn -o -f ad-core/pom.xml test -Dad4j.updateGolden=true},
 * then read {@code git diff src/test/resources/golden}.
 */
class GoldenFilesTest {

  private static final boolean UPDATE = Boolean.getBoolean("ad4j.updateGolden");

  /** The inputs, {@code golden/<name>.java}, each with its reviewed output beside it. */
  static List<String> goldens() {
    return List.of(
        "Polynomial", "TanhViaExp", "Logistic", "Reassignment", "Huber", "BlackScholes", "Power",
        "Regression", "Piecewise", "Rosenbrock", "Residuals", "Perceptron", "Classifier");
  }

  @ParameterizedTest
  @MethodSource("goldens")
  void generatedSourceIsTheReviewedGoldenFile(String name) throws IOException {
    String generated = generate(name, resource(name + ".java")).content();

    if (UPDATE) {
      Path golden = sourceDirectory().resolve(name + "Grad.java.txt");
      Files.writeString(golden, generated, StandardCharsets.UTF_8);
      System.out.println("ad4j.updateGolden: wrote " + golden);
      return;
    }
    assertThat(generated)
        .as(
            "generated from golden/%s.java; if the change is intended, refresh with"
                + " -Dad4j.updateGolden=true and review the diff",
            name)
        .isEqualTo(resource(name + "Grad.java.txt"));
  }

  @ParameterizedTest
  @MethodSource("goldens")
  void goldenFileCompilesStrictlyWithItsInput(String name) {
    String input = resource(name + ".java");
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("p/" + name + ".java", input);
    sources.put(
        "p/" + name + "Grad.java",
        UPDATE ? generate(name, input).content() : resource(name + "Grad.java.txt"));
    InMemoryCompiler.compile(sources);
  }

  /** The goldens are reviewed for readability; their numbers are checked here as everywhere. */
  @ParameterizedTest
  @MethodSource("goldens")
  void goldenMethodsMatchFiniteDifferences(String name) {
    Differentiated d = Differentiated.of(name, resource(name + ".java"));
    switch (name) {
      case "Polynomial":
        check(d, "f", new String[] {"x", "y"}, new Object[] {2.0, 1.0}, new Object[] {-0.7, 3.1});
        assertThat(d.generated("dfdx", 2.0, 1.0)).isEqualTo(7.0);
        assertThat(d.generated("dfdy", 2.0, 1.0)).isEqualTo(8.0);
        break;
      case "TanhViaExp":
        check(d, "tanh", new String[] {"x"}, new Object[] {1.0}, new Object[] {-0.4});
        break;
      case "Logistic":
        check(d, "sigmoid", new String[] {"x"}, new Object[] {0.0}, new Object[] {-2.5});
        GradientCheck.verify(
            d,
            "loss",
            new String[] {"w", "b"},
            new int[] {0, 1},
            List.of(new Object[] {0.5, -0.25, 1.5, true}, new Object[] {-1.0, 0.75, 0.5, false}));
        break;
      case "Reassignment":
        check(
            d,
            "smooth",
            new String[] {"x", "y"},
            new Object[] {0.3, -0.8},
            new Object[] {0.9, 0.4});
        break;
      case "Huber":
        // one point in each piece, away from |r| = delta
        GradientCheck.verify(
            d,
            "loss",
            new String[] {"prediction", "target"},
            new int[] {0, 1},
            List.of(new Object[] {1.0, 0.5, 1.0}, new Object[] {-1.0, 2.0, 1.0}));
        break;
      case "BlackScholes":
        Object[] atTheMoney = {100.0, 100.0, 0.02, 0.2, 1.0};
        Object[] outOfTheMoney = {90.0, 110.0, 0.01, 0.35, 0.5};
        String[] all = {"spot", "strike", "rate", "vol", "time"};
        check(d, "d1", all, atTheMoney, outOfTheMoney);
        check(d, "vega", all, atTheMoney, outOfTheMoney);
        break;
      case "Power":
        GradientCheck.verify(
            d, "power", new String[] {"x"}, new int[] {0},
            List.of(new Object[] {1.3, 5}, new Object[] {-0.7, 3}, new Object[] {2.0, 0}));
        assertThat(d.generated("dpowerdx", 2.0, 3)).isEqualTo(12.0);
        break;
      case "Regression":
        double[][] x = {{1.0, 2.0}, {0.5, -1.0}, {-0.3, 0.8}};
        double[] y = {1.5, -0.2, 0.7};
        GradientCheck.verify(
            d, "loss", new String[] {"w", "b"}, new int[] {0, 1},
            List.of(new Object[] {new double[] {0.3, -0.4}, 0.1, x, y},
                new Object[] {new double[] {-1.2, 0.8}, -0.5, x, y}));
        break;
      case "Piecewise":
        // each point keeps its trip count under the finite-difference steps
        GradientCheck.verify(
            d, "settle", new String[] {"x", "rate"}, new int[] {0, 1},
            List.of(new Object[] {-1.5, 0.3}, new Object[] {0.8, 0.37}, new Object[] {2.0, 0.55}));
        break;
      case "Rosenbrock":
        GradientCheck.verify(
            d, "rosenbrock", new String[] {"x"}, new int[] {0},
            List.of(new Object[] {new double[] {-1.2, 1.0, 0.7}},
                new Object[] {new double[] {0.5, -0.3, 1.1, 2.0}}));
        for (double[] point : new double[][] {{-1.2, 1.0, 0.7}, {0.5, -0.3, 1.1, 2.0}}) {
          double[][] hessian = (double[][]) d.generated("rosenbrockHessian", (Object) point.clone());
          double[][] expected = rosenbrockHessian(point);
          for (int i = 0; i < point.length; i++) {
            for (int j = 0; j < point.length; j++) {
              assertThat(hessian[i][j])
                  .as("Hessian[%d][%d] at %s, against the closed form", i, j,
                      java.util.Arrays.toString(point))
                  .isCloseTo(expected[i][j], org.assertj.core.api.Assertions.within(1e-12 * 2000));
            }
          }
        }
        break;
      case "Residuals":
        // closed form: r_i = p0 e^(-p1 t_i) + p2 - y_i
        double[] p = {2.5, 0.7, 0.5};
        double[] t = {0, 0.5, 1, 2};
        double[][] jacobian =
            (double[][]) d.generated("residualsJacobian", p, t, new double[] {3, 2, 1, 0.5});
        for (int i = 0; i < t.length; i++) {
          double e = Math.exp(-p[1] * t[i]);
          assertThat(jacobian[i]).as("row %d", i)
              .containsExactly(new double[] {e, -p[0] * t[i] * e, 1},
                  org.assertj.core.api.Assertions.within(1e-15));
        }
        break;
      case "Perceptron":
        double[][] samples = {{0.5, -1.0}, {1.5, 0.5}, {-0.3, 0.8}};
        double[] targets = {0.3, -0.6, 0.9};
        GradientCheck.verify(
            d, "loss", new String[] {"w1", "b1", "w2", "b2"}, new int[] {0, 1, 2, 3},
            List.of(
                new Object[] {new double[][] {{0.1, -0.2}, {0.4, 0.5}, {-0.3, 0.2}},
                    new double[] {0.05, -0.1, 0.2}, new double[] {0.7, -0.3, 0.4}, 0.2, samples,
                    targets},
                new Object[] {new double[][] {{-0.5, 0.9}}, new double[] {0.3},
                    new double[] {-1.1}, -0.4, samples, targets}));
        break;
      case "Classifier":
        double[][] features = {{0.5, -1.0, 0.3}, {1.5, 0.5, -0.2}};
        double[] labels = {0.4, -0.7};
        GradientCheck.verify(
            d, "score", new String[] {"w"}, new int[] {0},
            List.<Object[]>of(new Object[] {new double[] {0.2, -0.6, 1.1}, features[0]}));
        GradientCheck.verify(
            d, "loss", new String[] {"w"}, new int[] {0},
            List.of(
                new Object[] {new double[] {0.2, -0.6, 1.1}, features, labels},
                new Object[] {new double[] {-0.9, 0.4, 0.25}, features, labels}));
        break;
      default:
        throw new AssertionError(name);
    }
  }

  /** The Hessian of Rosenbrock's function, in closed form. */
  private static double[][] rosenbrockHessian(double[] x) {
    double[][] h = new double[x.length][x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      h[i + 1][i + 1] += 200;
      h[i][i + 1] -= 400 * x[i];
      h[i + 1][i] -= 400 * x[i];
    }
    return h;
  }

  private static GeneratedFile generate(String name, String input) {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(List.of(new SourceFile("p/" + name + ".java", input)));
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files())
        .extracting(GeneratedFile::relativePath)
        .containsExactly("p/" + name + "Grad.java");
    return result.files().get(0);
  }

  private static void check(Differentiated d, String method, String[] wrt, Object[]... points) {
    int[] indexes = new int[wrt.length];
    for (int i = 0; i < wrt.length; i++) {
      indexes[i] = i;
    }
    GradientCheck.verify(d, method, wrt, indexes, List.of(points));
  }

  private static String resource(String name) {
    try {
      return Resources.read("/golden/" + name);
    } catch (AssertionError missing) {
      throw name.endsWith(".txt")
          ? new AssertionError(missing.getMessage() + "; create it with -Dad4j.updateGolden=true")
          : missing;
    }
  }


  /** Where the goldens live in the source tree: surefire runs in the module's directory. */
  private static Path sourceDirectory() throws IOException {
    Path dir = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
    if (!Files.isDirectory(dir)) {
      throw new IOException("no directory " + dir.toAbsolutePath() + "; run from ad-core");
    }
    return dir;
  }
}
