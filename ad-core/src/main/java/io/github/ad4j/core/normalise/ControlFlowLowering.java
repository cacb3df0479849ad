package io.github.ad4j.core.normalise;

import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes {@code break}, {@code continue} and early {@code return} by flags, so that the
 * transformer sees only structured code: every block runs to its end, and a method has one
 * {@code return}, its last statement.
 *
 * <p>{@code break} sets the loop's flag {@code broke}, which the loop's condition tests; {@code
 * continue} sets {@code continued}, reset at the start of each iteration; {@code return e}
 * assigns {@code result} and sets {@code returned}. The statements after one that may set a flag
 * run under {@code if (!flag)}. This is the classic goto elimination; the reverse sweep then
 * replays the recorded branch decisions like any other {@code if}.
 *
 * <p>A {@code for} loop stays a {@code for} only in the canonical form the transformer can run
 * backwards without taping its counter ({@code for (int i = a; cond; i++)}, {@code i} not
 * assigned in the body); any other becomes {@code { init; while (cond) { body; update } }}.
 */
final class ControlFlowLowering {

  /** The flags of one loop being lowered. */
  private static final class LoopFlags {
    final String label;
    final String broke;
    final String continued;
    boolean breaks;
    boolean continues;

    LoopFlags(String label, String broke, String continued) {
      this.label = label;
      this.broke = broke;
      this.continued = continued;
    }
  }

  private final Map<String, JType> variables;
  private final Names names;
  private final Deque<LoopFlags> loops = new ArrayDeque<>();
  private final String result;
  private final String returned;

  private ControlFlowLowering(Map<String, JType> variables, Names names, String result, String returned) {
    this.variables = variables;
    this.names = names;
    this.result = result;
    this.returned = returned;
  }

  static List<Stmt> lower(
      List<Stmt> body, JType returnType, Map<String, JType> variables, Names names) {
    boolean earlyReturn = hasEarlyReturn(body);
    String result = null;
    String returned = null;
    if (earlyReturn) {
      result = names.fresh("result");
      returned = names.fresh("returned");
      variables.put(result, returnType);
      variables.put(returned, JType.BOOLEAN);
    }
    ControlFlowLowering lowering = new ControlFlowLowering(variables, names, result, returned);
    List<Stmt> out = new ArrayList<>();
    if (earlyReturn) {
      out.add(new Stmt.Declare(returnType, result, zero(returnType), null));
      out.add(new Stmt.Declare(JType.BOOLEAN, returned, Expr.Literal.ofBoolean(false), null));
    }
    out.addAll(lowering.block(body, new LinkedHashSet<>()));
    if (earlyReturn) {
      out.add(new Stmt.Return(new Expr.Var(result), null));
    }
    return out;
  }

  /** Whether a return is anywhere but last at the top level. */
  private static boolean hasEarlyReturn(List<Stmt> body) {
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      if (s instanceof Stmt.Return) {
        if (i != body.size() - 1) {
          return true;
        }
      } else if (containsReturn(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsReturn(Stmt s) {
    if (s instanceof Stmt.Return) {
      return true;
    }
    for (List<Stmt> block : Statements.blocks(s)) {
      for (Stmt inner : block) {
        if (containsReturn(inner)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Lowers a block; adds to {@code exits} the flags it may leave set, and guards the statements
   * after each statement that may set one.
   */
  private List<Stmt> block(List<Stmt> stmts, Set<String> exits) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Set<String> flags = new LinkedHashSet<>();
      out.addAll(statement(stmts.get(i), flags));
      exits.addAll(flags);
      if (!flags.isEmpty() && i + 1 < stmts.size()) {
        List<Stmt> rest = block(stmts.subList(i + 1, stmts.size()), exits);
        if (!rest.isEmpty()) {
          out.add(new Stmt.If(noneOf(flags), rest, List.of(), null));
        }
        break;
      }
    }
    return out;
  }

  private List<Stmt> statement(Stmt s, Set<String> exits) {
    if (s instanceof Stmt.Return r) {
      if (returned == null) {
        return List.of(r);
      }
      exits.add(returned);
      return List.of(
          new Stmt.Assign(new Expr.Var(result), AssignOp.SET, r.value(), r.origin()),
          new Stmt.Assign(new Expr.Var(returned), AssignOp.SET, Expr.Literal.ofBoolean(true), null));
    }
    if (s instanceof Stmt.Break b) {
      LoopFlags loop = target(b.label(), b.origin());
      loop.breaks = true;
      exits.add(loop.broke);
      return List.of(setTrue(loop.broke));
    }
    if (s instanceof Stmt.Continue c) {
      LoopFlags loop = target(c.label(), c.origin());
      loop.continues = true;
      exits.add(loop.continued);
      return List.of(setTrue(loop.continued));
    }
    if (s instanceof Stmt.If i) {
      return List.of(
          new Stmt.If(i.condition(), block(i.then(), exits), block(i.otherwise(), exits), i.origin()));
    }
    if (s instanceof Stmt.Block b) {
      return List.of(new Stmt.Block(block(b.body(), exits)));
    }
    if (s instanceof Stmt.Labeled l) {
      return loop((Stmt.Loop) l.statement(), l.label(), exits);
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l, null, exits);
    }
    return List.of(s);
  }

  private List<Stmt> loop(Stmt.Loop loop, String label, Set<String> exits) {
    LoopFlags flags = new LoopFlags(label, names.fresh("broke"), names.fresh("continued"));
    loops.push(flags);
    Set<String> bodyExits = new LinkedHashSet<>();
    List<Stmt> body = block(loop.body(), bodyExits);
    loops.pop();
    if (flags.breaks) {
      variables.put(flags.broke, JType.BOOLEAN);
    }
    if (flags.continues) {
      variables.put(flags.continued, JType.BOOLEAN);
    }
    // the flags that end the loop: its own break, and those leaving it for an outer target
    Set<String> stopping = new LinkedHashSet<>(bodyExits);
    stopping.remove(flags.continued);
    Set<String> passOn = new LinkedHashSet<>(stopping);
    passOn.remove(flags.broke);
    exits.addAll(passOn);

    List<Stmt> newBody = new ArrayList<>();
    if (flags.continues) {
      newBody.add(new Stmt.Declare(JType.BOOLEAN, flags.continued, Expr.Literal.ofBoolean(false), null));
    }
    newBody.addAll(body);
    Expr condition = stopping.isEmpty() ? loop.condition() : and(noneOf(stopping), loop.condition());

    List<Stmt> out = new ArrayList<>();
    if (flags.breaks) {
      out.add(new Stmt.Declare(JType.BOOLEAN, flags.broke, Expr.Literal.ofBoolean(false), null));
    }
    if (loop.kind() != Stmt.LoopKind.FOR) {
      out.add(new Stmt.Loop(loop.kind(), List.of(), condition, List.of(), newBody, loop.origin()));
      return out;
    }
    if (stopping.isEmpty() && isCanonical(loop)) {
      out.add(new Stmt.Loop(Stmt.LoopKind.FOR, loop.init(), condition, loop.update(), newBody, loop.origin()));
      return out;
    }
    // { init; while (condition) { body; update } }, the update skipped once the loop is left
    List<Stmt> whileBody = new ArrayList<>(newBody);
    if (stopping.isEmpty()) {
      whileBody.addAll(loop.update());
    } else if (!loop.update().isEmpty()) {
      whileBody.add(new Stmt.If(noneOf(stopping), loop.update(), List.of(), null));
    }
    List<Stmt> block = new ArrayList<>(loop.init());
    block.add(new Stmt.Loop(Stmt.LoopKind.WHILE, List.of(), condition, List.of(), whileBody, loop.origin()));
    out.add(new Stmt.Block(block));
    return out;
  }

  /**
   * {@code for (int i = a; cond; i++)} with {@code i} assigned nowhere else and {@code a} reading
   * nothing the loop assigns: the reverse sweep can count {@code i} back down instead of taping
   * it.
   */
  static boolean isCanonical(Stmt.Loop loop) {
    if (loop.kind() != Stmt.LoopKind.FOR
        || loop.init().size() != 1
        || loop.update().size() != 1
        || !(loop.init().get(0) instanceof Stmt.Declare d)
        || !d.type().equals(JType.INT)
        || d.init() == null
        || !(loop.update().get(0) instanceof Stmt.Assign u)
        || !u.target().equals(new Expr.Var(d.name()))
        || u.op() != AssignOp.ADD
        || !u.value().equals(Expr.Literal.ofInt(1))) {
      return false;
    }
    Set<String> assigned = new HashSet<>();
    for (Stmt s : loop.body()) {
      Statements.assigned(s, assigned);
    }
    Set<String> start = new HashSet<>();
    ExprRewriter.variables(d.init(), start);
    start.retainAll(assigned);
    return !assigned.contains(d.name()) && start.isEmpty();
  }

  private LoopFlags target(String label, Origin origin) {
    for (LoopFlags loop : loops) {
      if (label == null || label.equals(loop.label)) {
        return loop;
      }
    }
    throw new NotDifferentiableException(origin, label == null
        ? "break or continue outside a loop"
        : "no enclosing loop is labeled " + label);
  }

  private static Stmt setTrue(String flag) {
    return new Stmt.Assign(new Expr.Var(flag), AssignOp.SET, Expr.Literal.ofBoolean(true), null);
  }

  /** {@code !(a || b || ...)} written as {@code !a && !b && ...}. */
  private static Expr noneOf(Set<String> flags) {
    Expr result = null;
    for (String flag : flags) {
      Expr not = new Expr.Unary(UnaryOp.NOT, new Expr.Var(flag));
      result = result == null ? not : and(result, not);
    }
    return result;
  }

  private static Expr and(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.AND, a, b);
  }

  private static Expr zero(JType type) {
    return new Expr.Literal(type, 0);
  }
}
