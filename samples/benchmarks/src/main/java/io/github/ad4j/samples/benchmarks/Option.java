package io.github.ad4j.samples.benchmarks;

import io.github.ad4j.Differentiable;

/**
 * The Black-Scholes price of a European call, with the normal distribution function of
 * Abramowitz and Stegun 26.2.17 (absolute error below 7.5e-8), so that every competitor
 * differentiates exactly the same function.
 */
public final class Option {

  static final double P = 0.2316419;
  static final double B1 = 0.319381530;
  static final double B2 = -0.356563782;
  static final double B3 = 1.781477937;
  static final double B4 = -1.821255978;
  static final double B5 = 1.330274429;
  static final double INV_SQRT_2PI = 0.3989422804014327;

  private Option() {}

  /** N(x), the standard normal distribution function. */
  @Differentiable
  public static double normalCdf(double x) {
    double t = 1 / (1 + P * Math.abs(x));
    double poly = t * (B1 + t * (B2 + t * (B3 + t * (B4 + t * B5))));
    double tail = INV_SQRT_2PI * Math.exp(-0.5 * x * x) * poly;
    return x >= 0 ? 1 - tail : tail;
  }

  /** C = S N(d₁) − K e^(−rT) N(d₂), d₁ = (ln(S/K) + (r + σ²/2) T) / (σ√T), d₂ = d₁ − σ√T. */
  @Differentiable
  public static double call(double spot, double strike, double rate, double vol, double time) {
    double volSqrtTime = vol * Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    double discount = Math.exp(-rate * time);
    return spot * normalCdf(d1) - strike * discount * normalCdf(d2);
  }
}
