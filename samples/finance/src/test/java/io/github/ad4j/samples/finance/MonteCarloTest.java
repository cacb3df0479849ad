package io.github.ad4j.samples.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the generated pathwise Greeks of {@link MonteCarlo#monteCarloCall}: exactly against
 * finite differences of the same simulation with the same draws, exactly against the pathwise
 * estimator written by hand, and statistically against the Black-Scholes Greeks.
 */
class MonteCarloTest {

  private static final double[] NORMALS = MonteCarlo.normals(MonteCarlo.PATHS, MonteCarlo.SEED);

  /**
   * How far each finite-difference step moves ln S_T (or, for the strike, ln K). The payoff has
   * a kink at S_T = K: the differences are exact only if no path crosses the strike inside the
   * stencil, which {@link #noPathCrossesTheStrikeInsideTheStencil} asserts. Near the strike ln
   * S_T has a density of about 0.4/(σ√T) ≈ 5, so with 10,000 paths a move of 1e−4 (a step of
   * 1e−4 relative in the spot) crosses about ten paths and the differences are off by ~1e−4
   * relative; a move of 1e−7 expects to cross 0.01. The step cannot be much smaller: the price is
   * a sum of 10,000 terms whose rounding (~1e−13) the difference quotient divides by the step.
   */
  private static final double MOVE = 1e-7;

  /**
   * The step of parameter k at p: a change of ln S_T by about {@link #MOVE}, from ∂ln S_T/∂S =
   * 1/S, ∂/∂r = T, ∂/∂σ ≈ √T, ∂/∂T ≈ σ/√T.
   */
  private static double step(double[] p, int k) {
    double time = p[4];
    double vol = p[3];
    switch (k) {
      case 0:
      case 1:
        return MOVE * p[k];
      case 2:
        return MOVE / time;
      case 3:
        return MOVE / Math.sqrt(time);
      default:
        return MOVE * Math.sqrt(time) / vol;
    }
  }

  static Stream<Arguments> markets() {
    return Stream.of(
        Arguments.of(100.0, 105.0, 0.03, 0.25, 0.75),
        Arguments.of(100.0, 100.0, 0.05, 0.2, 1.0),
        Arguments.of(50.0, 40.0, 0.02, 0.15, 0.25));
  }

  private static double price(double[] p) {
    return MonteCarlo.monteCarloCall(p[0], p[1], p[2], p[3], p[4], NORMALS);
  }

  private static double[] gradient(double[] p) {
    MonteCarloGrad.MonteCarloCallGradient g =
        MonteCarloGrad.monteCarloCallGradient(p[0], p[1], p[2], p[3], p[4], NORMALS);
    assertThat(g.value()).isEqualTo(price(p));
    return new double[] {
      g.dmonteCarloCalldspot(),
      g.dmonteCarloCalldstrike(),
      g.dmonteCarloCalldrate(),
      g.dmonteCarloCalldvol(),
      g.dmonteCarloCalldtime()
    };
  }

  /** f with parameter k moved to x. */
  private static DoubleUnaryOperator along(double[] p, int k) {
    return x -> {
      double[] q = p.clone();
      q[k] = x;
      return price(q);
    };
  }

  /** Central differences with two levels of Richardson extrapolation (steps h, h/2, h/4). */
  private static double richardson(DoubleUnaryOperator f, double x, double h) {
    double[] d = new double[3];
    for (int i = 0; i < 3; i++) {
      double s = h / (1 << i);
      d[i] = (f.applyAsDouble(x + s) - f.applyAsDouble(x - s)) / (2 * s);
    }
    double r0 = (4 * d[1] - d[0]) / 3;
    double r1 = (4 * d[2] - d[1]) / 3;
    return (16 * r1 - r0) / 15;
  }

  /** Which paths end in the money. */
  private static boolean[] inTheMoney(double[] p) {
    double drift = (p[2] - 0.5 * p[3] * p[3]) * p[4];
    double diffusion = p[3] * Math.sqrt(p[4]);
    boolean[] itm = new boolean[NORMALS.length];
    for (int i = 0; i < NORMALS.length; i++) {
      itm[i] = p[0] * Math.exp(drift + diffusion * NORMALS[i]) > p[1];
    }
    return itm;
  }

  @Test
  void theDrawsAreFixed() {
    assertThat(NORMALS).hasSize(10_000);
    assertThat(NORMALS[0]).isEqualTo(-0.5788031066902634);
    assertThat(NORMALS[1]).isEqualTo(-1.4113383503925936);
    assertThat(NORMALS[2]).isEqualTo(0.723444766091633);
    assertThat(MonteCarlo.normals(MonteCarlo.PATHS, MonteCarlo.SEED)).isEqualTo(NORMALS);
  }

  @ParameterizedTest(name = "S={0} K={1} r={2} vol={3} T={4}")
  @MethodSource("markets")
  void noPathCrossesTheStrikeInsideTheStencil(
      double spot, double strike, double rate, double vol, double time) {
    double[] p = {spot, strike, rate, vol, time};
    boolean[] atThePoint = inTheMoney(p);
    for (int k = 0; k < 5; k++) {
      for (double sign : new double[] {-1, 1}) {
        double[] q = p.clone();
        q[k] += sign * step(p, k);
        assertThat(inTheMoney(q)).as("parameter %d moved by %s step", k, sign).isEqualTo(atThePoint);
      }
    }
  }

  @ParameterizedTest(name = "S={0} K={1} r={2} vol={3} T={4}")
  @MethodSource("markets")
  void gradientMatchesFiniteDifferencesOfTheSameSimulation(
      double spot, double strike, double rate, double vol, double time) {
    double[] p = {spot, strike, rate, vol, time};
    double[] g = gradient(p);
    double[][] byHand = pathwiseByHand(p);
    for (int k = 0; k < 5; k++) {
      double fd = richardson(along(p, k), p[k], step(p, k));
      // Relative to the Greek, or to the size of the per-path terms it averages where they cancel
      // (vega deep in the money: terms of ~20 averaging to −0.15), since the differences see the
      // rounding of those terms.
      double scale = Math.max(Math.abs(fd), byHand[k + 1][2]);
      assertThat(g[k]).as("parameter %d", k).isCloseTo(fd, within(1e-6 * scale));
    }
  }

  /**
   * The pathwise estimator by hand (Glasserman §7.2.2): per path, with D = e^(−rT) and 1 the
   * indicator of S_T &gt; K, ∂/∂S = D 1 S_T/S, ∂/∂K = −D 1, ∂/∂r = −T D (S_T − K)⁺ + D 1 S_T T,
   * ∂/∂σ = D 1 S_T (√T z − σT), ∂/∂T = −r D (S_T − K)⁺ + D 1 S_T (r − σ²/2 + σz/(2√T)). Returns,
   * for the price and each of the five, {mean, standard error, mean absolute value}.
   */
  private static double[][] pathwiseByHand(double[] p) {
    double spot = p[0];
    double strike = p[1];
    double rate = p[2];
    double vol = p[3];
    double time = p[4];
    double discount = Math.exp(-rate * time);
    double[] sum = new double[6];
    double[] sumSquares = new double[6];
    double[] sumAbs = new double[6];
    for (double z : NORMALS) {
      double terminal =
          spot * Math.exp((rate - vol * vol / 2) * time + vol * Math.sqrt(time) * z);
      double payoff = Math.max(terminal - strike, 0);
      double itm = terminal > strike ? 1 : 0;
      double[] path = {
        discount * payoff,
        discount * itm * terminal / spot,
        -discount * itm,
        -time * discount * payoff + discount * itm * terminal * time,
        discount * itm * terminal * (Math.sqrt(time) * z - vol * time),
        -rate * discount * payoff
            + discount * itm * terminal * (rate - vol * vol / 2 + vol * z / (2 * Math.sqrt(time)))
      };
      for (int j = 0; j < 6; j++) {
        sum[j] += path[j];
        sumSquares[j] += path[j] * path[j];
        sumAbs[j] += Math.abs(path[j]);
      }
    }
    int n = NORMALS.length;
    double[][] result = new double[6][];
    for (int j = 0; j < 6; j++) {
      double mean = sum[j] / n;
      double variance = (sumSquares[j] - n * mean * mean) / (n - 1);
      result[j] = new double[] {mean, Math.sqrt(variance / n), sumAbs[j] / n};
    }
    return result;
  }

  @ParameterizedTest(name = "S={0} K={1} r={2} vol={3} T={4}")
  @MethodSource("markets")
  void gradientIsThePathwiseEstimatorWrittenByHand(
      double spot, double strike, double rate, double vol, double time) {
    double[] p = {spot, strike, rate, vol, time};
    double[] g = gradient(p);
    double[][] byHand = pathwiseByHand(p);

    assertThat(price(p)).isCloseTo(byHand[0][0], within(1e-12 * byHand[0][0]));
    for (int k = 0; k < 5; k++) {
      double expected = byHand[k + 1][0];
      assertThat(g[k]).as("parameter %d", k).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }
  }

  @ParameterizedTest(name = "S={0} K={1} r={2} vol={3} T={4}")
  @MethodSource("markets")
  void pathwiseGreeksEstimateTheBlackScholesGreeks(
      double spot, double strike, double rate, double vol, double time) {
    double[] p = {spot, strike, rate, vol, time};
    double[] g = gradient(p);
    double[][] byHand = pathwiseByHand(p);
    ClosedForm closed = new ClosedForm(spot, strike, rate, vol, time);
    double[] exact = {
      BlackScholes.call(spot, strike, rate, vol, time),
      closed.delta(),
      closed.dualDelta(),
      closed.rho(),
      closed.vega(),
      -closed.theta()
    };
    double[] estimate = {price(p), g[0], g[1], g[2], g[3], g[4]};
    String[] names = {"price", "delta", "dual delta", "rho", "vega", "d/dtime"};

    for (int j = 0; j < 6; j++) {
      double standardError = byHand[j][1];
      // With these draws every estimate is within 1.5 standard errors.
      assertThat(estimate[j])
          .as("%s (standard error %s)", names[j], standardError)
          .isCloseTo(exact[j], within(3 * standardError));
    }
  }
}
