package io.github.ad4j.core.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.visitor.ModifierVisitor;
import com.github.javaparser.ast.visitor.Visitable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Finds the points where finite differences of a method can be trusted: where no branch decision
 * changes within the finite-difference stencil, and the method is smooth at the stencil's scale.
 *
 * <p>{@link #compile} instruments a copy of the user's class: every comparison ({@code < <= > >=
 * == !=}), every cast to {@code int} or {@code long}, every {@code Math.max/min/abs} and every
 * piecewise-constant {@code Math} function ({@code floor ceil rint round signum}) reports its
 * outcome, and a run of a method yields its value and a hash of the sequence of outcomes: which
 * branches were taken, how often each loop ran, which argument of each {@code max} won, the value
 * of each truncation. Two runs with equal traces evaluate the same branch-free function of the
 * inputs, so finite differences whose evaluations all share the trace of the point differentiate
 * exactly the function the generated derivative replays (the replayed branch), and a point where
 * they do not is too close to a switching surface to check. This is exact, not a threshold on
 * how close a condition comes to flipping: the stencil reaches 1e-2 * max(1, |x|) from x.
 *
 * <p>The instrumented copy is compiled on its own (no generator), in a class loader of its own, so
 * it may keep the class's name.
 */
public final class BranchTrace {

  /** The second, finer step of {@link Traced#safety}'s finite-difference consistency check. */
  public static final double FINE_STEP = FiniteDifferences.RELATIVE_STEP / 8;

  private static long hash;
  private static long events;

  private BranchTrace() {}

  // ---- called by instrumented code ----

  /** More decisions than any method under test makes: it does not terminate. */
  static final long MAX_DECISIONS = 5_000_000;

  private static void record(long outcome) {
    hash = hash * 1_000_003L + outcome + 17;
    if (++events > MAX_DECISIONS) {
      throw new IllegalStateException(
          "more than " + MAX_DECISIONS + " branch decisions in one call: does it terminate?");
    }
  }

  /** Records a comparison. */
  public static boolean b(boolean outcome) {
    record(outcome ? 1 : 2);
    return outcome;
  }

  /** Records a truncated or piecewise-constant value. */
  public static int v(int value) {
    record(value);
    return value;
  }

  /** Records a truncated or piecewise-constant value. */
  public static long v(long value) {
    record(value);
    return value;
  }

  /** Records a piecewise-constant value. */
  public static double v(double value) {
    record(Double.doubleToLongBits(value));
    return value;
  }

  /** Records a piecewise-constant value. */
  public static float v(float value) {
    record(Float.floatToIntBits(value));
    return value;
  }

  private static int order(double a, double b) {
    return a < b ? 1 : a > b ? 2 : 3;
  }

  /** {@code Math.max}, recording which argument won. */
  public static double max(double a, double b) {
    record(order(a, b));
    return Math.max(a, b);
  }

  /** {@code Math.max}, recording which argument won. */
  public static float max(float a, float b) {
    record(order(a, b));
    return Math.max(a, b);
  }

  /** {@code Math.max}, recording which argument won. */
  public static int max(int a, int b) {
    record(order(a, b));
    return Math.max(a, b);
  }

  /** {@code Math.max}, recording which argument won. */
  public static long max(long a, long b) {
    record(order(a, b));
    return Math.max(a, b);
  }

  /** {@code Math.min}, recording which argument won. */
  public static double min(double a, double b) {
    record(order(a, b));
    return Math.min(a, b);
  }

  /** {@code Math.min}, recording which argument won. */
  public static float min(float a, float b) {
    record(order(a, b));
    return Math.min(a, b);
  }

  /** {@code Math.min}, recording which argument won. */
  public static int min(int a, int b) {
    record(order(a, b));
    return Math.min(a, b);
  }

  /** {@code Math.min}, recording which argument won. */
  public static long min(long a, long b) {
    record(order(a, b));
    return Math.min(a, b);
  }

  /** {@code Math.abs}, recording the sign. */
  public static double abs(double a) {
    record(order(a, 0));
    return Math.abs(a);
  }

  /** {@code Math.abs}, recording the sign. */
  public static float abs(float a) {
    record(order(a, 0));
    return Math.abs(a);
  }

  /** {@code Math.abs}, recording the sign. */
  public static int abs(int a) {
    record(order(a, 0));
    return Math.abs(a);
  }

  /** {@code Math.abs}, recording the sign. */
  public static long abs(long a) {
    record(order(a, 0));
    return Math.abs(a);
  }

  // ---- used by tests ----

  private static final Set<String> RECORDED = Set.of("max", "min", "abs");
  private static final Set<String> PIECEWISE_CONSTANT =
      Set.of("floor", "ceil", "rint", "round", "signum");

  /** The source of {@code source} with every decision instrumented. */
  public static String instrument(String source) {
    ParseResult<CompilationUnit> parsed =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
            .parse(source);
    CompilationUnit unit =
        parsed.getResult().orElseThrow(() -> new AssertionError(parsed.getProblems()));
    if (!parsed.isSuccessful()) {
      throw new AssertionError(parsed.getProblems());
    }
    unit.addImport(BranchTrace.class.getName());
    unit.accept(
        new ModifierVisitor<Void>() {
          @Override
          public Visitable visit(BinaryExpr n, Void arg) {
            super.visit(n, arg);
            switch (n.getOperator()) {
              case LESS:
              case LESS_EQUALS:
              case GREATER:
              case GREATER_EQUALS:
              case EQUALS:
              case NOT_EQUALS:
                return call("b", n);
              default:
                return n;
            }
          }

          @Override
          public Visitable visit(MethodCallExpr n, Void arg) {
            super.visit(n, arg);
            boolean math =
                n.getScope()
                    .map(s -> s.toString().equals("Math") || s.toString().equals("StrictMath")
                        || s.toString().equals("java.lang.Math")
                        || s.toString().equals("java.lang.StrictMath"))
                    .orElse(false);
            if (!math) {
              return n;
            }
            if (RECORDED.contains(n.getNameAsString())) {
              return new MethodCallExpr(
                  new NameExpr(BranchTrace.class.getSimpleName()),
                  n.getNameAsString(),
                  n.getArguments());
            }
            if (PIECEWISE_CONSTANT.contains(n.getNameAsString())) {
              return call("v", n);
            }
            return n;
          }

          @Override
          public Visitable visit(CastExpr n, Void arg) {
            super.visit(n, arg);
            if (n.getType() instanceof PrimitiveType) {
              PrimitiveType.Primitive p = ((PrimitiveType) n.getType()).getType();
              if (p == PrimitiveType.Primitive.INT || p == PrimitiveType.Primitive.LONG) {
                return call("v", n);
              }
            }
            return n;
          }
        },
        null);
    return unit.toString();
  }

  private static Expression call(String name, Expression argument) {
    return new MethodCallExpr(
        new NameExpr(BranchTrace.class.getSimpleName()), name, new NodeList<>(argument));
  }

  /** Instruments and compiles the class {@code p.<className>} of {@code source}. */
  public static Traced compile(String className, String source) {
    String instrumented = instrument(source);
    ClassLoader loader =
        InMemoryCompiler.compile(Map.of("p/" + className + ".java", instrumented));
    try {
      return new Traced(loader.loadClass("p." + className), instrumented);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** One run of an instrumented method. */
  public record Run(double value, long trace, long decisions) {}

  /** An instrumented class. */
  public static final class Traced {
    private final Class<?> type;
    private final String source;

    Traced(Class<?> type, String source) {
      this.type = type;
      this.source = source;
    }

    /** The instrumented source. */
    public String source() {
      return source;
    }

    /** Runs {@code method} on a deep copy of {@code args}. */
    public Run run(String name, Object[] args) {
      Method method = find(name, args.length);
      synchronized (BranchTrace.class) {
        hash = 0;
        events = 0;
        try {
          Object value = method.invoke(null, Arguments.copy(args));
          return new Run(((Number) value).doubleValue(), hash, events);
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        } catch (InvocationTargetException e) {
          throw new AssertionError("instrumented " + name + " threw", e.getCause());
        }
      }
    }

    private Method find(String name, int arity) {
      for (Method m : type.getDeclaredMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == arity) {
          m.setAccessible(true);
          return m;
        }
      }
      throw new AssertionError("no method " + name + " with " + arity + " parameters");
    }

    /**
     * Why finite differences of {@code method} cannot be trusted at {@code point} with respect
     * to the cells of the arguments {@code wrtIndex}, or null when they can. Untrusted: some
     * evaluation of the finite-difference stencil of some cell, at the standard step or at
     * {@link #FINE_STEP}, takes other branches than the point; or the derivatives at the two
     * steps differ by more than {@code consistency} relative to max(1, |derivative|, |value|)
     * (the method varies too fast at the scale of the step for the oracle to be accurate; for a
     * float cell, whose rounding spoils finite differences anyway, by more than a tenth of
     * {@link GradientCheck#FLOAT_FD_TOLERANCE}).
     */
    public String safety(String name, Object[] point, int[] wrtIndex, double consistency) {
      Run base = run(name, point);
      if (!Double.isFinite(base.value())) {
        return "value is " + base.value();
      }
      for (int index : wrtIndex) {
        for (int[] cell : Arguments.cells(point[index])) {
          String[] reason = new String[1];
          double x = Arguments.get(point[index], cell);
          double[] d = new double[2];
          double[] steps = {FiniteDifferences.RELATIVE_STEP, FINE_STEP};
          for (int s = 0; s < 2; s++) {
            d[s] =
                FiniteDifferences.derivative(
                    t -> {
                      Run moved = run(name, Arguments.moved(point, index, cell, t));
                      if (moved.trace() != base.trace() && reason[0] == null) {
                        reason[0] =
                            "a branch decision changes at argument " + index
                                + Arguments.path(cell) + " = " + t + " (from " + x + ")";
                      }
                      return moved.value();
                    },
                    x,
                    steps[s]);
          }
          if (reason[0] != null) {
            return reason[0];
          }
          double scale = Math.max(1, Math.max(Math.abs(d[1]), Math.abs(base.value())));
          double tolerance =
              Arguments.isFloat(point[index])
                  ? Math.max(consistency, GradientCheck.FLOAT_FD_TOLERANCE / 10)
                  : consistency;
          if (!(Math.abs(d[0] - d[1]) <= tolerance * scale)) {
            return "finite differences at two steps disagree for argument " + index
                + Arguments.path(cell) + ": " + d[0] + " vs " + d[1];
          }
        }
      }
      return null;
    }
  }
}
