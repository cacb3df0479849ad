package io.github.ad4j.core.ir;

import static java.util.Objects.requireNonNull;

/** A statement of a normalised method or of generated code. */
public sealed interface Stmt {

  /**
   * {@code type name = init;}, or {@code type name;} when {@code init} is null.
   *
   * @param origin the source statement this came from, or null for generated bookkeeping
   */
  record Declare(JType type, String name, Expr init, Origin origin) implements Stmt {
    public Declare {
      requireNonNull(type, "type");
      requireNonNull(name, "name");
    }
  }

  /**
   * {@code target op value;}, where the target is a {@link Expr.Var} or an {@link
   * Expr.ArrayAccess}.
   */
  record Assign(Expr target, AssignOp op, Expr value, Origin origin) implements Stmt {
    public Assign {
      requireNonNull(target, "target");
      requireNonNull(op, "op");
      requireNonNull(value, "value");
      if (!(target instanceof Expr.Var) && !(target instanceof Expr.ArrayAccess)) {
        throw new IllegalArgumentException("not assignable: " + target);
      }
    }
  }

  /** {@code return value;}. */
  record Return(Expr value, Origin origin) implements Stmt {
    public Return {
      requireNonNull(value, "value");
    }
  }

  /** A line comment, {@code // text}. */
  record Comment(String text) implements Stmt {
    public Comment {
      requireNonNull(text, "text");
    }
  }
}
