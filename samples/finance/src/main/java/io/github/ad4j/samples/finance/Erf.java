package io.github.ad4j.samples.finance;

/**
 * The error function in plain Java, standing in for a library's special function: it has loops
 * and branches that are none of ad4j's business, so it is <em>not</em> {@code @Differentiable}.
 * Its derivative is declared once, in {@link ErfRules}, and applies wherever {@code Erf.erf} is
 * called from a {@code @Differentiable} method.
 *
 * <p>W. J. Cody's rational Chebyshev approximations (Math. Comp. 23 (1969) 631–637; the {@code
 * CALERF} routine of Netlib's SPECFUN), accurate to about 1e−16 in double precision.
 */
public final class Erf {

  /** 1 / √π. */
  private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

  /** erf on [0, 0.46875]. */
  private static final double[] A = {
    3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
    3.20937758913846947e03, 1.85777706184603153e-1
  };

  private static final double[] B = {
    2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
    2.84423683343917062e03
  };

  /** erfc on (0.46875, 4]. */
  private static final double[] C = {
    5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
    2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
    2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8
  };

  private static final double[] D = {
    1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
    1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
    3.43936767414372164e03, 1.23033935480374942e03
  };

  /** erfc on (4, ∞). */
  private static final double[] P = {
    3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
    1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2
  };

  private static final double[] Q = {
    2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
    6.05183413124413191e-2, 2.33520497626869185e-3
  };

  /** Beyond this erfc underflows. */
  private static final double BIG = 26.543;

  private Erf() {}

  /**
   * erf(x) = 2/√π ∫₀ˣ e^(−t²) dt.
   *
   * @param x any real number
   * @return erf(x), in [−1, 1]; NaN for NaN
   */
  public static double erf(double x) {
    double y = Math.abs(x);
    if (y <= 0.46875) {
      double ysq = y > 1.11e-16 ? y * y : 0;
      double num = A[4] * ysq;
      double den = ysq;
      for (int i = 0; i < 3; i++) {
        num = (num + A[i]) * ysq;
        den = (den + B[i]) * ysq;
      }
      return x * (num + A[3]) / (den + B[3]);
    }
    double erfc = erfcAbove(y);
    return x < 0 ? erfc - 1 : 1 - erfc;
  }

  /** erfc(y) for y &gt; 0.46875 (NaN for NaN). */
  private static double erfcAbove(double y) {
    double ratio;
    if (y <= 4) {
      double num = C[8] * y;
      double den = y;
      for (int i = 0; i < 7; i++) {
        num = (num + C[i]) * y;
        den = (den + D[i]) * y;
      }
      ratio = (num + C[7]) / (den + D[7]);
    } else if (y < BIG) {
      double ysq = 1 / (y * y);
      double num = P[5] * ysq;
      double den = ysq;
      for (int i = 0; i < 4; i++) {
        num = (num + P[i]) * ysq;
        den = (den + Q[i]) * ysq;
      }
      ratio = (ONE_OVER_SQRT_PI - ysq * (num + P[4]) / (den + Q[4])) / y;
    } else {
      return y > 0 ? 0 : y;
    }
    // e^(−y²) as e^(−s²) e^(−(y−s)(y+s)) with s = y rounded down to 1/16: s² is exact, so the
    // rounding of y² is not magnified by the exponential.
    double s = Math.floor(16 * y) / 16;
    double del = (y - s) * (y + s);
    return Math.exp(-s * s) * Math.exp(-del) * ratio;
  }
}
