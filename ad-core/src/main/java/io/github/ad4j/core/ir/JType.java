package io.github.ad4j.core.ir;

/**
 * A Java type the transformer understands: a primitive, or an array of one.
 *
 * @param primitive the element type
 * @param dimensions 0 for a scalar, 1 for {@code double[]}, 2 for {@code double[][]}
 */
public record JType(Primitive primitive, int dimensions) {

  public static final JType DOUBLE = new JType(Primitive.DOUBLE, 0);
  public static final JType FLOAT = new JType(Primitive.FLOAT, 0);
  public static final JType LONG = new JType(Primitive.LONG, 0);
  public static final JType INT = new JType(Primitive.INT, 0);
  public static final JType BOOLEAN = new JType(Primitive.BOOLEAN, 0);

  /** The primitive types, in the order of Java's numeric promotion (widest last among numbers). */
  public enum Primitive {
    BOOLEAN("boolean"),
    BYTE("byte"),
    SHORT("short"),
    CHAR("char"),
    INT("int"),
    LONG("long"),
    FLOAT("float"),
    DOUBLE("double");

    private final String keyword;

    Primitive(String keyword) {
      this.keyword = keyword;
    }

    /** The Java keyword naming this type. */
    public String keyword() {
      return keyword;
    }
  }

  /** The scalar type of the given primitive. */
  public static JType of(Primitive primitive) {
    return new JType(primitive, 0);
  }

  /** Whether this is a scalar {@code double} or {@code float}: the types that carry derivatives. */
  public boolean isFloating() {
    return dimensions == 0 && (primitive == Primitive.DOUBLE || primitive == Primitive.FLOAT);
  }

  /** Whether this is a scalar number type (everything but {@code boolean}). */
  public boolean isNumeric() {
    return dimensions == 0 && primitive != Primitive.BOOLEAN;
  }

  /** Whether this is a scalar integral type ({@code int}, {@code long}, ...). */
  public boolean isIntegral() {
    return isNumeric() && !isFloating();
  }

  /** Java's binary numeric promotion of two scalar number types. */
  public static JType promote(JType a, JType b) {
    if (a.primitive == Primitive.DOUBLE || b.primitive == Primitive.DOUBLE) {
      return DOUBLE;
    }
    if (a.primitive == Primitive.FLOAT || b.primitive == Primitive.FLOAT) {
      return FLOAT;
    }
    if (a.primitive == Primitive.LONG || b.primitive == Primitive.LONG) {
      return LONG;
    }
    return INT;
  }

  /** Java's unary numeric promotion: {@code byte}, {@code short} and {@code char} become int. */
  public JType promoted() {
    return promote(this, INT);
  }

  @Override
  public String toString() {
    return primitive.keyword() + "[]".repeat(dimensions);
  }
}
