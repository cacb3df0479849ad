package io.github.ad4j.core.ir;

import java.util.List;

/**
 * The tapes of generated code: one primitive stack per saved variable, {@code tTape} with its top
 * {@code tTop}, pushed by {@code tTape = push(tTape, tTop++, value)} (the generated class's
 * helper, which grows the array when full) and popped by {@code tTape[--tTop]}. The one place
 * that knows how a push is written, for the stages that make pushes and those that look for
 * them.
 */
public final class Tapes {

  /** The name of the generated helper that pushes a value. */
  public static final String PUSH = "push";

  private Tapes() {}

  /**
   * {@code tape = push(tape, top++, value)}.
   *
   * @param arrayType the tape's type, an array of the values' type
   */
  public static Stmt.Assign push(String tape, String top, Expr value, JType arrayType) {
    return new Stmt.Assign(
        new Expr.Var(tape),
        AssignOp.SET,
        new Expr.Call(
            "", PUSH, List.of(new Expr.Var(tape), new Expr.Step(top, true, false), value), arrayType),
        null);
  }

  /** Whether {@code call} is the generated push helper's. */
  public static boolean isPush(Expr.Call call) {
    return call.owner().isEmpty() && call.name().equals(PUSH);
  }

  /** The value {@code s}, a push ({@link #pushedTape} is not null), pushes. */
  public static Expr pushedValue(Stmt s) {
    return ((Expr.Call) ((Stmt.Assign) s).value()).args().get(2);
  }

  /** The tape {@code s} pushes a value on, or null where it is no push. */
  public static String pushedTape(Stmt s) {
    return s instanceof Stmt.Assign a
            && a.target() instanceof Expr.Var tape
            && a.value() instanceof Expr.Call c
            && isPush(c)
        ? tape.name()
        : null;
  }
}
