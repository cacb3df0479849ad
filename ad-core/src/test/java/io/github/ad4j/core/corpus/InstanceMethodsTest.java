package io.github.ad4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Differentiable} instance method reads its object's fields as data; its derivatives
 * take the object as their first parameter: {@code PricerGrad.dpricedspot(pricer, spot, ...)}.
 */
class InstanceMethodsTest {

  private static final Differentiated PRICER =
      Differentiated.of(
          "Pricer",
          """
          package p;

          import io.github.ad4j.Differentiable;

          class Pricer {
            final double vol;
            final double[] curve;

            Pricer(double vol, double[] curve) {
              this.vol = vol;
              this.curve = curve;
            }

            @Differentiable
            static double discount(double rate, double time) {
              return Math.exp(-rate * time);
            }

            @Differentiable
            double forward(double spot, int i) {
              return spot * Math.exp(this.curve[i] * (i + 1));
            }

            @Differentiable
            double price(double spot, double strike) {
              double total = 0;
              for (int i = 0; i < curve.length; i++) {
                double forward = this.forward(spot, i);
                total += Math.max(forward - strike, 0) * discount(curve[i], i + 1);
              }
              return total * vol;
            }
          }
          """);

  @Test
  void theDerivativesTakeTheInstanceFirstAndReadItsFields() {
    Object pricer = PRICER.construct(0.3, new double[] {0.01, 0.02, 0.025});
    for (double[] point : new double[][] {{100, 90}, {80, 70}, {120, 100}}) {
      double spot = point[0];
      double strike = point[1];
      double expectedSpot =
          FiniteDifferences.derivative(
              s -> (double) PRICER.onInstance(pricer, "price", s, strike), spot);
      double expectedStrike =
          FiniteDifferences.derivative(
              k -> (double) PRICER.onInstance(pricer, "price", spot, k), strike);
      assertThat((double) PRICER.generated("dpricedspot", pricer, spot, strike))
          .isCloseTo(expectedSpot, within(1e-7));
      assertThat((double) PRICER.generated("dpricedstrike", pricer, spot, strike))
          .isCloseTo(expectedStrike, within(1e-7));
      Object record = PRICER.generated("priceGradient", pricer, spot, strike);
      assertThat(Differentiated.component(record, "value"))
          .isEqualTo(PRICER.onInstance(pricer, "price", spot, strike));
    }
    assertThat(PRICER.generatedSource())
        .contains("public static double dpricedspot(Pricer pricer, double spot, double strike)")
        .contains("pricer.curve[i]")
        .contains("double forward = pricer.forward(spot, i);")
        // forward's partials come with its value, from its gradient form, on the instance too
        .contains("PricerGrad.forwardGradient(pricer, spot, i, ");
  }
}
