package io.github.ad4j.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A side-effect-free expression. Equality is structural. */
public sealed interface Expr {

  /**
   * A numeric or boolean constant. {@code boolean} is held as 1 or 0; an integral constant also
   * exactly in {@code integral}, since a double cannot hold every long.
   */
  record Literal(JType type, double value, long integral) implements Expr {
    public Literal {
      requireNonNull(type, "type");
    }

    /** A constant whose integral value, if any, is {@code (long) value}. */
    public Literal(JType type, double value) {
      this(type, value, (long) value);
    }

    /** An exact {@code long} constant. */
    public static Literal ofLong(long value) {
      return new Literal(JType.LONG, value, value);
    }

    public static Literal ofDouble(double value) {
      return new Literal(JType.DOUBLE, value);
    }

    public static Literal ofInt(int value) {
      return new Literal(JType.INT, value);
    }

    public static Literal ofBoolean(boolean value) {
      return new Literal(JType.BOOLEAN, value ? 1 : 0);
    }

    /** Whether this is the number zero, of any type. */
    public boolean isZero() {
      return type.isNumeric() && value == 0;
    }

    /** Whether this is the number one, of any type. */
    public boolean isOne() {
      return type.isNumeric() && value == 1;
    }
  }

  /** A local variable or parameter. */
  record Var(String name) implements Expr {
    public Var {
      requireNonNull(name, "name");
    }
  }

  /** A constant field, such as {@code Math.PI} or a user's {@code static final} constant. */
  record FieldRef(String owner, String name, JType type) implements Expr {
    public FieldRef {
      requireNonNull(owner, "owner");
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }

  /** {@code -x}, {@code +x} or {@code !x}. */
  record Unary(UnaryOp op, Expr operand) implements Expr {
    public Unary {
      requireNonNull(op, "op");
      requireNonNull(operand, "operand");
    }
  }

  /** A binary operation. */
  record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    public Binary {
      requireNonNull(op, "op");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
    }
  }

  /**
   * A call of a static method. {@code owner} is the class as written in source ({@code "Math"}),
   * or empty for a method of the generated class itself. {@code Math} and {@code StrictMath}
   * always mean {@code java.lang}'s: a user's class of either name is named qualified.
   */
  record Call(String owner, String name, List<Expr> args, JType type) implements Expr {
    /** The {@code java.lang} classes whose functions and constants the IR names simply. */
    public static final java.util.Set<String> LIBRARY_OWNERS = java.util.Set.of("Math", "StrictMath");

    public Call {
      requireNonNull(owner, "owner");
      requireNonNull(name, "name");
      args = List.copyOf(args);
      requireNonNull(type, "type");
    }
  }

  /**
   * The workspace of a callee's forms that the caller's own workspace holds, {@code
   * workspace.gWorkspace}: passed last to the callee's pullback or accumulating form, so that its
   * tapes, too, are kept between calls. Only in the final code of a form that takes a workspace.
   *
   * @param workspace the caller's workspace parameter
   * @param field the field that holds the callee's workspace
   */
  record HeldWorkspace(String workspace, String field) implements Expr {
    public HeldWorkspace {
      requireNonNull(workspace, "workspace");
      requireNonNull(field, "field");
    }
  }

  /** A primitive cast, {@code (double) n}. */
  record Cast(JType type, Expr operand) implements Expr {
    public Cast {
      requireNonNull(type, "type");
      requireNonNull(operand, "operand");
    }
  }

  /** {@code condition ? whenTrue : whenFalse}. */
  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse) implements Expr {
    public Conditional {
      requireNonNull(condition, "condition");
      requireNonNull(whenTrue, "whenTrue");
      requireNonNull(whenFalse, "whenFalse");
    }
  }

  /** An array element, {@code a[i]}; also an assignment target. */
  record ArrayAccess(Expr array, Expr index) implements Expr {
    public ArrayAccess {
      requireNonNull(array, "array");
      requireNonNull(index, "index");
    }
  }

  /** {@code array.length}. */
  record ArrayLength(Expr array) implements Expr {
    public ArrayLength {
      requireNonNull(array, "array");
    }
  }

  /**
   * {@code i++}, {@code ++i}, {@code i--} or {@code --i} of an int variable: only the tapes of
   * generated code use it, to push ({@code tape[top++]}) and pop ({@code tape[--top]}).
   */
  record Step(String variable, boolean increment, boolean prefix) implements Expr {
    public Step {
      requireNonNull(variable, "variable");
    }
  }

  /** {@code new T(args)} of a generated record type. */
  record NewRecord(String type, List<Expr> args) implements Expr {
    public NewRecord {
      requireNonNull(type, "type");
      args = List.copyOf(args);
    }
  }

  /**
   * {@code new double[n]} or {@code new double[n][m]}: an array of zeros.
   *
   * @param type the array's type, such as {@code double[][]}
   * @param lengths the lengths given, outermost first; at least one, at most the dimensions
   */
  record NewArray(JType type, List<Expr> lengths) implements Expr {
    public NewArray {
      requireNonNull(type, "type");
      lengths = List.copyOf(lengths);
    }
  }
}
