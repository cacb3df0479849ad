package io.github.ad4j.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

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
   * Expr.ArrayAccess}; in final code also a field of a workspace ({@link Expr.FieldRef}), where
   * a method keeps its tapes between calls.
   */
  record Assign(Expr target, AssignOp op, Expr value, Origin origin) implements Stmt {
    public Assign {
      requireNonNull(target, "target");
      requireNonNull(op, "op");
      requireNonNull(value, "value");
      if (!(target instanceof Expr.Var)
          && !(target instanceof Expr.ArrayAccess)
          && !(target instanceof Expr.FieldRef)) {
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

  /** {@code if (condition) { then } else { otherwise }}; {@code otherwise} may be empty. */
  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Origin origin) implements Stmt {
    public If {
      requireNonNull(condition, "condition");
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * A loop: {@code for (init; condition; update) body}, {@code while (condition) body} (no init
   * or update) or {@code do body while (condition)}.
   *
   * @param kind which of the three
   * @param init the for loop's initialisation, whose variables are scoped to the loop
   * @param condition evaluated before each iteration (after, for {@code do})
   * @param update the for loop's update, run after each iteration
   * @param body the loop body
   * @param origin the loop statement in the source
   */
  record Loop(
      LoopKind kind,
      List<Stmt> init,
      Expr condition,
      List<Stmt> update,
      List<Stmt> body,
      Origin origin)
      implements Stmt {
    public Loop {
      requireNonNull(kind, "kind");
      init = List.copyOf(init);
      requireNonNull(condition, "condition");
      update = List.copyOf(update);
      body = List.copyOf(body);
    }
  }

  /** The three shapes of loop. */
  enum LoopKind {
    FOR,
    WHILE,
    DO_WHILE
  }

  /** {@code { body }}: a block that scopes its declarations. */
  record Block(List<Stmt> body) implements Stmt {
    public Block {
      body = List.copyOf(body);
    }
  }

  /** {@code break;} or {@code break label;}, before control-flow lowering removes it. */
  record Break(String label, Origin origin) implements Stmt {}

  /** {@code continue;} or {@code continue label;}, before control-flow lowering removes it. */
  record Continue(String label, Origin origin) implements Stmt {}

  /** A statement with a label, {@code outer: for (...)}, before lowering removes the label. */
  record Labeled(String label, Stmt statement) implements Stmt {
    public Labeled {
      requireNonNull(label, "label");
      requireNonNull(statement, "statement");
    }
  }

  /** {@code call;}: a call made for what it does, such as a callee's pullback. */
  record Eval(Expr.Call call, Origin origin) implements Stmt {
    public Eval {
      requireNonNull(call, "call");
    }
  }

  /** A line comment, {@code // text}. */
  record Comment(String text) implements Stmt {
    public Comment {
      requireNonNull(text, "text");
    }
  }
}
