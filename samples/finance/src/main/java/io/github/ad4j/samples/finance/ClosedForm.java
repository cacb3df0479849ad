package io.github.ad4j.samples.finance;

/**
 * The textbook Black-Scholes Greeks of a call, written by hand (Hull, Options, Futures and Other
 * Derivatives, §19): what the generated gradient of {@link BlackScholes#call} is checked against.
 * N is {@link BlackScholes#normalCdf}, φ the standard normal density.
 */
public final class ClosedForm {

  private final double d1;
  private final double d2;
  private final double spot;
  private final double strike;
  private final double rate;
  private final double vol;
  private final double time;

  /** The Greeks at one market point. */
  public ClosedForm(double spot, double strike, double rate, double vol, double time) {
    this.spot = spot;
    this.strike = strike;
    this.rate = rate;
    this.vol = vol;
    this.time = time;
    this.d1 = (Math.log(spot / strike) + (rate + vol * vol / 2) * time) / (vol * Math.sqrt(time));
    this.d2 = d1 - vol * Math.sqrt(time);
  }

  /** The standard normal density φ(d) = e^(−d²/2) / √(2π). */
  public static double normalPdf(double d) {
    return Math.exp(-d * d / 2) / Math.sqrt(2 * Math.PI);
  }

  private static double cdf(double d) {
    return BlackScholes.normalCdf(d);
  }

  /** d₁. */
  public double d1() {
    return d1;
  }

  /** d₂ = d₁ − σ√T. */
  public double d2() {
    return d2;
  }

  /** Δ = ∂C/∂S = N(d₁). */
  public double delta() {
    return cdf(d1);
  }

  /** Dual delta ∂C/∂K = −e^(−rT) N(d₂). */
  public double dualDelta() {
    return -Math.exp(-rate * time) * cdf(d2);
  }

  /** ρ = ∂C/∂r = K T e^(−rT) N(d₂). */
  public double rho() {
    return strike * time * Math.exp(-rate * time) * cdf(d2);
  }

  /** ν = ∂C/∂σ = S φ(d₁) √T. */
  public double vega() {
    return spot * normalPdf(d1) * Math.sqrt(time);
  }

  /** Θ = −∂C/∂T = −S φ(d₁) σ / (2√T) − r K e^(−rT) N(d₂). */
  public double theta() {
    return -spot * normalPdf(d1) * vol / (2 * Math.sqrt(time))
        - rate * strike * Math.exp(-rate * time) * cdf(d2);
  }
}
