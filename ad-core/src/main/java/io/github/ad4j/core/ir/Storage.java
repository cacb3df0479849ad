package io.github.ad4j.core.ir;

import java.util.List;

/** Where an assignment target lives: a variable, or an element of an array variable. */
public final class Storage {

  private Storage() {}

  /** The variable a target is stored in: {@code a} for {@code a[i][j]}, {@code x} for {@code x}. */
  public static String root(Expr target) {
    Expr e = target;
    while (e instanceof Expr.ArrayAccess a) {
      e = a.array();
    }
    if (e instanceof Expr.FieldRef f) {
      return f.owner() + "." + f.name(); // an array field of the instance: never a variable
    }
    if (!(e instanceof Expr.Var v)) {
      throw new IllegalArgumentException("not a variable or an element of one: " + target);
    }
    return v.name();
  }

  /** The type of what {@code target} holds: the element type for an array element. */
  public static JType elementType(Expr target, JType rootType) {
    int depth = 0;
    Expr e = target;
    while (e instanceof Expr.ArrayAccess a) {
      depth++;
      e = a.array();
    }
    return new JType(rootType.primitive(), rootType.dimensions() - depth);
  }

  /**
   * Whether {@code value} may read what {@code target} holds before the assignment: the variable
   * itself, or any element of the same array (an element with another index expression may still
   * be the same element).
   */
  public static boolean readsTarget(Expr value, Expr target) {
    if (target instanceof Expr.Var) {
      return ExprRewriter.contains(value, target);
    }
    return readsArray(value, root(target));
  }

  private static boolean readsArray(Expr value, String array) {
    if (value instanceof Expr.ArrayAccess a && root(a).equals(array)) {
      return true;
    }
    List<Expr> children = ExprRewriter.children(value);
    for (Expr child : children) {
      if (readsArray(child, array)) {
        return true;
      }
    }
    return false;
  }
}
