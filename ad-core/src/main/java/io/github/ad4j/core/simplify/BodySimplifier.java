package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.transform.DerivativeMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Simplifies a generated method's body: folds every expression of the backward sweep (the
 * forward sweep is the user's code and stays as written), then removes dead code, the statements
 * whose result nothing the method hands back depends on (adjoints of inputs not asked for, saved
 * values no adjoint reads, the value itself in a partial), then the comments left heading
 * nothing.
 */
public final class BodySimplifier {

  private static final String FORWARD_HEADER = "Forward sweep";
  private static final String BACKWARD_HEADER = "Backward sweep";

  private BodySimplifier() {}

  /** The final body of {@code method}. */
  public static List<Stmt> simplify(DerivativeMethod method) {
    ExprSimplifier simplifier = new ExprSimplifier(method.variables());
    // The forward sweep is the user's code, kept as written: reassociating it would change the
    // value's last bits, and fGradient(x).value() must equal f(x) exactly.
    List<Stmt> forward = method.forward();
    List<Stmt> backward = simplifyAll(method.backward(), simplifier);
    List<Stmt> tail = simplifyAll(method.tail(), simplifier);
    Map<Expr, Expr> constants = constantAdjoints(backward, tail);
    if (!constants.isEmpty()) {
      backward = simplifyAll(substitute(backward, constants), simplifier);
      tail = simplifyAll(substitute(tail, constants), simplifier);
    }

    List<Stmt> all = new ArrayList<>(forward);
    all.addAll(backward);
    all.addAll(tail);
    List<Stmt> live = eliminateDeadCode(all);

    int forwardEnd = forward.size();
    int backwardEnd = forwardEnd + backward.size();
    List<Stmt> liveForward = survivors(live.subList(0, forwardEnd));
    List<Stmt> liveBackward = dropEmptyComments(survivors(live.subList(forwardEnd, backwardEnd)));
    List<Stmt> liveTail = survivors(live.subList(backwardEnd, live.size()));

    List<Stmt> body = new ArrayList<>();
    boolean headers = !liveForward.isEmpty() && !liveBackward.isEmpty();
    if (headers) {
      body.add(new Stmt.Comment(FORWARD_HEADER));
    }
    body.addAll(liveForward);
    if (headers) {
      body.add(new Stmt.Comment(BACKWARD_HEADER));
    }
    body.addAll(liveBackward);
    body.addAll(liveTail);
    return body;
  }

  private static List<Stmt> simplifyAll(List<Stmt> stmts, ExprSimplifier simplifier) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : stmts) {
      if (stmt instanceof Stmt.Declare d) {
        out.add(
            new Stmt.Declare(
                d.type(), d.name(), d.init() == null ? null : simplifier.simplify(d.init()), d.origin()));
      } else if (stmt instanceof Stmt.Assign a) {
        Stmt assign = compound(a, simplifier);
        if (assign != null) {
          out.add(assign);
        }
      } else if (stmt instanceof Stmt.Return r) {
        out.add(new Stmt.Return(simplifier.simplify(r.value()), r.origin()));
      } else {
        out.add(stmt);
      }
    }
    return out;
  }

  /**
   * The assignment simplified, in the compound form a person writes ({@code dt = 2 * dt * t}
   * becomes {@code dt *= 2 * t}), or null where it does nothing ({@code x += 0}, {@code x = x}).
   */
  private static Stmt compound(Stmt.Assign a, ExprSimplifier simplifier) {
    Expr target = simplifier.simplify(a.target());
    Expr value = simplifier.simplify(a.value());
    AssignOp op = a.op();
    if (op == AssignOp.SET && value.equals(target)) {
      return null;
    }
    if (op == AssignOp.SET && simplifier.isFloatingProduct(value)) {
      Monomial m = Monomial.of(value, simplifier);
      if (m.hasSingleFactor(target)) {
        op = AssignOp.MULTIPLY;
        value = m.without(target).toExpr(simplifier, true);
      }
    }
    if (value instanceof Expr.Literal l
        && l.type().equals(JType.DOUBLE)
        && simplifier.isFloatingValue(target)
        && l.value() == Math.rint(l.value())
        && Math.abs(l.value()) < 1 << 30) {
      value = Expr.Literal.ofInt((int) l.value()); // dx += 3, not 3.0: the target is a double
    }
    return isIdentity(op, value) ? null : new Stmt.Assign(target, op, value, a.origin());
  }

  /**
   * Adjoints the backward sweep declares as a constant and never changes ({@code double dz =
   * 1.0} for {@code return z + w}), to substitute into the statements that read them.
   */
  private static Map<Expr, Expr> constantAdjoints(List<Stmt> backward, List<Stmt> tail) {
    Set<String> assigned = new HashSet<>();
    for (Stmt stmt : backward) {
      if (stmt instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        assigned.add(v.name());
      }
    }
    Map<Expr, Expr> constants = new HashMap<>();
    for (Stmt stmt : backward) {
      if (stmt instanceof Stmt.Declare d
          && d.init() instanceof Expr.Literal
          && !assigned.contains(d.name())) {
        constants.put(new Expr.Var(d.name()), d.init());
      }
    }
    return constants;
  }

  private static List<Stmt> substitute(List<Stmt> stmts, Map<Expr, Expr> constants) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : stmts) {
      if (stmt instanceof Stmt.Declare d && d.init() != null) {
        if (!constants.containsKey(new Expr.Var(d.name()))) {
          out.add(new Stmt.Declare(d.type(), d.name(), ExprRewriter.substitute(d.init(), constants), d.origin()));
        }
      } else if (stmt instanceof Stmt.Assign a) {
        out.add(new Stmt.Assign(a.target(), a.op(), ExprRewriter.substitute(a.value(), constants), a.origin()));
      } else if (stmt instanceof Stmt.Return r) {
        out.add(new Stmt.Return(ExprRewriter.substitute(r.value(), constants), r.origin()));
      } else {
        out.add(stmt);
      }
    }
    return out;
  }

  /** {@code x += 0} and {@code x *= 1} do nothing. */
  private static boolean isIdentity(AssignOp op, Expr value) {
    if (!(value instanceof Expr.Literal l) || !l.type().isNumeric()) {
      return false;
    }
    return ((op == AssignOp.ADD || op == AssignOp.SUBTRACT) && l.isZero())
        || ((op == AssignOp.MULTIPLY || op == AssignOp.DIVIDE) && l.isOne());
  }

  /**
   * Liveness over straight-line code, from the end: a statement stays if it assigns a variable
   * read later, writes an array element (the caller's accumulators), or returns. A declaration
   * whose value is dead but whose variable is assigned later loses only its initializer. The
   * result has the input's positions, null where a statement went.
   */
  private static List<Stmt> eliminateDeadCode(List<Stmt> stmts) {
    Set<String> live = new HashSet<>();
    Set<String> assignedLater = new HashSet<>();
    List<Stmt> kept = new ArrayList<>(stmts);
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt stmt = stmts.get(i);
      Stmt survivor = null;
      if (stmt instanceof Stmt.Return r) {
        ExprRewriter.variables(r.value(), live);
        survivor = r;
      } else if (stmt instanceof Stmt.Comment) {
        survivor = stmt;
      } else if (stmt instanceof Stmt.Declare d) {
        if (live.remove(d.name())) {
          if (d.init() != null) {
            ExprRewriter.variables(d.init(), live);
          }
          survivor = d;
        } else if (assignedLater.contains(d.name())) {
          survivor = new Stmt.Declare(d.type(), d.name(), null, d.origin());
        }
      } else if (stmt instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        if (live.contains(v.name())) {
          if (a.op() == AssignOp.SET) {
            live.remove(v.name());
          }
          assignedLater.add(v.name());
          ExprRewriter.variables(a.value(), live);
          survivor = a;
        }
      } else if (stmt instanceof Stmt.Assign a) {
        ExprRewriter.variables(a.target(), live);
        ExprRewriter.variables(a.value(), live);
        survivor = a;
      }
      kept.set(i, survivor);
    }
    return kept;
  }

  private static List<Stmt> survivors(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt stmt : stmts) {
      if (stmt != null) {
        out.add(stmt);
      }
    }
    return out;
  }

  /** Comments head the statements after them; one with none left goes too. */
  private static List<Stmt> dropEmptyComments(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt stmt = stmts.get(i);
      boolean headsNothing =
          stmt instanceof Stmt.Comment
              && (i + 1 == stmts.size() || stmts.get(i + 1) instanceof Stmt.Comment);
      if (!headsNothing) {
        out.add(stmt);
      }
    }
    return out;
  }
}
