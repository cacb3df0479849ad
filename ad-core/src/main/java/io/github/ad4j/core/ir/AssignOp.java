package io.github.ad4j.core.ir;

/** Assignment operators: {@code =} and the compound forms. */
public enum AssignOp {
  SET("=", null),
  ADD("+=", BinaryOp.ADD),
  SUBTRACT("-=", BinaryOp.SUBTRACT),
  MULTIPLY("*=", BinaryOp.MULTIPLY),
  DIVIDE("/=", BinaryOp.DIVIDE),
  REMAINDER("%=", BinaryOp.REMAINDER),
  BITWISE_AND("&=", BinaryOp.BITWISE_AND),
  BITWISE_OR("|=", BinaryOp.BITWISE_OR),
  XOR("^=", BinaryOp.XOR),
  SHIFT_LEFT("<<=", BinaryOp.SHIFT_LEFT),
  SHIFT_RIGHT(">>=", BinaryOp.SHIFT_RIGHT),
  UNSIGNED_SHIFT_RIGHT(">>>=", BinaryOp.UNSIGNED_SHIFT_RIGHT);

  private final String symbol;
  private final BinaryOp binary;

  AssignOp(String symbol, BinaryOp binary) {
    this.symbol = symbol;
    this.binary = binary;
  }

  /** The operator as written in Java. */
  public String symbol() {
    return symbol;
  }

  /** The binary operator a compound assignment applies, or null for {@code =}. */
  public BinaryOp binary() {
    return binary;
  }
}
