package io.github.ad4j.samples.finance;

import io.github.ad4j.Differentiable;
import java.util.Random;

/**
 * A Monte Carlo pricer of the same European call. With the normal draws fixed, the price is a
 * function of the five market parameters, and its generated gradient is the <em>pathwise</em>
 * estimate of the Greeks (Glasserman, Monte Carlo Methods in Financial Engineering, §7.2): each
 * path's discounted payoff differentiated, then averaged.
 */
public final class MonteCarlo {

  /** Paths in the sample's simulation. */
  public static final int PATHS = 10_000;

  /** Seed of the sample's normal draws. */
  public static final long SEED = 20240601L;

  private MonteCarlo() {}

  /**
   * {@code count} standard normal numbers from {@code java.util.Random(seed).nextGaussian()}:
   * the same numbers on every run and every JVM.
   */
  public static double[] normals(int count, long seed) {
    Random random = new Random(seed);
    double[] normals = new double[count];
    for (int i = 0; i < count; i++) {
      normals[i] = random.nextGaussian();
    }
    return normals;
  }

  /**
   * e^(−rT) · mean over z in {@code normals} of max(S_T − K, 0), with S_T = S e^((r − σ²/2)T +
   * σ√T z), the terminal price under geometric Brownian motion. Differentiated with respect to
   * the market parameters, not the draws.
   *
   * @param normals the standard normal draws, one per path
   */
  @Differentiable(wrt = {"spot", "strike", "rate", "vol", "time"})
  public static double monteCarloCall(
      double spot, double strike, double rate, double vol, double time, double[] normals) {
    double drift = (rate - 0.5 * vol * vol) * time;
    double diffusion = vol * Math.sqrt(time);
    double sum = 0;
    for (double z : normals) {
      double terminal = spot * Math.exp(drift + diffusion * z);
      sum += Math.max(terminal - strike, 0);
    }
    return Math.exp(-rate * time) * sum / normals.length;
  }
}
