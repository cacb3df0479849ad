package io.github.ad4j.core.transform;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
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
 *       one.
 * </ul>
 *
 * <p>Left as they are: tapes of references (arrays created per trip, which allocate anyway; a
 * workspace holding them would keep them alive), the one-element cells of callees' pullbacks
 * (which the JIT removes), adjoints of {@code double[][]} arrays, and what a block declares.
 */
public final class Workspaces {

  /** The helper that hands out a tape of at least a given length. */
  static final String AT_LEAST = "atLeast";

  /** The helper that hands out a zeroed array of exactly a given length. */
  static final String ZEROED = "zeroed";

  private Workspaces() {}

  /**
   * The final code {@code body} of a method whose parameter {@code workspace} holds its tapes and
   * adjoint arrays, and the workspace's fields, one per array taken from it (empty: {@code body}
   * allocates nothing a workspace could hold, and is returned as it is).
   *
   * @param body a method's code whose only {@code return} statements are at its top level
   */
  public static Taken take(List<Stmt> body, String workspace) {
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
    return fields.isEmpty() ? new Taken(body, List.of()) : new Taken(out, fields);
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
   * The method's code with its arrays taken from a workspace and the fields it takes them from.
   *
   * @param body the code
   * @param fields the workspace's fields, each named like the local it is taken into
   */
  public record Taken(List<Stmt> body, List<Param> fields) {
    public Taken {
      body = List.copyOf(body);
      fields = List.copyOf(fields);
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
    if (tapes.contains(d.name())) {
      return AT_LEAST;
    }
    if (d.type().primitive() == JType.Primitive.DOUBLE
        && created.lengths().get(0) instanceof Expr.ArrayLength length
        && length.array() instanceof Expr.Var array
        && d.name().equals(Names.adjoint(array.name()))) {
      return ZEROED;
    }
    return null;
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
