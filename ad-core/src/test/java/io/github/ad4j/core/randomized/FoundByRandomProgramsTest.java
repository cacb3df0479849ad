package io.github.ad4j.core.randomized;

import io.github.ad4j.core.testing.MethodBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program the randomized test ever found a wrong derivative in, kept verbatim (the
 * generator may change; these must not) and checked the same way on every build.
 *
 * <p>The first was an array declared after an early return, so inside the lowered guard; the
 * others (4,000 programs, seed 777) a branch whose only effect on an outer adjoint was to zero it
 * ({@code else { x = 3; }}), which the backward sweep dropped.
 *
 * <p>Callers found by {@link RandomOutParametersTest} are kept with their callees ({@link
 * #CALLERS}): the first stored a call's value into the array the call writes, {@code w[0] =
 * wb(..., w)}, whose backward sweep called the in/out pullback before zeroing the adjoint of
 * {@code w[0]}.
 */
class FoundByRandomProgramsTest {

  private static final List<ProgramGenerator.Program> FOUND =
      List.of(
      found(
          5139222258501651389L,
          ProgramGenerator.Level.ARRAYS,
          List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double[]", "a"), new ProgramGenerator.Param("int", "n")),
          """
            // program found0, level ARRAYS, seed 5139222258501651389
            @Differentiable
            static double found0(double x0, double[] a, int n) {
              a[0] = n > 0 ? Math.cos(Math.min(x0, x0)) : x0;
              double[] v0 = new double[n + 1];
              int k2 = 0;
              outer1:
              while (k2 < 3 && (Math.atan2(x0, 2 + Math.sin(v0[(0) % v0.length])) < (0.25 * n) && x0 > 0)) {
                k2++;
                v0[(n + 1) % v0.length] -= 0.25 * (v0[(n + 1) % v0.length] + Math.tanh(Math.exp(-Math.sin(a[a.length - 1]) * Math.sin(a[a.length - 1]))));
                double t3 = Math.tanh(Math.exp(Math.sin((a[a.length - 1]))));
              }
              if (0.25 * n < -0.5) {
                return Math.exp(-Math.tanh(a[(2 * n + 1) % a.length]) * Math.tanh(a[(2 * n + 1) % a.length]));
              }
              if (x0 - x0 < -a[(2 * n + 0) % a.length] && x0 > 0) {
                a[(n) % a.length] /= 2 + Math.sin(Math.sin(x0) * x0);
                x0 += 0.25 * (Math.atan(Math.atan2(a[(n + 1) % a.length], 2 + Math.tanh(a[(n + 1) % a.length])) + Math.atan2(x0, 2 + Math.cos(x0))) - x0);
              } else {
                if (v0[v0.length - 1] < 1) {
                  if (Math.exp(Math.sin(0.25 * n)) < x0 - x0) {
                    double t4 = x0;
                    double t5 = Math.tanh((Math.sqrt(1 + t4 * t4) < v0[0] ? Math.atan2(t4, 2 + Math.cos(a[a.length - 1])) : (!(-t4 > x0) || t4 > 0 ? 0.25 * n : x0)));
                  } else {
                    a[a.length - 1] = x0 < Math.sqrt(1 + x0 * x0) ? Math.tanh(Math.hypot(a[(2 * n + 0) % a.length], 0.5)) : x0;
                  }
                } else {
                  double t6 = Math.sin(Math.max(-x0, Math.min(x0, v0[(2 * n + 0) % v0.length])));
                  double t7 = Math.sin(x0);
                }
                int k9 = 0;
                outer8:
                while (k9 < n && ((v0[0]) / (2 + Math.cos(x0)) < Math.max(x0, v0[0]))) {
                  k9++;
                  if (a[a.length - 1] < -0.5 || x0 > 0) {
                    double t10 = Math.sin(Math.max(x0, a[0]) - Math.atan(x0));
                  }
                  x0 = Math.atan(a[a.length - 1]) < Math.atan(x0) ? Math.cos(Math.abs(a[a.length - 1])) : x0;
                }
                double t11 = Math.atan(((x0) / (2 + Math.cos(x0))) / (2 + Math.tanh(Math.max(a[(2 * n + 0) % a.length], x0))));
              }
              a[a.length - 1] = 0.5 * a[a.length - 1] + 0.5 * Math.tanh(Math.exp(-x0 * x0) + (v0[(2) % v0.length]));
              if (n > 1) {
                if (x0 > -0.5) {
                  if (0.25 * n > -0.5) {
                    x0 = Math.cos(Math.sin(Math.max(x0, v0[(2 * n + 1) % v0.length])));
                    x0 -= 0.25 * (x0 + Math.sin(x0));
                    if (a[(1) % a.length] < Math.abs(a[(2 * n + 2) % a.length])) {
                      return (x0 < 1 ? Math.exp(-a[(3) % a.length] * a[(3) % a.length]) : Math.exp(-a[0] * a[0]));
                    }
                  } else if (n % 2 == 0) {
                    x0 = Math.tanh(Math.exp(Math.sin(v0[(3) % v0.length] * x0)));
                    x0 -= 0.25 * (x0 + Math.sin(-x0 - a[0]));
                  } else {
                    x0 = Math.tanh(v0[v0.length - 1]);
                    double t12 = Math.sin(Math.exp(-Math.tanh(x0) * Math.tanh(x0)));
                    t12 += 0.25 * (Math.cos(Math.abs(v0[(n) % v0.length])) - t12);
                  }
                  double t13 = Math.cos((x0 > 0.5 ? Math.atan(v0[(n + 1) % v0.length]) : Math.abs(v0[v0.length - 1])));
                  t13 = a[a.length - 1] + t13 < x0 ? Math.atan(v0[0] + v0[0]) : x0;
                }
                double t14 = Math.sin(0.5);
              } else if (x0 > 0 && 0.25 * n > 0) {
                double t15 = Math.cos(Math.hypot((-0.75), 0.5));
              } else {
                double t16 = Math.sin(x0);
                a[(n + 1) % a.length] /= 2 + Math.cos(-a[0] + t16);
                double t17 = Math.sin(Math.atan2(t16, 2 + Math.tanh(x0)));
              }
              return x0 + 0.5 * x0 - 0.25 * x0 + 0.5 * a[0];
            }
          """),
      found(
          3245547805034232358L,
          ProgramGenerator.Level.LOOPS,
          List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("int", "n"), new ProgramGenerator.Param("double", "x1")),
          """
            // program found1, level LOOPS, seed 3245547805034232358
            @Differentiable
            static double found1(double x0, int n, double x1) {
              if (x0 < -0.5) {
                x1 /= 2 + Math.cos(x0 * x1);
                x1 = Math.tanh(Math.sqrt(1 + x1 * x1));
                for (int i0 = 4 - 1; i0 >= 0; i0--) {
                  x1 /= 2 + Math.tanh(x0);
                  if (n > 0) {
                    x1 = Math.tanh(Math.sqrt(1 + 0.25 * 0.25));
                    double t1 = x0;
                  } else {
                    if (x0 + x0 < 0.25 * n + x1 || x0 > 0) {
                      continue;
                    }
                    if (x1 < 0.5) {
                      continue;
                    }
                  }
                  x0 = n > 2 ? Math.sin((x0 > 0.5 && x0 > 0 ? x0 : x0)) : x0;
                }
              } else if (!(x1 > (-0.75))) {
                double t2 = Math.atan(Math.abs(Math.abs(x1)));
              } else {
                if (n % 2 == 0) {
                  return Math.sqrt(1 + x1 * x1);
                }
                if (x1 < 0) {
                  return Math.exp(-x0 * x0);
                }
                x0 += 0.25 * (Math.sin(Math.atan2(0.25 * n, 2 + Math.tanh(Math.atan(x1)))) - x0);
              }
              double t3 = Math.atan(Math.log(1 + x1 * x1));
              double t4 = x0;
              t3 += 0.25 * (Math.sin(Math.atan2(x1, 2 + Math.sin(Math.cos(x1)))) - t3);
              t3 += 0.25 * (Math.cos(Math.abs(x0 * x0)) - t3);
              return Math.atan2(Math.atan(x0), 2 + Math.tanh(t4)) + 0.5 * x1 - 0.25 * t3;
            }
          """),
      found(
          863460312270093574L,
          ProgramGenerator.Level.ARRAYS,
          List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double", "x1"), new ProgramGenerator.Param("double[]", "a")),
          """
            // program found2, level ARRAYS, seed 863460312270093574
            @Differentiable
            static double found2(double x0, double x1, double[] a) {
              x0 = Math.atan(-x1);
              if (x1 * x1 < (a[0])) {
                a[(1) % a.length] += 0.25 * (Math.cos(Math.abs(a[(4) % a.length]) + Math.min(a[(1) % a.length], x1)) - a[(1) % a.length]);
                if (Math.min(a[a.length - 1], 3) < x1 - a[(4) % a.length]) {
                  if (Math.min(x0, x0) < Math.abs(x1)) {
                    a[(4) % a.length] = Math.tanh(Math.exp(Math.sin(Math.log(1 + a[(0) % a.length] * a[(0) % a.length]))));
                  }
                } else {
                  if (x1 < x0 - (-0.75) && x1 > 0) {
                    x0 /= 2 + Math.sin((Math.exp(Math.sin(x1))) / (2 + Math.tanh(Math.sin(1.5))));
                  } else if (x0 * x0 < Math.min(x0, a[(0) % a.length])) {
                    a[0] -= 0.25 * (a[0] + Math.tanh(Math.abs(2.0) + Math.abs(x1)));
                    double t0 = Math.cos(((2.0 > 1 ? x0 : a[0])));
                  } else {
                    if (Math.min(a[a.length - 1], (-1.25)) < Math.hypot(x0, 0.5)) {
                      return Math.log(1 + Math.sin(x0) * Math.sin(x0));
                    }
                    x1 = Math.cos(Math.atan2(x1, 2 + Math.sin(x0)));
                  }
                }
                if (a[(0) % a.length] < Math.sqrt(1 + x1 * x1) && x0 > 0) {
                  x1 -= 0.25 * (x1 + Math.atan(Math.hypot(x0, 0.5)));
                  x1 *= Math.sin(Math.sqrt(1 + x0 * x0));
                  double t1 = Math.atan(x0 * Math.tanh(x1));
                } else if (x1 * a[(2) % a.length] < -x0) {
                  x0 *= Math.tanh(-a[0]);
                  x0 = x0 * x0 < (a[(4) % a.length]) || 0.25 > 0 ? Math.atan(x1 - a[(1) % a.length]) : x0;
                } else {
                  x0 = Math.sin(x0 * Math.sin(a[(1) % a.length]));
                }
              } else {
                if (-x1 < 0.5 * x0) {
                  x1 += 0.25 * (Math.tanh(x1 * a[a.length - 1]) - x1);
                } else {
                  x1 -= 0.25 * (x1 + Math.sin((Math.log(1 + a[(3) % a.length] * a[(3) % a.length]))));
                  if ((a[(3) % a.length] < 0.5 && 1.5 > 0 ? x1 : x1) < Math.exp(Math.sin(a[a.length - 1]))) {
                    return a[(0) % a.length];
                  }
                  a[a.length - 1] = Math.atan(x1 + a[(4) % a.length] - a[0]);
                }
                x0 = Math.sin(1.5);
              }
              x1 = 0.5 * x1 + 0.5 * Math.atan((-x1) / (2 + Math.sin(a[(2) % a.length])));
              x1 = Math.atan(x0);
              return Math.min(x1, x1) + Math.exp(Math.sin(a[a.length - 1])) + 0.5 * x0 - 0.25 * x1 + 0.5 * a[(4) % a.length];
            }
          """),
      found(
          3589672573897307445L,
          ProgramGenerator.Level.ARRAYS,
          List.of(new ProgramGenerator.Param("double[]", "a"), new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double", "x1"), new ProgramGenerator.Param("int", "n"), new ProgramGenerator.Param("double", "x2")),
          """
            // program found3, level ARRAYS, seed 3589672573897307445
            @Differentiable
            static double found3(double[] a, double x0, double x1, int n, double x2) {
              if (a[(2 * n + 1) % a.length] > 0.5) {
                int k0 = 0;
                do {
                  k0++;
                  double t1 = x0;
                  double t2 = x0;
                  t2 = Math.atan(x1);
                } while (k0 < n && (0.25 * n < -0.5));
                a[(n) % a.length] = a[0] > -0.5 ? Math.sin(Math.exp(Math.sin(3))) : x1;
              }
              for (int i3 = a.length - 1; i3 >= 0; i3--) {
                if (x2 > -0.5) {
                  continue;
                }
                x1 = Math.cos(Math.tanh(Math.cos(0.5)));
              }
              double t4 = x1;
              if (x1 > -0.5) {
                a[0] *= Math.tanh(x0);
                if (a[(n + 1) % a.length] > 1) {
                  if (!(a[(2 * n + 2) % a.length] * a[(2 * n + 0) % a.length] > 0.25 * n)) {
                    a[(2) % a.length] += 0.25 * (Math.atan(Math.log(1 + Math.sin(x2) * Math.sin(x2))) - a[(2) % a.length]);
                    x1 -= 0.25 * (x1 + Math.atan(3 - a[(n) % a.length] + x2 * a[(n) % a.length]));
                    double t5 = Math.cos(Math.exp(Math.sin(x2 + t4)));
                  } else if (Math.exp(Math.sin(x0)) < Math.min(x2, x1)) {
                    double t6 = Math.tanh(((-1.25) > 0.5 ? x0 - a[(n + 1) % a.length] : -x1));
                    x0 = Math.atan(Math.log(1 + a[a.length - 1] * a[a.length - 1]));
                  } else {
                    double t7 = Math.sin((a[0] + x2) / (2 + Math.tanh(x2 - a[(n) % a.length])));
                  }
                }
              }
              return Math.hypot(a[(4) % a.length], 0.5) + 0.5 * x1 - 0.25 * t4 + 0.5 * a[(n) % a.length];
            }
          """),
      found(
          3592405688895325003L,
          ProgramGenerator.Level.LOOPS,
          List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("int", "n")),
          """
            // program found4, level LOOPS, seed 3592405688895325003
            @Differentiable
            static double found4(double x0, int n) {
              x0 /= 2 + Math.tanh(x0);
              for (int i0 = 0; i0 < n; i0++) {
                double t1 = Math.sin(Math.sqrt(1 + Math.sin(x0) * Math.sin(x0)));
                int k2 = 0;
                while (k2 < i0 + 1 && (t1 > 0)) {
                  k2++;
                  x0 = Math.tanh(Math.atan((x0) / (2 + Math.cos((-0.75)))));
                  if (x0 < 1) {
                    double t3 = Math.sin((-0.75));
                    x0 = Math.tanh(Math.abs(t3));
                  } else {
                    double t4 = Math.tanh((-x0));
                    double t5 = Math.tanh(x0);
                  }
                }
                for (int i6 = 0; i6 < n; i6++) {
                  t1 *= Math.tanh(x0);
                }
              }
              double t7 = Math.atan(Math.atan2(x0, 2 + Math.sin(x0)) + Math.max(x0, x0));
              t7 = Math.atan(Math.abs(Math.log(1 + t7 * t7)));
              return Math.abs(t7 * x0) + 0.5 * t7 - 0.25 * x0;
            }
          """),
      found(
          484484831365092670L,
          ProgramGenerator.Level.ARRAYS,
          List.of(new ProgramGenerator.Param("int", "n"), new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double[]", "a"), new ProgramGenerator.Param("double", "x1"), new ProgramGenerator.Param("double", "x2")),
          """
            // program found5, level ARRAYS, seed 484484831365092670
            @Differentiable
            static double found5(int n, double x0, double[] a, double x1, double x2) {
              if (Math.abs(x0) < x2 + a[(2 * n + 2) % a.length]) {
                x1 += 0.25 * (Math.tanh(Math.exp(-x1 * x1)) - x1);
                int k0 = 0;
                while (k0 < 4 && (-x1 < Math.atan2(x0, 2 + Math.sin(x2)))) {
                  k0++;
                  for (double e1 : a) {
                    x1 = Math.atan(-0.25);
                  }
                }
                double t2 = x2;
              } else {
                for (double e3 : a) {
                  a[(n) % a.length] = Math.atan(x0);
                }
              }
              a[(2 * n + 1) % a.length] = 0.5 * a[(2 * n + 1) % a.length] + 0.5 * Math.tanh(Math.log(1 + a[a.length - 1] * a[a.length - 1]));
              a[(n + 1) % a.length] = 0.5 * a[(n + 1) % a.length] + 0.5 * Math.tanh(Math.log(1 + Math.cos(x0) * Math.cos(x0)));
              double t4 = Math.cos(Math.log(1 + Math.tanh(0.5) * Math.tanh(0.5)));
              double t5 = Math.atan(Math.min(x1, Math.max(x0, x0)));
              return Math.min(a[a.length - 1] + x0, -a[0]) + 0.5 * x0 - 0.25 * t5 + 0.5 * a[(4) % a.length];
            }
          """),
      found(
          8985497224871712866L,
          ProgramGenerator.Level.LOOPS,
          List.of(new ProgramGenerator.Param("int", "n"), new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double", "x1")),
          """
            // program found6, level LOOPS, seed 8985497224871712866
            @Differentiable(wrt = {"x0"})
            static double found6(int n, double x0, double x1) {
              x1 *= Math.cos(Math.hypot(Math.cos(x0), 0.5));
              if (x1 < 0) {
                if (n % 2 == 0) {
                  if (x1 < x1) {
                    double t0 = Math.sin((3 - x0));
                  } else {
                    x0 = 0.5 * x0 + 0.5 * Math.sin(x1 * x0 + Math.exp(Math.sin(0.25 * n)));
                    x1 *= Math.tanh(Math.atan2(x1, 2 + Math.cos(x1)) + Math.cos(x1));
                    double t1 = Math.cos(Math.hypot(x0, 0.5));
                  }
                  double t2 = x0;
                } else {
                  for (int i3 = n - 1; i3 >= 0; i3--) {
                    x1 = Math.atan(Math.atan(Math.exp(-0.25 * i3 * 0.25 * i3)));
                  }
                  double t4 = Math.sin(Math.exp(-x1 * x1) - x0);
                  if (0.5 > -0.5) {
                    t4 += 0.25 * (Math.atan(Math.exp(Math.sin(x0)) - Math.sin(0.25 * n)) - t4);
                    if (n % 2 == 0) {
                      return Math.exp(-x0 * x0) - 0.25 * n;
                    }
                  } else if (t4 > -0.5) {
                    double t5 = Math.atan(-t4);
                    t5 = 0.5 * t5 + 0.5 * Math.tanh(Math.exp(Math.sin(Math.log(1 + x0 * x0))));
                  } else {
                    x1 -= 0.25 * (x1 + Math.tanh(Math.abs(Math.exp(Math.sin(x1)))));
                    x1 = 0.5 * x1 + 0.5 * Math.tanh(Math.exp(-t4 * t4));
                  }
                }
                double t6 = Math.tanh(Math.min(-x0, 1.5 * x0));
              }
              if (!(x1 > x1)) {
                return x0 + x1 - 0.25;
              }
              x1 += 0.25 * (Math.atan((0.25 * n) / (2 + Math.sin(Math.sqrt(1 + x0 * x0)))) - x1);
              double t7 = x0;
              t7 = Math.sin(Math.tanh(-x1));
              if (n % 2 == 0) {
                for (int i8 = 0; i8 < 3; i8++) {
                  t7 /= 2 + Math.cos((!((!(-t7 > x0) || x1 > 0 ? x0 : t7) > x0) ? Math.hypot(t7, 0.5) : Math.max(0.25 * n, x0)));
                }
                x1 += 0.25 * (Math.tanh((x0 + x1) / (2 + Math.cos((x1)))) - x1);
              } else {
                t7 = Math.atan(Math.hypot(x0, 0.5) - x1);
                double t9 = Math.tanh(Math.atan2(Math.cos(t7), 2 + Math.cos(t7)));
              }
              return Math.exp(Math.sin(Math.tanh(x0))) + 0.5 * t7 - 0.25 * t7;
            }
          """),
      found(
          3736232659777317899L,
          ProgramGenerator.Level.LOOPS,
          List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("int", "n"), new ProgramGenerator.Param("double", "x1"), new ProgramGenerator.Param("double", "x2")),
          """
            // program found7, level LOOPS, seed 3736232659777317899
            @Differentiable(wrt = {"x0", "x1"})
            static double found7(double x0, int n, double x1, double x2) {
              double t0 = x1;
              if ((x2 < x1 * x0 ? t0 : x2) < t0 * x0) {
                double t1 = Math.sin(((x0) / (2 + Math.sin(x0))));
                if ((x2 < 0.5 ? t1 : x1) < Math.abs(x2)) {
                  x0 += 0.25 * (Math.sin(Math.exp(Math.sin(Math.min(x0, x2)))) - x0);
                  x1 = Math.cos(Math.exp(-t1 * t1));
                }
                double t2 = Math.sin((Math.exp(Math.sin(x0))) / (2 + Math.sin((t0) / (2 + Math.sin(t0)))));
              }
              t0 = 0.5 * t0 + 0.5 * Math.sin(Math.atan(Math.tanh(x0)));
              if (x1 < -0.5) {
                double t3 = x0;
              } else if (x0 < -0.5) {
                outer4:
                for (int i5 = 0; i5 < n; i5++) {
                  if (x0 > 0) {
                    t0 *= Math.tanh(Math.atan2(x1, 2 + Math.sin(x0)));
                  } else if (n > 2) {
                    x2 -= 0.25 * (x2 + Math.atan(Math.cos((x2 * x0 < Math.tanh(x1) ? x2 : x2))));
                    double t6 = Math.atan(Math.cos(x1) * x1);
                  } else {
                    t0 += 0.25 * (Math.cos(Math.sin(x0)) - t0);
                    double t7 = Math.sin(Math.atan2(x0, 2 + Math.sin(x2)));
                  }
                  x0 = 0.5 * x0 + 0.5 * Math.atan(Math.atan(x0) + t0);
                }
                double t8 = Math.atan(Math.exp(Math.sin(Math.atan2(0.25 * n, 2 + Math.cos(x1)))));
              } else {
                double t9 = Math.atan(Math.exp(-x1 * x1));
                double t10 = Math.atan(-Math.atan(0.25 * n));
                int k11 = 0;
                do {
                  k11++;
                  int k12 = 0;
                  while (k12 < n && (-x1 < Math.atan2(t9, 2 + Math.sin(t0)))) {
                    k12++;
                    double t13 = Math.sin(((-1.25) - t9));
                    t0 = Math.atan(-Math.tanh(0.25));
                  }
                  x2 = Math.cos(((-0.75) < 1 ? Math.cos(t10) : Math.cos(0.25 * n)));
                } while (k11 < n && (n > 2));
              }
              t0 -= 0.25 * (t0 + Math.sin(Math.abs(t0 * x1)));
              x0 *= Math.tanh(t0);
              return Math.abs(Math.min(x1, 0.25 * n)) + 0.5 * x2 - 0.25 * t0;
            }
          """),
      found(
          2458580224824891344L,
          ProgramGenerator.Level.ARRAYS,
          List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double", "x1"), new ProgramGenerator.Param("double[]", "a"), new ProgramGenerator.Param("double", "x2"), new ProgramGenerator.Param("int", "n")),
          """
            // program found8, level ARRAYS, seed 2458580224824891344
            @Differentiable
            static double found8(double x0, double x1, double[] a, double x2, int n) {
              double t0 = Math.sin((Math.log(1 + 0.25 * n * 0.25 * n)) / (2 + Math.cos(Math.exp(Math.sin(x0)))));
              a[(0) % a.length] = Math.sin((Math.hypot(a[(2 * n + 1) % a.length], 0.5)));
              double t1 = Math.tanh(-Math.sin(a[0]));
              outer2:
              for (double e3 : a) {
                t0 = Math.cos(-0.25 * n);
                int k4 = 0;
                do {
                  k4++;
                  double t5 = Math.cos(Math.abs(Math.sqrt(1 + 0.25 * n * 0.25 * n)));
                  if (n % 2 == 0) {
                    break;
                  }
                } while (k4 < a.length && (Math.max(x1, a[a.length - 1]) < a[(k4 + 1) % a.length]));
              }
              return Math.log(1 + t0 * t0) + 0.5 * x2 - 0.25 * x1 + 0.5 * a[(2 * n + 0) % a.length];
            }
          """),
      found(
          6210645957696961613L,
          ProgramGenerator.Level.BRANCHES,
          List.of(new ProgramGenerator.Param("double", "x0")),
          """
            // program found9, level BRANCHES, seed 6210645957696961613
            @Differentiable
            static double found9(double x0) {
              double t0 = x0;
              if (t0 < Math.cos(t0)) {
                x0 = Math.sin(t0);
                if (3 > 1) {
                  t0 = Math.cos(0.5 + Math.atan(0.5));
                } else {
                  double t1 = Math.cos(-Math.tanh(t0));
                  double t2 = Math.tanh(Math.atan(Math.exp(-t1 * t1)));
                  t1 = Math.tanh(t2);
                }
                x0 = x0 < -0.5 ? Math.cos(Math.exp(-(-1.25) * (-1.25))) : t0;
              } else {
                t0 = Math.cos(Math.max(Math.abs(t0), -x0));
                if ((-0.75) < 0.5) {
                  if ((t0) / (2 + Math.sin(t0)) < Math.sqrt(1 + x0 * x0)) {
                    double t3 = Math.cos(Math.abs(0.25) + x0);
                  }
                  double t4 = Math.tanh(Math.sin(x0) * Math.atan(x0));
                  double t5 = Math.atan(Math.exp(-x0 * x0));
                } else {
                  double t6 = x0;
                  double t7 = Math.tanh((Math.exp(-t6 * t6)) / (2 + Math.cos(x0 * x0)));
                }
                if (t0 * x0 < Math.tanh(t0) || t0 > 0) {
                  double t8 = Math.sin(((t0 < (-0.75) + t0 || x0 > 0 ? x0 : x0)) / (2 + Math.cos(-x0)));
                  double t9 = Math.atan(Math.tanh(Math.log(1 + x0 * x0)));
                } else if (x0 * x0 < t0 || x0 > 0) {
                  t0 = (x0) < x0 - x0 ? Math.cos(Math.exp(-x0 * x0)) : x0;
                  t0 = 0.5 * t0 + 0.5 * Math.atan((t0 + x0));
                } else {
                  x0 = Math.sqrt(1 + x0 * x0) < x0 + t0 && t0 > 0 ? Math.sin(0.25 * x0) : x0;
                }
              }
              double t10 = x0;
              double t11 = Math.tanh(Math.sin(x0 - t0));
              return Math.exp(Math.sin(x0)) + 0.5 * t0 - 0.25 * t10;
            }
          """),
      found(
          7749889124109233327L,
          ProgramGenerator.Level.BRANCHES,
          List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double", "x1"), new ProgramGenerator.Param("double", "x2")),
          """
            // program found10, level BRANCHES, seed 7749889124109233327
            @Differentiable
            static double found10(double x0, double x1, double x2) {
              x1 = Math.sin(Math.abs(Math.log(1 + x0 * x0)));
              if (2.0 > 0.5) {
                x1 = Math.sin(Math.exp(-2.0 * 2.0));
                double t0 = Math.cos(-x1);
                double t1 = Math.cos(Math.exp(-x2 * x2) - t0);
              }
              x0 -= 0.25 * (x0 + Math.atan(Math.exp(Math.sin(x1 + x1))));
              return 0.5 + 0.5 * x2 - 0.25 * x0;
            }
          """),
      found(
          3029050578124763162L,
          ProgramGenerator.Level.BRANCHES,
          List.of(new ProgramGenerator.Param("double", "x0")),
          """
            // program found11, level BRANCHES, seed 3029050578124763162
            @Differentiable
            static double found11(double x0) {
              x0 -= 0.25 * (x0 + Math.cos(Math.exp(Math.sin(x0)) - x0));
              if (Math.exp(-x0 * x0) < x0 * x0) {
                double t0 = Math.atan(x0);
              } else {
                x0 = Math.cos(Math.log(1 + (-1.25) * (-1.25)));
              }
              x0 *= Math.tanh(Math.exp(Math.sin(x0 - x0)));
              if (Math.exp(Math.sin(x0)) < 1.5 * x0) {
                x0 *= Math.tanh(Math.log(1 + x0 * x0));
                if (Math.sqrt(1 + x0 * x0) < 0.25 || x0 > 0) {
                  x0 = Math.cos((x0 + x0));
                } else {
                  if (-x0 < Math.min(x0, x0) || x0 > 0) {
                    double t1 = x0;
                    double t2 = t1;
                    double t3 = Math.sin(Math.min((x0), (2.0) / (2 + Math.tanh(t2))));
                  } else {
                    double t4 = Math.atan(Math.hypot(x0, 0.5));
                    double t5 = Math.sin((Math.log(1 + x0 * x0)) / (2 + Math.tanh(x0 - x0)));
                  }
                  if (x0 > 1) {
                    double t6 = Math.sin(Math.sqrt(1 + Math.sin(x0) * Math.sin(x0)));
                    double t7 = Math.tanh(Math.sqrt(1 + x0 * x0));
                  }
                  x0 = x0 > 0 && x0 > 0 ? Math.atan(3 * x0) : x0;
                }
                x0 *= Math.cos(x0 * x0);
              } else {
                double t8 = Math.cos(x0);
                if (x0 < Math.atan(t8)) {
                  t8 = 0.5 * t8 + 0.5 * Math.atan(x0 * Math.sin(t8));
                } else {
                  double t9 = Math.sin(t8 - x0);
                  x0 = Math.cos((Math.abs(x0)) / (2 + Math.tanh(Math.sin(t8))));
                  t9 = Math.sin(t8);
                }
              }
              x0 -= 0.25 * (x0 + Math.tanh(Math.exp(-Math.atan(x0) * Math.atan(x0))));
              double t10 = Math.atan(x0);
              return Math.log(1 + t10 * t10) + t10 * t10 + 0.5 * x0 - 0.25 * x0;
            }
          """)
      );

  /** A caller the randomized tests found a wrong derivative in, and the methods it calls. */
  private record FoundCaller(ProgramGenerator.Program caller, List<MethodBatch.Member> callees) {}

  private static final List<FoundCaller> CALLERS =
      List.of(
          // minimised from caller3_7 (seed -6973252269591206426) of RandomOutParametersTest
          new FoundCaller(
              found(
                  -6973252269591206426L,
                  ProgramGenerator.Level.ARRAYS,
                  List.of(new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("double", "x1"), new ProgramGenerator.Param("double", "x2"), new ProgramGenerator.Param("int", "n")),
                  """
                    // caller found12, seed -6973252269591206426, minimised
                    @Differentiable
                    static double found12(double x0, double x1, double x2, int n) {
                      double[] w = new double[1];
                      w[0] = x1 * x2;
                      w[0] = wbFound12(Math.sin(x1), 2, w);
                      return Math.sin(w[0]) + x0;
                    }
                  """),
              List.of(
                  new MethodBatch.Member(
                      "wbFound12",
                      """
                        @Differentiable
                        static double wbFound12(double x0, int n, double[] a) {
                          a[0] *= Math.cos(x0);
                          return 0.5 * x0 + 0.5 * a[0];
                        }
                      """))));

  @TestFactory
  Stream<DynamicTest> everyCallerTheRandomizedTestsFoundIsRightNow() {
    List<MethodBatch.Member> members = new ArrayList<>();
    for (FoundCaller f : CALLERS) {
      members.addAll(f.callees());
      members.add(new MethodBatch.Member(f.caller().name(), f.caller().source()));
    }
    MethodBatch batch = MethodBatch.of("FoundCallers", members);
    return CALLERS.stream()
        .map(f -> DynamicTest.dynamicTest(f.caller().name() + " (seed " + f.caller().seed() + ")",
            () ->
                org.assertj.core.api.Assertions.assertThat(RandomProgramTest.check(batch, f.caller()))
                    .as("%s was checked at a point safe for finite differences", f.caller().name())
                    .isTrue()));
  }

  @TestFactory
  Stream<DynamicTest> everyProgramTheRandomizedTestFoundIsRightNow() {
    List<MethodBatch.Member> members = new ArrayList<>();
    for (ProgramGenerator.Program p : FOUND) {
      members.add(new MethodBatch.Member(p.name(), p.source()));
    }
    MethodBatch batch = MethodBatch.of("Found", members);
    return FOUND.stream()
        .map(p -> DynamicTest.dynamicTest(p.name() + " (seed " + p.seed() + ")",
            () ->
                org.assertj.core.api.Assertions.assertThat(RandomProgramTest.check(batch, p))
                    .as("%s was checked at a point safe for finite differences", p.name())
                    .isTrue()));
  }

  private static int count;

  private static ProgramGenerator.Program found(
      long seed, ProgramGenerator.Level level, List<ProgramGenerator.Param> params, String source) {
    // the parameters the annotation names, or by default every non-int one
    java.util.regex.Matcher named =
        java.util.regex.Pattern.compile("wrt = \\{?([^})]*)").matcher(source);
    List<String> explicit = new ArrayList<>();
    if (named.find()) {
      for (String n : named.group(1).split(",")) {
        explicit.add(n.trim().replace("\"", ""));
      }
    }
    List<String> wrt = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      boolean chosen =
          explicit.isEmpty() ? !params.get(i).type().equals("int") : explicit.contains(params.get(i).name());
      if (chosen) {
        wrt.add(params.get(i).name());
        index.add(i);
      }
    }
    String name = "found" + count++;
    return new ProgramGenerator.Program(
        name, seed, level, source, params, wrt.toArray(new String[0]),
        index.stream().mapToInt(Integer::intValue).toArray());
  }
}
