package io.github.ad4j.samples.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the sample's erf against Hipparchus', and the generated gradient of {@link
 * BlackScholes#call} (through the user-declared rule for {@code Erf.erf}) against the textbook
 * Greeks.
 */
class BlackScholesTest {

  /** Spot, strike, rate, vol, time: at, in and out of the money, short and long, r ≤ 0 too. */
  static Stream<Arguments> markets() {
    return Stream.of(
        Arguments.of(100.0, 100.0, 0.05, 0.2, 1.0),
        Arguments.of(42.0, 40.0, 0.1, 0.2, 0.5),
        Arguments.of(100.0, 105.0, 0.03, 0.25, 0.75),
        Arguments.of(100.0, 130.0, 0.01, 0.35, 2.0),
        Arguments.of(50.0, 40.0, 0.02, 0.15, 0.25),
        Arguments.of(80.0, 100.0, 0.0, 0.5, 3.0),
        Arguments.of(1.2, 1.1, -0.005, 0.1, 0.1));
  }

  /** |actual − expected| ≤ 1e-12 |expected| (the worst seen is 4e-14). */
  private static void assertRelative(double actual, double expected, String what) {
    assertThat(actual).as(what).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
  }

  /** erf to 20 digits (mpmath 1.3 at 30 digits), in each of Cody's three intervals. */
  private static final double[][] ERF_TABLE = {
    {0.1, 0.1124629160182848984},
    {0.3, 0.32862675945912741619},
    {0.46875, 0.49261347321793799159},
    {0.5, 0.52049987781304653768},
    {1.0, 0.84270079294971486934},
    {1.5, 0.96610514647531072707},
    {2.0, 0.99532226501895273416},
    {2.5, 0.99959304798255504106},
    {3.0, 0.99997790950300141456},
    {3.5, 0.99999925690162765859},
    {4.0, 0.99999998458274209972},
    {4.5, 0.99999999980338395585},
    {5.5, 0.99999999999999264215},
  };

  @Test
  void erfIsCorrectToAboutAnUlp() {
    for (double[] row : ERF_TABLE) {
      assertThat(Erf.erf(row[0])).as("erf(%s)", row[0]).isCloseTo(row[1], within(2.3e-16));
      assertThat(Erf.erf(-row[0])).as("erf(-%s)", row[0]).isCloseTo(-row[1], within(2.3e-16));
    }
    assertThat(Erf.erf(0)).isZero();
    assertThat(Erf.erf(30)).isEqualTo(1.0);
    assertThat(Erf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(Erf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
    assertThat(Erf.erf(Double.NaN)).isNaN();
  }

  @Test
  void erfAgreesWithHipparchus() {
    // Hipparchus' erf (through the regularized gamma function) is itself good to about 1e-15.
    for (double x = -7; x <= 7; x += 0.001953125 * 3) {
      double expected = org.hipparchus.special.Erf.erf(x);
      assertThat(Erf.erf(x)).as("erf(%s)", x).isCloseTo(expected, within(1.5e-15));
    }
  }

  @Test
  void theGeneratedSlopeOfTheNormalCdfIsTheDensity() {
    for (double d = -6; d <= 6; d += 0.25) {
      BlackScholesGrad.NormalCdfGradient g = BlackScholesGrad.normalCdfGradient(d);
      assertThat(g.value()).isEqualTo(BlackScholes.normalCdf(d));
      // e^(−d²/2) magnifies the rounding of its argument d²/2 times: allow for it.
      double density = ClosedForm.normalPdf(d);
      assertThat(g.dnormalCdfdd())
          .as("N'(%s)", d)
          .isCloseTo(density, within(4e-16 * (2 + d * d) * density));
    }
  }

  @Test
  void hullsExampleIsPricedByHand() {
    // Hull, Options, Futures and Other Derivatives, Example 15.6: c = 4.76.
    double spot = 42;
    double strike = 40;
    double rate = 0.1;
    double vol = 0.2;
    double time = 0.5;
    double d1 = (Math.log(42.0 / 40) + (0.1 + 0.02) * 0.5) / (0.2 * Math.sqrt(0.5));
    double d2 = d1 - 0.2 * Math.sqrt(0.5);
    double n1 = 0.5 * (1 + org.hipparchus.special.Erf.erf(d1 / Math.sqrt(2)));
    double n2 = 0.5 * (1 + org.hipparchus.special.Erf.erf(d2 / Math.sqrt(2)));
    double byHand = 42 * n1 - 40 * Math.exp(-0.05) * n2;

    double price = BlackScholes.call(spot, strike, rate, vol, time);

    assertThat(d1).isCloseTo(0.7693, within(1e-4));
    assertThat(d2).isCloseTo(0.6278, within(1e-4));
    assertThat(price).isCloseTo(byHand, within(1e-14 * byHand));
    assertThat(price).isCloseTo(4.76, within(0.005));
    assertThat(BlackScholesGrad.callGradient(spot, strike, rate, vol, time).value())
        .isEqualTo(price);
  }

  @ParameterizedTest(name = "S={0} K={1} r={2} vol={3} T={4}")
  @MethodSource("markets")
  void oneSweepGivesTheTextbookGreeks(
      double spot, double strike, double rate, double vol, double time) {
    ClosedForm closed = new ClosedForm(spot, strike, rate, vol, time);

    BlackScholesGrad.CallGradient g = BlackScholesGrad.callGradient(spot, strike, rate, vol, time);

    assertThat(g.value()).isEqualTo(BlackScholes.call(spot, strike, rate, vol, time));
    assertRelative(g.dcalldspot(), closed.delta(), "delta");
    assertRelative(g.dcalldstrike(), closed.dualDelta(), "dual delta");
    assertRelative(g.dcalldrate(), closed.rho(), "rho");
    assertRelative(g.dcalldvol(), closed.vega(), "vega");
    assertRelative(-g.dcalldtime(), closed.theta(), "theta");
  }

  @ParameterizedTest(name = "S={0} K={1} r={2} vol={3} T={4}")
  @MethodSource("markets")
  void theFourFormsAgree(double spot, double strike, double rate, double vol, double time) {
    BlackScholesGrad.CallGradient g = BlackScholesGrad.callGradient(spot, strike, rate, vol, time);
    double[] dspot = {1};
    double[] dstrike = {2};
    double[] drate = {3};
    double[] dvol = {4};
    double[] dtime = {5};

    double value =
        BlackScholesGrad.callPullback(
            spot, strike, rate, vol, time, 0.5, dspot, dstrike, drate, dvol, dtime);

    assertThat(value).isEqualTo(g.value());
    assertThat(BlackScholesGrad.dcalldspot(spot, strike, rate, vol, time))
        .isEqualTo(g.dcalldspot());
    assertThat(BlackScholesGrad.dcalldstrike(spot, strike, rate, vol, time))
        .isEqualTo(g.dcalldstrike());
    assertThat(BlackScholesGrad.dcalldrate(spot, strike, rate, vol, time))
        .isEqualTo(g.dcalldrate());
    assertThat(BlackScholesGrad.dcalldvol(spot, strike, rate, vol, time))
        .isEqualTo(g.dcalldvol());
    assertThat(BlackScholesGrad.dcalldtime(spot, strike, rate, vol, time))
        .isEqualTo(g.dcalldtime());
    assertThat(dspot[0]).isCloseTo(1 + 0.5 * g.dcalldspot(), within(1e-15));
    assertThat(dstrike[0]).isCloseTo(2 + 0.5 * g.dcalldstrike(), within(1e-15));
    assertThat(drate[0]).isCloseTo(3 + 0.5 * g.dcalldrate(), within(1e-14));
    assertThat(dvol[0]).isCloseTo(4 + 0.5 * g.dcalldvol(), within(1e-14));
    assertThat(dtime[0]).isCloseTo(5 + 0.5 * g.dcalldtime(), within(1e-14));
  }
}
