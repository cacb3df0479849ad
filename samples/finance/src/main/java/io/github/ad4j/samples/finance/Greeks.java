package io.github.ad4j.samples.finance;

import java.util.Locale;

/**
 * Prints the price and Greeks of one European call three ways, side by side: the textbook closed
 * forms, the generated gradient of the Black-Scholes formula, and the generated gradient of the
 * Monte Carlo pricer (pathwise Greeks, 10,000 paths).
 */
public final class Greeks {

  static final double SPOT = 100;
  static final double STRIKE = 105;
  static final double RATE = 0.03;
  static final double VOL = 0.25;
  static final double TIME = 0.75;

  private Greeks() {}

  public static void main(String[] args) {
    ClosedForm closed = new ClosedForm(SPOT, STRIKE, RATE, VOL, TIME);
    BlackScholesGrad.CallGradient formula =
        BlackScholesGrad.callGradient(SPOT, STRIKE, RATE, VOL, TIME);
    double[] normals = MonteCarlo.normals(MonteCarlo.PATHS, MonteCarlo.SEED);
    MonteCarloGrad.MonteCarloCallGradient simulated =
        MonteCarloGrad.monteCarloCallGradient(SPOT, STRIKE, RATE, VOL, TIME, normals);

    System.out.printf(
        Locale.ROOT,
        "European call: S = %s, K = %s, r = %s, sigma = %s, T = %s%n%n",
        SPOT, STRIKE, RATE, VOL, TIME);
    System.out.printf(
        Locale.ROOT,
        "%-12s %20s %20s %20s%n",
        "", "closed form", "ad4j: Black-Scholes", "ad4j: Monte Carlo");
    row("price", BlackScholes.call(SPOT, STRIKE, RATE, VOL, TIME), formula.value(),
        simulated.value());
    row("delta", closed.delta(), formula.dcalldspot(), simulated.dmonteCarloCalldspot());
    row("dual delta", closed.dualDelta(), formula.dcalldstrike(),
        simulated.dmonteCarloCalldstrike());
    row("vega", closed.vega(), formula.dcalldvol(), simulated.dmonteCarloCalldvol());
    row("rho", closed.rho(), formula.dcalldrate(), simulated.dmonteCarloCalldrate());
    row("theta", closed.theta(), -formula.dcalldtime(), -simulated.dmonteCarloCalldtime());
    System.out.printf(
        Locale.ROOT,
        "%nclosed-form price: the formula evaluated; Monte Carlo: %d paths, seed %d, "
            + "pathwise Greeks%n",
        MonteCarlo.PATHS, MonteCarlo.SEED);
  }

  private static void row(String name, double closed, double formula, double simulated) {
    System.out.printf(
        Locale.ROOT, "%-12s %20.15f %20.15f %20.15f%n", name, closed, formula, simulated);
  }
}
