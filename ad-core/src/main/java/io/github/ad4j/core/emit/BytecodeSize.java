package io.github.ad4j.core.emit;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimate, on the high side, of the bytecode javac makes of a generated method's body. The
 * JVM refuses a method of more than {@value #LIMIT} bytes ("code too large"); the derivative of a
 * long method, a forward and a backward sweep of it, can pass that where the method itself does
 * not, and the generator then says so rather than write a class that does not compile.
 *
 * <p>Costs are javac's instructions for each construct: a load or store of a local is 1 to 4
 * bytes by its slot (with {@code wide} past slot 255), a constant from the
 * pool 3, an operator or a cast 1, a call 3 plus its arguments, a comparison that yields a boolean
 * 8.
 */
public final class BytecodeSize {

  /** The JVM's limit on the code of one method, in bytes. */
  public static final int LIMIT = 65_535;

  /**
   * The largest estimate accepted: the estimate is exact for straight-line code and high for
   * branches and loops, but does not see the conversions javac inserts ({@code i2d} where an int
   * meets a double), hence some room.
   */
  public static final int SAFE_LIMIT = 60_000;

  /** The slot javac gives each local, as if it never reused one: never lower than its own. */
  private final Map<String, Integer> slots = new HashMap<>();

  private int nextSlot;

  private BytecodeSize() {}

  /**
   * The estimated size of a method's {@code body}.
   *
   * @param params its parameters
   * @param receiver whether an instance comes first
   */
  public static long estimate(List<Param> params, boolean receiver, List<Stmt> body) {
    BytecodeSize size = new BytecodeSize();
    size.nextSlot = receiver ? 1 : 0;
    for (Param p : params) {
      size.allocate(p.name(), p.type());
    }
    size.allocate(body);
    return size.statements(body);
  }

  private void allocate(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Declare d) {
        allocate(d.name(), d.type());
      }
      Statements.blocks(s).forEach(this::allocate);
    }
  }

  /** A double or long takes two slots, anything else one. */
  private void allocate(String name, JType type) {
    slots.putIfAbsent(name, nextSlot);
    boolean wide =
        type.dimensions() == 0
            && (type.primitive() == JType.Primitive.DOUBLE || type.primitive() == JType.Primitive.LONG);
    nextSlot += wide ? 2 : 1;
  }

  /** A load or store of {@code name}: {@code dload_1}, {@code dload 9} or {@code wide dload 300}. */
  private int local(String name) {
    int slot = slots.getOrDefault(name, Integer.MAX_VALUE);
    return slot < 4 ? 1 : slot < 256 ? 2 : 4;
  }

  private long statements(List<Stmt> stmts) {
    long size = 0;
    for (Stmt s : stmts) {
      size += statement(s);
    }
    return size;
  }

  private long statement(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? 0 : expr(d.init()) + local(d.name());
    }
    if (s instanceof Stmt.Assign a) {
      long value = expr(a.value());
      if (a.target() instanceof Expr.ArrayAccess t) {
        long element = expr(t.array()) + expr(t.index()) + 1;
        return a.op() == AssignOp.SET ? element + value : element + 3 + value + 1;
      }
      if (a.target() instanceof Expr.FieldRef f) {
        return expr(new Expr.Var(f.owner())) + value + 3; // aload, value, putfield
      }
      int local = local(((Expr.Var) a.target()).name());
      return a.op() == AssignOp.SET ? value + local : local + value + 1 + local;
    }
    if (s instanceof Stmt.Return r) {
      return expr(r.value()) + 1;
    }
    if (s instanceof Stmt.Eval e) {
      return expr(e.call()) + 1;
    }
    if (s instanceof Stmt.If i) {
      return expr(i.condition()) + 3 + statements(i.then())
          + (i.otherwise().isEmpty() ? 0 : 3 + statements(i.otherwise()));
    }
    if (s instanceof Stmt.Loop l) {
      return statements(l.init()) + expr(l.condition()) + 3 + statements(l.body())
          + statements(l.update()) + 3;
    }
    if (s instanceof Stmt.Block b) {
      return statements(b.body());
    }
    if (s instanceof Stmt.Labeled l) {
      return statement(l.statement());
    }
    if (s instanceof Stmt.Comment) {
      return 0;
    }
    return 3; // break and continue are a jump
  }

  private long expr(Expr e) {
    long children = 0;
    for (int k = 0, kids = ExprRewriter.childCount(e); k < kids; k++) {
      Expr child = ExprRewriter.child(e, k);
      children += expr(child);
    }
    if (e instanceof Expr.Literal l) {
      return l.type().isNumeric() && (l.value() < -1 || l.value() > 5 || l.value() != (long) l.value())
          ? 3
          : 1;
    }
    if (e instanceof Expr.Var v) {
      return local(v.name());
    }
    if (e instanceof Expr.FieldRef || e instanceof Expr.HeldWorkspace) {
      return 4;
    }
    if (e instanceof Expr.Unary u) {
      return children + (u.op() == UnaryOp.NOT ? 8 : 1);
    }
    if (e instanceof Expr.Binary b) {
      return children + (b.op().isArithmetic() ? 1 : 8);
    }
    if (e instanceof Expr.Call) {
      return children + 3;
    }
    if (e instanceof Expr.Conditional) {
      return children + 6;
    }
    if (e instanceof Expr.Step s) {
      return 3 * local(s.variable()) + 2; // load, iinc
    }
    if (e instanceof Expr.NewRecord) {
      return children + 7;
    }
    if (e instanceof Expr.NewArray) {
      return children + 4;
    }
    return children + 1; // a cast, an array element or its length
  }
}
