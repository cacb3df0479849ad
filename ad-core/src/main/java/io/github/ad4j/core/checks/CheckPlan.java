package io.github.ad4j.core.checks;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import io.github.ad4j.core.check.MethodChecker;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The check of one method: the points, laid out as one vector of the numbers of its {@code wrt}
 * parameters (in the order of the columns of a generated Jacobian), and the Java expressions
 * that every other parameter is given.
 *
 * @param method the method's name
 * @param params its parameters
 * @param wrt the parameters it is differentiated with respect to, in parameter order
 * @param length the length of each {@code wrt} array (rows and columns of a 2-D one)
 * @param fixed the Java expression each other parameter gets, by name
 * @param points the points, each with one number per component
 * @param tolerance the relative tolerance
 * @param vector whether the method returns {@code double[]}, so that its Jacobian is checked
 *     (by dot-product tests) instead of a gradient
 */
record CheckPlan(
    String method,
    List<Param> params,
    List<Param> wrt,
    int length,
    Map<String, String> fixed,
    List<double[]> points,
    double tolerance,
    boolean vector) {

  /** The default tolerance of a method that computes in double. */
  static final double DOUBLE_TOLERANCE = 1e-6;

  /** The default tolerance of one that computes in float: its rounding is 6e-8 relative. */
  static final double FLOAT_TOLERANCE = 1e-3;

  /** The number of default points. */
  static final int DEFAULT_POINTS = 3;

  CheckPlan {
    params = List.copyOf(params);
    wrt = List.copyOf(wrt);
    fixed = Map.copyOf(fixed);
    points = List.copyOf(points);
  }

  /**
   * Plans the check of {@code method} with the given settings.
   *
   * @throws io.github.ad4j.core.check.NotDifferentiableException at the first setting that does
   *     not fit the method
   */
  static CheckPlan of(
      DifferentiableMethod method, MethodChecker.Signature signature, CheckSettings settings) {
    ParsedSource source = method.source();
    List<Param> wrt = signature.wrt();
    int length = settings.length();
    List<String> labels = new ArrayList<>();
    for (Param p : wrt) {
      labels.addAll(components(p, length));
    }

    List<double[]> points = new ArrayList<>();
    if (settings.points().isEmpty()) {
      for (int point = 0; point < DEFAULT_POINTS; point++) {
        double[] x = new double[labels.size()];
        for (int k = 0; k < x.length; k++) {
          x[k] = sample(point, k);
        }
        points.add(x);
      }
    }
    for (CheckSettings.Written written : settings.points()) {
      String[] numbers = written.text().split(",", -1);
      double[] x = new double[numbers.length];
      for (int k = 0; k < numbers.length; k++) {
        x[k] = CheckSettings.parse(numbers[k]);
        if (!Double.isFinite(x[k])) {
          throw CheckSettings.error(source, written.node(), "@CheckAt point \"" + written.text()
              + "\": \"" + numbers[k].trim() + "\" is not a finite number");
        }
      }
      if (x.length != labels.size()) {
        throw CheckSettings.error(source, written.node(), "@CheckAt point \"" + written.text()
            + "\" has " + x.length + " number" + (x.length == 1 ? "" : "s") + ", but a point of "
            + method.name() + " has " + labels.size() + ": " + String.join(", ", labels));
      }
      points.add(x);
    }

    Map<String, Param> others = new LinkedHashMap<>();
    signature.params().stream().filter(p -> !wrt.contains(p)).forEach(p -> others.put(p.name(), p));
    Map<String, String> fixed = new LinkedHashMap<>();
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    for (CheckSettings.Written written : settings.fixed()) {
      int equals = written.text().indexOf('=');
      String name = equals < 0 ? "" : written.text().substring(0, equals).trim();
      String expression = equals < 0 ? "" : written.text().substring(equals + 1).trim();
      if (name.isEmpty() || expression.isEmpty()) {
        throw CheckSettings.error(source, written.node(), "@CheckAt fixed \"" + written.text()
            + "\" must read \"name = value\", such as \"n = 5\"");
      }
      if (!others.containsKey(name)) {
        boolean isWrt = wrt.stream().anyMatch(p -> p.name().equals(name));
        throw CheckSettings.error(source, written.node(), "@CheckAt fixed names " + name + ", "
            + (isWrt ? "which " + method.name() + " is differentiated with respect to: its values"
                + " come from the points"
                : "which is not a parameter of " + method.name() + "; the parameters not"
                + " differentiated with respect to are " + others.keySet()));
      }
      if (!parser.parseExpression(expression).isSuccessful()) {
        throw CheckSettings.error(source, written.node(), "@CheckAt fixed \"" + written.text()
            + "\": " + expression + " is not a Java expression");
      }
      if (fixed.put(name, expression) != null) {
        throw CheckSettings.error(source, written.node(), "@CheckAt fixed gives " + name
            + " twice");
      }
    }
    int constant = 0;
    for (Param p : others.values()) {
      if (!fixed.containsKey(p.name())) {
        fixed.put(p.name(), defaultValue(p.type(), constant++));
      }
    }

    double tolerance = settings.tolerance();
    if (tolerance == 0) {
      boolean inFloat =
          signature.returnType().primitive() == JType.Primitive.FLOAT
              || wrt.stream().anyMatch(p -> p.type().primitive() == JType.Primitive.FLOAT);
      tolerance = inFloat ? FLOAT_TOLERANCE : DOUBLE_TOLERANCE;
    }
    return new CheckPlan(
        method.name(), signature.params(), wrt, length, fixed, points, tolerance,
        signature.returnType().dimensions() == 1);
  }

  /** The names of the numbers {@code p} contributes to a point: {@code x}, or {@code w[0]}... */
  static List<String> components(Param p, int length) {
    List<String> names = new ArrayList<>();
    if (p.type().dimensions() == 0) {
      names.add(p.name());
    } else if (p.type().dimensions() == 1) {
      for (int i = 0; i < length; i++) {
        names.add(p.name() + "[" + i + "]");
      }
    } else {
      for (int i = 0; i < length; i++) {
        for (int j = 0; j < length; j++) {
          names.add(p.name() + "[" + i + "][" + j + "]");
        }
      }
    }
    return names;
  }

  /**
   * Coordinate {@code k} of default point {@code point}: in [0.5, 1.5], away from 0 (where abs,
   * sqrt and log have kinks or edges), all different in practice (no ties of max and min), and
   * rounded to four decimals so the generated test reads well. An additive recurrence
   * with irrational steps spreads them evenly.
   */
  static double sample(int point, int k) {
    double u = 0.2 + point * 0.6180339887498949 + k * 0.7548776662466927;
    double fraction = u - Math.floor(u);
    return Math.round((0.5 + fraction) * 1e4) / 1e4;
  }

  /**
   * The default value of a parameter not differentiated with respect to: numbers in [0.5, 1.5]
   * for floating-point data, 2 for integers (a loop count, or an index into an array of the
   * default length 3), {@code false} for booleans, arrays of length 3 of such values.
   */
  private static String defaultValue(JType type, int index) {
    if (type.dimensions() == 0) {
      return scalar(type.primitive(), index, 0);
    }
    String keyword = type.primitive().keyword();
    StringBuilder sb = new StringBuilder("new " + keyword + "[]".repeat(type.dimensions()) + " {");
    for (int i = 0; i < 3; i++) {
      sb.append(i == 0 ? "" : ", ");
      if (type.dimensions() == 1) {
        sb.append(element(type.primitive(), index, i));
      } else {
        sb.append('{');
        for (int j = 0; j < 3; j++) {
          sb.append(j == 0 ? "" : ", ").append(element(type.primitive(), index, 3 * i + j));
        }
        sb.append('}');
      }
    }
    return sb.append('}').toString();
  }

  /** An element of a default array: integer arrays hold 0, 1, 2 (valid indices). */
  private static String element(JType.Primitive primitive, int index, int i) {
    return switch (primitive) {
      case INT -> String.valueOf(i);
      case LONG -> i + "L";
      case SHORT, BYTE, CHAR -> "(" + primitive.keyword() + ") " + i;
      default -> scalar(primitive, index, i);
    };
  }

  private static String scalar(JType.Primitive primitive, int index, int i) {
    // the data values come from the same sequence as the points, far along it
    double value = sample(100 + index, i);
    return switch (primitive) {
      case DOUBLE -> Double.toString(value);
      case FLOAT -> String.format(Locale.ROOT, "%sf", (float) value);
      case BOOLEAN -> "false";
      case LONG -> "2L";
      case INT -> "2";
      default -> "(" + primitive.keyword() + ") 2";
    };
  }
}
