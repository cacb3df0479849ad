package io.github.ad4j.core.ir;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Generic traversal of statements: the blocks a statement holds, the variables it assigns. */
public final class Statements {

  private Statements() {}

  /** The blocks directly inside {@code s}: a branch's two, a loop's init, update and body. */
  public static List<List<Stmt>> blocks(Stmt s) {
    if (s instanceof Stmt.If i) {
      return List.of(i.then(), i.otherwise());
    }
    if (s instanceof Stmt.Loop l) {
      return List.of(l.init(), l.update(), l.body());
    }
    if (s instanceof Stmt.Block b) {
      return List.of(b.body());
    }
    if (s instanceof Stmt.Labeled l) {
      return List.of(List.of(l.statement()));
    }
    return List.of();
  }

  /** Whether {@code block} holds a loop, at any depth. */
  public static boolean hasLoop(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Loop) {
        return true;
      }
      for (List<Stmt> inner : blocks(s)) {
        if (hasLoop(inner)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code s} with {@code f} applied to the bodies it holds (a branch's two, a loop's body, a
   * block's, a labeled statement's statement as a block of one); any other statement as it is.
   * A loop's init and update are left alone: they are its header, not its body.
   */
  public static Stmt mapBlocks(Stmt s, UnaryOperator<List<Stmt>> f) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), f.apply(i.then()), f.apply(i.otherwise()), i.origin());
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(
          l.kind(), l.init(), l.condition(), l.update(), f.apply(l.body()), l.origin());
    }
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(f.apply(b.body()));
    }
    if (s instanceof Stmt.Labeled l) {
      List<Stmt> mapped = f.apply(List.of(l.statement()));
      if (mapped.size() != 1) {
        throw new IllegalArgumentException("a labeled statement must stay one statement");
      }
      return new Stmt.Labeled(l.label(), mapped.get(0));
    }
    return s;
  }

  /**
   * The expressions {@code s} holds itself, not those of the statements in its blocks: a
   * declaration's value, an assignment's target and value, a return's value, a branch's or
   * loop's condition, a call statement's call.
   */
  public static List<Expr> expressions(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? List.of() : List.of(d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return List.of(a.target(), a.value());
    }
    if (s instanceof Stmt.Return r) {
      return r.value() == null ? List.of() : List.of(r.value());
    }
    if (s instanceof Stmt.If i) {
      return List.of(i.condition());
    }
    if (s instanceof Stmt.Loop l) {
      return List.of(l.condition());
    }
    if (s instanceof Stmt.Eval e) {
      return List.of(e.call());
    }
    return List.of();
  }

  /**
   * Whether evaluating {@code e} itself, its operands aside, does more than compute a value from
   * locals: moves a tape, builds a record, or calls a method other than {@code Math}'s, whose
   * effects the simplifier cannot see. Code that does none of these can be reordered by what it
   * reads and writes alone.
   */
  public static boolean hasOpaqueEffect(Expr e) {
    return e instanceof Expr.Step
        || e instanceof Expr.NewRecord
        || (e instanceof Expr.Call c && !Expr.Call.LIBRARY_OWNERS.contains(c.owner()));
  }

  /**
   * Adds the name of each variable declared in {@code block}, in nested blocks too, to {@code
   * into}.
   */
  public static void declared(List<Stmt> block, Set<String> into) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d) {
        into.add(d.name());
      }
      for (List<Stmt> inner : blocks(s)) {
        declared(inner, into);
      }
    }
  }

  /** Adds every variable (or array) {@code s} or a statement inside it assigns to {@code into}. */
  public static void assigned(Stmt s, Set<String> into) {
    if (s instanceof Stmt.Assign a) {
      into.add(Storage.root(a.target()));
    }
    for (List<Stmt> block : blocks(s)) {
      for (Stmt inner : block) {
        assigned(inner, into);
      }
    }
  }
}
