package io.github.ad4j.core.ir;

/** Binary operators, with Java's precedence (higher binds tighter). */
public enum BinaryOp {
  MULTIPLY("*", 12),
  DIVIDE("/", 12),
  REMAINDER("%", 12),
  ADD("+", 11),
  SUBTRACT("-", 11),
  SHIFT_LEFT("<<", 10),
  SHIFT_RIGHT(">>", 10),
  UNSIGNED_SHIFT_RIGHT(">>>", 10),
  LESS("<", 9),
  LESS_EQUALS("<=", 9),
  GREATER(">", 9),
  GREATER_EQUALS(">=", 9),
  EQUALS("==", 8),
  NOT_EQUALS("!=", 8),
  BITWISE_AND("&", 7),
  XOR("^", 6),
  BITWISE_OR("|", 5),
  AND("&&", 4),
  OR("||", 3);

  private final String symbol;
  private final int precedence;

  BinaryOp(String symbol, int precedence) {
    this.symbol = symbol;
    this.precedence = precedence;
  }

  /** The operator as written in Java. */
  public String symbol() {
    return symbol;
  }

  /** Java's precedence level of the operator; higher binds tighter. */
  public int precedence() {
    return precedence;
  }

  /** Whether the operator is {@code + - * / %}, the ones that carry derivatives. */
  public boolean isArithmetic() {
    return precedence >= 11;
  }

  /** Whether the result is a {@code boolean}. */
  public boolean isBoolean() {
    return this == LESS
        || this == LESS_EQUALS
        || this == GREATER
        || this == GREATER_EQUALS
        || this == EQUALS
        || this == NOT_EQUALS
        || this == AND
        || this == OR;
  }
}
