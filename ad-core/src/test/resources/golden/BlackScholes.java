package p;

import io.github.ad4j.Differentiable;

/** Parts of the Black-Scholes formula that need no cumulative normal: d1 and vega. */
class BlackScholes {
  private static final double SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

  @Differentiable
  static double d1(double spot, double strike, double rate, double vol, double time) {
    return (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * Math.sqrt(time));
  }

  /** Vega, spot * sqrt(time) * phi(d1), with phi the standard normal density. */
  @Differentiable
  static double vega(double spot, double strike, double rate, double vol, double time) {
    double sqrtTime = Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * sqrtTime);
    double density = Math.exp(-0.5 * d1 * d1) / SQRT_TWO_PI;
    return spot * sqrtTime * density;
  }
}
