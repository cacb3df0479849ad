package io.github.ad4j.samples.finance;

import io.github.ad4j.Differentiable;

/**
 * The Black-Scholes price of a European call, written as a pricer is written. The plugin
 * generates {@code BlackScholesGrad} with {@code callGradient(...)}: the price and its five
 * partial derivatives (delta, dual delta, rho, vega and ∂/∂time = −theta) from one forward and
 * one backward sweep.
 */
public final class BlackScholes {

  private BlackScholes() {}

  /**
   * The standard normal distribution function N(d) = ½ (1 + erf(d / √2)). {@code Erf.erf} is
   * differentiated through the rule in {@link ErfRules}.
   */
  @Differentiable
  public static double normalCdf(double d) {
    return 0.5 * (1 + Erf.erf(d / Math.sqrt(2)));
  }

  /**
   * C = S N(d₁) − K e^(−rT) N(d₂), d₁ = (ln(S/K) + (r + σ²/2) T) / (σ√T), d₂ = d₁ − σ√T.
   *
   * @param spot the price S of the underlying today
   * @param strike the strike K
   * @param rate the continuously compounded risk-free rate r
   * @param vol the volatility σ
   * @param time the time to expiry T, in years
   * @return the price of the call
   */
  @Differentiable
  public static double call(double spot, double strike, double rate, double vol, double time) {
    double volSqrtTime = vol * Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    double discount = Math.exp(-rate * time);
    return spot * normalCdf(d1) - strike * discount * normalCdf(d2);
  }
}
