package io.github.ad4j.core.ir;

/** Unary operators. */
public enum UnaryOp {
  NEGATE("-"),
  PLUS("+"),
  NOT("!"),
  BITWISE_NOT("~");

  private final String symbol;

  UnaryOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in Java. */
  public String symbol() {
    return symbol;
  }
}
