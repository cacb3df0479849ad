package io.github.ad4j.samples.finance;

import io.github.ad4j.Partial;

/**
 * The derivative of {@link Erf#erf}, declared for ad4j exactly as the built-in {@code Math} rules
 * are: d/dx erf(x) = 2/√π e^(−x²). The plugin substitutes each call's argument for {@code x}, so
 * {@code Erf.erf(d / Math.sqrt(2))} in a {@code @Differentiable} method is differentiated without
 * ad4j ever looking inside {@code Erf}.
 */
final class ErfRules {

  private ErfRules() {}

  @Partial(of = "Erf.erf", wrt = "x")
  static double erf(double x) {
    return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
  }
}
