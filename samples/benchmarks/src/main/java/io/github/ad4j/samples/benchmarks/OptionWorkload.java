package io.github.ad4j.samples.benchmarks;

import org.hipparchus.analysis.differentiation.Gradient;

/** {@link Option#call} with respect to spot, strike, rate, volatility and time. */
final class OptionWorkload extends Workload {

  private final double[] spot = {100};
  private final double[] strike = {95};
  private final double[] rate = {0.03};
  private final double[] vol = {0.25};
  private final double[] time = {1.5};
  private final double[][] blocks = {spot, strike, rate, vol, time};

  @Override
  public String name() {
    return "blackScholes";
  }

  @Override
  public double[][] parameters() {
    return blocks;
  }

  @Override
  public double primal() {
    return Option.call(spot[0], strike[0], rate[0], vol[0], time[0]);
  }

  @Override
  public double generated(double[][] g) {
    return OptionGrad.callGradient(spot[0], strike[0], rate[0], vol[0], time[0], g[0], g[1],
        g[2], g[3], g[4]);
  }

  @Override
  public double generatedRecord(double[][] g) {
    OptionGrad.CallGradient r = OptionGrad.callGradient(spot[0], strike[0], rate[0], vol[0],
        time[0]);
    g[0][0] = r.dcalldspot();
    g[1][0] = r.dcalldstrike();
    g[2][0] = r.dcalldrate();
    g[3][0] = r.dcalldvol();
    g[4][0] = r.dcalldtime();
    return r.value();
  }

  /** N(x) and, through {@code slope[0]}, N'(x) of the approximation. */
  private static double normalCdf(double x, double[] slope) {
    double ax = Math.abs(x);
    double t = 1 / (1 + Option.P * ax);
    double poly =
        t * (Option.B1 + t * (Option.B2 + t * (Option.B3 + t * (Option.B4 + t * Option.B5))));
    double dpolydt = Option.B1 + t * (2 * Option.B2 + t * (3 * Option.B3
        + t * (4 * Option.B4 + t * 5 * Option.B5)));
    double e = Option.INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    double tail = e * poly;
    // d tail / dx = e' poly + e poly' t' |x|', with e' = -x e and t' = -P t²
    double dtail = -x * e * poly - e * dpolydt * Option.P * t * t * Math.signum(x);
    if (x >= 0) {
      slope[0] = -dtail;
      return 1 - tail;
    }
    slope[0] = dtail;
    return tail;
  }

  private final double[] slope = new double[1];

  /** The textbook adjoint, statement by statement backwards, as in Strata's priceAdjoint. */
  @Override
  public double handWritten(double[][] g) {
    double s = spot[0];
    double k = strike[0];
    double r = rate[0];
    double v = vol[0];
    double t = time[0];
    double sqrtT = Math.sqrt(t);
    double volSqrtTime = v * sqrtT;
    double d1 = (Math.log(s / k) + (r + 0.5 * v * v) * t) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    double discount = Math.exp(-r * t);
    double n1 = normalCdf(d1, slope);
    double n1Slope = slope[0];
    double n2 = normalCdf(d2, slope);
    double n2Slope = slope[0];
    double price = s * n1 - k * discount * n2;
    double ds = n1;
    double dk = -discount * n2;
    double ddiscount = -k * n2;
    double dd2 = -k * discount * n2Slope;
    double dd1 = s * n1Slope + dd2;
    double dvolSqrtTime = -dd2 - dd1 * d1 / volSqrtTime;
    double dr = -t * discount * ddiscount;
    double dt = -r * discount * ddiscount;
    double dnum = dd1 / volSqrtTime;
    ds += dnum / s;
    dk -= dnum / k;
    dr += t * dnum;
    double dv = v * t * dnum + sqrtT * dvolSqrtTime;
    dt += (r + 0.5 * v * v) * dnum + 0.5 * v * dvolSqrtTime / sqrtT;
    g[0][0] = ds;
    g[1][0] = dk;
    g[2][0] = dr;
    g[3][0] = dv;
    g[4][0] = dt;
    return price;
  }

  private static Gradient normalCdf(Gradient x) {
    Gradient t = x.abs().multiply(Option.P).add(1).reciprocal();
    Gradient poly = t.multiply(Option.B5).add(Option.B4).multiply(t).add(Option.B3).multiply(t)
        .add(Option.B2).multiply(t).add(Option.B1).multiply(t);
    Gradient tail = x.multiply(x).multiply(-0.5).exp().multiply(Option.INV_SQRT_2PI)
        .multiply(poly);
    return x.getValue() >= 0 ? tail.negate().add(1) : tail;
  }

  @Override
  public double hipparchus(double[][] g) {
    Gradient s = Gradient.variable(5, 0, spot[0]);
    Gradient k = Gradient.variable(5, 1, strike[0]);
    Gradient r = Gradient.variable(5, 2, rate[0]);
    Gradient v = Gradient.variable(5, 3, vol[0]);
    Gradient t = Gradient.variable(5, 4, time[0]);
    Gradient volSqrtTime = v.multiply(t.sqrt());
    Gradient d1 = s.divide(k).log().add(v.multiply(v).multiply(0.5).add(r).multiply(t))
        .divide(volSqrtTime);
    Gradient d2 = d1.subtract(volSqrtTime);
    Gradient discount = r.multiply(t).negate().exp();
    Gradient price = s.multiply(normalCdf(d1))
        .subtract(k.multiply(discount).multiply(normalCdf(d2)));
    double[] gradient = price.getGradient();
    for (int i = 0; i < 5; i++) {
      g[i][0] = gradient[i];
    }
    return price.getValue();
  }
}
