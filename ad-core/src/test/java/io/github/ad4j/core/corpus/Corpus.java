package io.github.ad4j.core.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The vocabulary of the corpus tables: a {@link Case} is one {@code @Differentiable} method with
 * the region its gradient is checked in; a {@link Group} is a class of cases compiled together.
 */
final class Corpus {

  private Corpus() {}

  /** Points are drawn this many times per case. */
  static final int POINTS = 5;

  /**
   * How one argument is drawn. {@code Double}s for {@code double} parameters, {@code Integer},
   * {@code Long} and {@code Boolean} for data parameters.
   */
  interface Domain {
    Object draw(Random random);
  }

  /** A double uniformly in [lo, hi]. */
  static Domain real(double lo, double hi) {
    return random -> lo + (hi - lo) * random.nextDouble();
  }

  /** A double in [lo, hi] or [-hi, -lo]: both sides of a kink at 0, away from it. */
  static Domain awayFromZero(double lo, double hi) {
    return random -> (random.nextBoolean() ? 1 : -1) * (lo + (hi - lo) * random.nextDouble());
  }

  /** An int uniformly in [lo, hi]. */
  static Domain ints(int lo, int hi) {
    return random -> lo + random.nextInt(hi - lo + 1);
  }

  /** A long uniformly in [lo, hi]. */
  static Domain longs(long lo, long hi) {
    return random -> lo + (long) random.nextInt((int) (hi - lo + 1));
  }

  /** true or false. */
  static Domain bools() {
    return Random::nextBoolean;
  }

  /** Whether {@code v} is at least {@code margin} from every multiple of {@code step}. */
  static boolean awayFromMultiples(double v, double step, double margin) {
    double r = Math.abs(v / step - Math.rint(v / step)) * step;
    return r > margin;
  }

  /**
   * One corpus method.
   *
   * @param name the method's name
   * @param params its parameter list, as written in Java
   * @param body its body, as written in Java
   * @param domains how each argument is drawn, in parameter order
   * @param wrt the annotation's {@code wrt}, or empty for the default (every double parameter)
   * @param valid which drawn points to keep: points near a kink or a switching surface are redrawn,
   *     since finite differences straddling it mean nothing
   * @param exact closed-form partial derivatives by parameter name, of the point as doubles
   *     (booleans as 1 and 0)
   */
  record Case(
      String name,
      String params,
      String body,
      List<Domain> domains,
      List<String> wrt,
      Predicate<double[]> valid,
      Map<String, ToDoubleFunction<double[]>> exact) {

    /** Restricts the points to those where {@code condition} holds. */
    Case where(Predicate<double[]> condition) {
      return new Case(name, params, body, domains, wrt, valid.and(condition), exact);
    }

    /** Differentiates with respect to {@code names} only: {@code @Differentiable(wrt = ...)}. */
    Case wrt(String... names) {
      return new Case(name, params, body, domains, List.of(names), valid, exact);
    }

    /** The partial derivative with respect to {@code param} is {@code derivative}. */
    Case exact(String param, ToDoubleFunction<double[]> derivative) {
      Map<String, ToDoubleFunction<double[]>> more = new LinkedHashMap<>(exact);
      more.put(param, derivative);
      return new Case(name, params, body, domains, wrt, valid, more);
    }

    /** The parameters as (type, name) pairs. */
    List<String[]> parameters() {
      List<String[]> out = new ArrayList<>();
      for (String p : params.split(",")) {
        out.add(p.trim().split("\\s+"));
      }
      return out;
    }

    /** The names of the parameters differentiated with respect to, in parameter order. */
    String[] wrtNames() {
      return parameters().stream()
          .filter(p -> wrt.isEmpty() ? isFloating(p[0]) : wrt.contains(p[1]))
          .map(p -> p[1])
          .toArray(String[]::new);
    }

    /** Their positions in the parameter list. */
    int[] wrtIndexes() {
      List<String[]> ps = parameters();
      List<String> wanted = List.of(wrtNames());
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < ps.size(); i++) {
        if (wanted.contains(ps.get(i)[1])) {
          out.add(i);
        }
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The method's source, annotation included, indented as a class member. */
    String source() {
      String annotation = "@Differentiable";
      if (!wrt.isEmpty()) {
        annotation +=
            wrt.stream()
                .map(w -> "\"" + w + "\"")
                .collect(Collectors.joining(", ", "(wrt = {", "})"));
      }
      String indentedBody =
          body.strip().lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
      return "  "
          + annotation
          + "\n  static double "
          + name
          + "("
          + params
          + ") {\n"
          + indentedBody
          + "\n  }\n";
    }

    /**
     * {@link #POINTS} argument lists drawn from the domains with a generator seeded by the case's
     * name, so every run checks the same points.
     */
    List<Object[]> points() {
      if (domains.size() != parameters().size()) {
        throw new IllegalStateException(name + ": one domain per parameter");
      }
      Random random = new Random(name.hashCode());
      List<Object[]> points = new ArrayList<>();
      int attempts = 0;
      while (points.size() < POINTS) {
        if (++attempts > 10_000) {
          throw new IllegalStateException(name + ": the domain has almost no valid points");
        }
        Object[] point = domains.stream().map(d -> d.draw(random)).toArray();
        if (valid.test(asDoubles(point))) {
          points.add(point);
        }
      }
      return points;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The arguments as doubles, booleans as 1 and 0. */
  static double[] asDoubles(Object[] point) {
    return Arrays.stream(point)
        .mapToDouble(a -> a instanceof Boolean b ? (b ? 1 : 0) : ((Number) a).doubleValue())
        .toArray();
  }

  private static boolean isFloating(String type) {
    return type.equals("double") || type.equals("float");
  }

  /** A case: {@code static double name(params) { body }}, one domain per parameter. */
  static Case method(String name, String params, String body, Domain... domains) {
    return new Case(name, params, body, List.of(domains), List.of(), p -> true, Map.of());
  }

  /**
   * A class of cases, compiled together.
   *
   * @param className the class's name
   * @param imports import declarations besides {@code Differentiable}'s
   * @param members members written before the methods (constants, say)
   * @param cases its methods
   */
  record Group(String className, String imports, String members, List<Case> cases) {

    /** The same group with these import declarations. */
    Group imports(String declarations) {
      return new Group(className, declarations, members, cases);
    }

    /** The same group with these members before the methods. */
    Group members(String declarations) {
      return new Group(className, imports, declarations, cases);
    }

    /** The class's source. */
    String source() {
      StringBuilder s = new StringBuilder("package p;\n\n");
      if (!imports.isBlank()) {
        s.append(imports.strip()).append("\n\n");
      }
      s.append("import io.github.ad4j.Differentiable;\n\nclass ").append(className).append(" {\n");
      if (!members.isBlank()) {
        members.strip().lines().forEach(line -> s.append("  ").append(line).append('\n'));
        s.append('\n');
      }
      s.append(cases.stream().map(Case::source).collect(Collectors.joining("\n")));
      return s.append("}\n").toString();
    }

    @Override
    public String toString() {
      return className;
    }
  }

  /** A class of cases. */
  static Group group(String className, Case... cases) {
    return new Group(className, "", "", List.of(cases));
  }
}
