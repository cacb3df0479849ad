package io.github.ad4j.core.normalise;

import io.github.ad4j.core.ir.JType;
import java.util.List;
import java.util.Set;

/** The result types of {@code java.lang.Math} and {@code StrictMath} methods, by overload. */
final class MathFunctions {

  /** Classes whose static methods are {@code Math}'s. */
  static final Set<String> OWNERS =
      Set.of("Math", "StrictMath", "java.lang.Math", "java.lang.StrictMath");

  /** Methods overloaded on their argument type that return it: {@code abs(int)} is an int. */
  private static final Set<String> SAME_TYPE =
      Set.of(
          "abs", "max", "min", "signum", "ulp", "nextUp", "nextDown", "nextAfter", "copySign",
          "scalb", "absExact", "addExact", "subtractExact", "multiplyExact", "negateExact",
          "incrementExact", "decrementExact", "floorDiv", "floorMod", "ceilDiv", "ceilMod");

  private MathFunctions() {}

  /** The simple name of the owner: {@code java.lang.Math} is {@code Math}. */
  static String simpleOwner(String owner) {
    return owner.substring(owner.lastIndexOf('.') + 1);
  }

  /** The result type of {@code Math.name(args)}. */
  static JType returnType(String name, List<JType> args) {
    if (name.equals("round")) {
      return !args.isEmpty() && args.get(0).primitive() == JType.Primitive.FLOAT
          ? JType.INT
          : JType.LONG;
    }
    if (name.equals("getExponent") || name.equals("toIntExact")) {
      return JType.INT;
    }
    if (SAME_TYPE.contains(name) && !args.isEmpty()) {
      JType type = args.get(0).promoted();
      if (name.equals("scalb")) {
        return type;
      }
      for (JType arg : args) {
        type = JType.promote(type, arg);
      }
      return type;
    }
    return JType.DOUBLE;
  }
}
