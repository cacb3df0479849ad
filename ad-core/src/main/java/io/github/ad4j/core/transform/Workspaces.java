package io.github.ad4j.core.transform;

import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.StmtRewriter;
import io.github.ad4j.core.ir.Tapes;
import io.github.ad4j.core.normalise.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves the arrays a reverse sweep allocates on every call into a workspace the caller keeps:
 * the method's final code, which declares each at its top level, takes them from the workspace's
 * fields instead and stores them back before it returns, so a second call of the same size
 * allocates nothing.
 *
 * <ul>
 *   <li>a tape of primitives, {@code double[] tTape = new double[n];}, becomes {@code double[]
 *       tTape = atLeast(workspace.tTape, n);}: the workspace's array where it holds {@code n}
 *       values, else a new one; {@code push} may still grow it, and what it grew to is stored
 *       back, so the workspace grows to the largest call seen;
 *   <li>the zeroed adjoint of an array {@code a}, {@code double[] da = new double[a.length];},
 *       becomes {@code double[] da = zeroed(workspace.da, a.length);}: the workspace's array
 *       cleared where it has that very length (the sweeps may read {@code da.length}), else a new
 *       one;
 *   <li>a callee's forms that take a workspace of their own get the one the caller's workspace
 *       holds for that callee, {@code GGrad.gPullback(..., workspace.gWorkspace)}, so their tapes
 *       are kept too; and the one-element cells {@code double[] gXCell = new double[1];} that
 *       callees' forms hand their partials back in are taken like tapes (each call zeroes its
 *       cell first).
 * </ul>
 *
 * <p>Left as they are: tapes of references (arrays created per trip, which allocate anyway; a
 * workspace holding them would keep them alive), adjoints of {@code double[][]} arrays, and what
 * a block declares. Cells alone make no workspace.
 */
public final class Workspaces {

  /** The helper that hands out a tape of at least a given length. */
  static final String AT_LEAST = "atLeast";

  /** The helper that hands out a zeroed array of exactly a given length. */
  static final String ZEROED = "zeroed";

  private Workspaces() {}

  /**
   * The final code {@code body} of a method whose parameter {@code workspace} holds its tapes,
   * adjoint arrays and cells, and the workspaces {@code nested} of callees' forms, which each
   * call of those forms is passed ({@code gPullback(..., workspace.gWorkspace)}); with the
   * workspace's array fields, one per array taken from it, and the entries of {@code nested} the
   * code calls. Both are empty where {@code body} allocates nothing a workspace could hold (cells
   * aside) and calls none of those forms; the code is then returned as it is.
   *
   * @param body a method's code whose only {@code return} statements are at its top level
   */
  public static Taken take(
      List<Stmt> body, String workspace, List<DerivativeMethod.Nested> nested) {
    List<DerivativeMethod.Nested> called = called(body, nested);
    Set<String> tapes = new HashSet<>();
    pushed(body, tapes);
    List<Param> fields = new ArrayList<>();
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Return) {
        for (Param field : fields) {
          // the arrays push grew, and those created because the workspace's were too small
          out.add(
              new Stmt.Assign(
                  new Expr.FieldRef(workspace, field.name(), field.type()), AssignOp.SET,
                  new Expr.Var(field.name()), null));
        }
        out.add(s);
        continue;
      }
      if (returns(s)) {
        throw new IllegalArgumentException("a return inside a block cannot store the workspace");
      }
      String helper = s instanceof Stmt.Declare d ? helperFor(d, tapes) : null;
      if (helper == null) {
        out.add(s);
        continue;
      }
      Stmt.Declare d = (Stmt.Declare) s;
      Expr.NewArray created = (Expr.NewArray) d.init();
      Expr held = new Expr.FieldRef(workspace, d.name(), d.type());
      out.add(
          new Stmt.Declare(
              d.type(), d.name(),
              new Expr.Call("", helper, List.of(held, created.lengths().get(0)), d.type()),
              d.origin()));
      fields.add(new Param(d.type(), d.name()));
    }
    if (fields.stream().allMatch(field -> isCell(body, field.name())) && called.isEmpty()) {
      return new Taken(body, List.of(), List.of()); // cells alone make no workspace
    }
    if (called.isEmpty()) {
      return new Taken(out, fields, called);
    }
    // every call of a callee's form that takes a workspace passes the one held for it
    List<Stmt> passing =
        StmtRewriter.rewrite(
            out, e -> ExprRewriter.transform(e, c -> passed(c, workspace, called)));
    return new Taken(passing, fields, called);
  }

  /** {@code e}, or the call it is with the callee's held workspace passed last. */
  private static Expr passed(Expr e, String workspace, List<DerivativeMethod.Nested> called) {
    if (e instanceof Expr.Call call) {
      for (DerivativeMethod.Nested n : called) {
        if (n.isCalledBy(call)) {
          List<Expr> args = new ArrayList<>(call.args());
          args.add(new Expr.HeldWorkspace(workspace, n.field()));
          return new Expr.Call(call.owner(), call.name(), args, call.type());
        }
      }
    }
    return e;
  }

  /** The entries of {@code nested} whose forms {@code body} calls, in their order. */
  private static List<DerivativeMethod.Nested> called(
      List<Stmt> body, List<DerivativeMethod.Nested> nested) {
    if (nested.isEmpty()) {
      return List.of();
    }
    Set<DerivativeMethod.Nested> found = new HashSet<>();
    StmtRewriter.rewrite(body, e -> ExprRewriter.transform(e, c -> {
      if (c instanceof Expr.Call call) {
        nested.stream().filter(n -> n.isCalledBy(call)).forEach(found::add);
      }
      return c;
    }));
    return nested.stream().filter(found::contains).toList();
  }

  /**
   * The fields of workspace parameter {@code workspace} that {@code body}, as {@link #take}
   * rewrote it, reads.
   */
  public static List<Param> fields(List<Stmt> body, String workspace) {
    List<Param> fields = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d
          && d.init() instanceof Expr.Call c
          && c.owner().isEmpty()
          && (c.name().equals(AT_LEAST) || c.name().equals(ZEROED))
          && c.args().get(0) instanceof Expr.FieldRef f
          && f.owner().equals(workspace)) {
        fields.add(new Param(f.type(), f.name()));
      }
    }
    return fields;
  }

  /**
   * The fields of workspace parameter {@code workspace} holding callees' workspaces that {@code
   * body}, as {@link #take} rewrote it, passes to their forms.
   */
  public static Set<String> passed(List<Stmt> body, String workspace) {
    Set<String> passed = new HashSet<>();
    StmtRewriter.rewrite(body, e -> ExprRewriter.transform(e, c -> {
      if (c instanceof Expr.HeldWorkspace h && h.workspace().equals(workspace)) {
        passed.add(h.field());
      }
      return c;
    }));
    return passed;
  }

  /**
   * The method's code with its arrays taken from a workspace and the fields it takes them from.
   *
   * @param body the code
   * @param fields the workspace's fields, each named like the local it is taken into
   * @param nested the callees' workspaces it holds, those whose forms the code calls
   */
  public record Taken(List<Stmt> body, List<Param> fields, List<DerivativeMethod.Nested> nested) {
    public Taken {
      body = List.copyOf(body);
      fields = List.copyOf(fields);
      nested = List.copyOf(nested);
    }

    /** Whether the method needs a workspace: it holds something. */
    public boolean holdsAnything() {
      return !fields.isEmpty() || !nested.isEmpty();
    }
  }

  /**
   * {@link #AT_LEAST} for a tape of primitives, {@link #ZEROED} for the adjoint of a {@code
   * double[]}, null for any other declaration.
   */
  private static String helperFor(Stmt.Declare d, Set<String> tapes) {
    if (d.origin() != null // the user's own array: what the method itself allocates
        || d.type().dimensions() != 1
        || !(d.init() instanceof Expr.NewArray created)
        || created.lengths().size() != 1) {
      return null;
    }
    if (tapes.contains(d.name()) || isCell(d)) {
      return AT_LEAST; // a cell is zeroed before each call that fills it
    }
    if (d.type().primitive() == JType.Primitive.DOUBLE
        && created.lengths().get(0) instanceof Expr.ArrayLength length
        && length.array() instanceof Expr.Var array
        && d.name().equals(Names.adjoint(array.name()))) {
      return ZEROED;
    }
    return null;
  }

  /** Whether {@code d} declares a one-element cell a callee's form hands a partial back in. */
  private static boolean isCell(Stmt.Declare d) {
    return d.init() instanceof Expr.NewArray created
        && created.lengths().equals(List.of(Expr.Literal.ofInt(1)))
        && DerivativeNames.isCell(d.name());
  }

  private static boolean isCell(List<Stmt> body, String name) {
    return body.stream()
        .anyMatch(s -> s instanceof Stmt.Declare d && d.name().equals(name) && isCell(d));
  }

  /** The tapes of {@code block}: the variables {@code t = push(t, top++, value)} assigns. */
  private static void pushed(List<Stmt> block, Set<String> into) {
    for (Stmt s : block) {
      String tape = Tapes.pushedTape(s);
      if (tape != null) {
        into.add(tape);
      }
      for (List<Stmt> inner : Statements.blocks(s)) {
        pushed(inner, into);
      }
    }
  }

  /** Whether {@code s} holds a {@code return} in one of its blocks. */
  private static boolean returns(Stmt s) {
    for (List<Stmt> inner : Statements.blocks(s)) {
      for (Stmt t : inner) {
        if (t instanceof Stmt.Return || returns(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
