package io.github.ad4j.core.transform;

import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.emit.GradClassEmitter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *   <li>the copy of an array saved before a call that writes into it, {@code double[] wBefore
 *       = Arrays.copyOf(w, w.length);}, and the copy of what the caller must see in a parameter
 *       array the method writes into, {@code double[] wAfter = w.clone();}, become {@code
 *       double[] wBefore = copied(workspace.wBefore, w);}: copied into the workspace's array
 *       where it has that length, else a new copy (copies saved inside loops and branches go on
 *       a tape, and are not kept);
 *   <li>the zeroed accumulator a call of a callee's form is passed for an argument that carries
 *       no derivative, {@code gPullback(..., new double[x[i].length])}, becomes a local the
 *       workspace keeps, cleared before each call: {@code gScratch = zeroed(gScratch,
 *       x[i].length);} and {@code gPullback(..., gScratch)};
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
  public static final String AT_LEAST = "atLeast";

  /** The helper that hands out a zeroed array of exactly a given length. */
  public static final String ZEROED = "zeroed";

  /** The type of a scratch accumulator. */
  private static final JType SCRATCH = new JType(JType.Primitive.DOUBLE, 1);

  /** The helper that hands out a copy of an array, into the workspace's where it fits. */
  public static final String COPIED = "copied";

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
   * @param params the method's parameters, whose names new locals avoid
   */
  public static Taken take(
      List<Stmt> body, List<Param> params, String workspace,
      List<DerivativeMethod.Nested> nested) {
    List<DerivativeMethod.Nested> called = called(body, nested);
    Set<String> tapes = new HashSet<>();
    pushed(body, tapes);
    List<Param> fields = new ArrayList<>();
    List<Stmt> out = new ArrayList<>();
    Scratch scratch = new Scratch(body, params, workspace);
    List<Stmt> calling = scratch.block(body);
    List<Stmt> scratchLocals = new ArrayList<>();
    for (String name : scratch.locals.values()) {
      // an accumulator a callee's form needs for an argument that carries no derivative
      scratchLocals.add(
          new Stmt.Declare(SCRATCH, name, new Expr.FieldRef(workspace, name, SCRATCH), null));
      fields.add(new Param(SCRATCH, name));
    }
    boolean onlyCells = true; // cells alone make no workspace
    for (Stmt s : calling) {
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
      Expr taken =
          s instanceof Stmt.Declare d
              ? taken(d, tapes, new Expr.FieldRef(workspace, d.name(), d.type()))
              : null;
      if (taken == null) {
        out.add(s);
        continue;
      }
      Stmt.Declare d = (Stmt.Declare) s;
      out.add(new Stmt.Declare(d.type(), d.name(), taken, d.origin()));
      fields.add(new Param(d.type(), d.name()));
      onlyCells &= isCell(d);
    }
    if (onlyCells && scratchLocals.isEmpty() && called.isEmpty()) {
      return Taken.nothing(body);
    }
    // taken from the workspace first, under the comment heading the code, if any
    out.addAll(!out.isEmpty() && out.get(0) instanceof Stmt.Comment ? 1 : 0, scratchLocals);
    if (called.isEmpty()) {
      return new Taken(out, fields, called);
    }
    // every call of a callee's form that takes a workspace passes the one held for it
    List<Stmt> passing =
        StmtRewriter.rewrite(
            out, e -> ExprRewriter.transform(e, c -> passed(c, workspace, called)));
    return new Taken(passing, fields, called);
  }

  /** Whether {@code call} is passed a callee's held workspace, last. */
  static boolean passesHeldWorkspace(Expr.Call call) {
    return !call.args().isEmpty()
        && call.args().get(call.args().size() - 1) instanceof Expr.HeldWorkspace;
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

  /**
   * The zeroed accumulators, {@code new double[n]}, that calls of callees' forms are passed for
   * arguments that carry no derivative (the callee adds into them; nothing reads them): each
   * becomes a local kept in the workspace, cleared before the call, {@code gScratch =
   * zeroed(gScratch, n);}, one per callee form and argument.
   */
  private static final class Scratch {
    /** The local of each callee form's argument, by {@code owner.name#index}. */
    final Map<String, String> locals = new LinkedHashMap<>();
    private final List<Stmt> body;
    private final List<Param> params;
    private final String workspace;
    /** The names the method uses, which the locals avoid; gathered once one is needed. */
    private Names names;

    Scratch(List<Stmt> body, List<Param> params, String workspace) {
      this.body = body;
      this.params = params;
      this.workspace = workspace;
    }

    private String fresh(String base) {
      if (names == null) {
        Set<String> taken = new HashSet<>();
        params.forEach(p -> taken.add(p.name()));
        taken.add(workspace);
        StmtRewriter.rewrite(body, e -> {
          ExprRewriter.variables(e, taken);
          return e;
        });
        Statements.declared(body, taken);
        names = new Names(taken);
      }
      return names.fresh(base);
    }

    List<Stmt> block(List<Stmt> block) {
      List<Stmt> out = new ArrayList<>(block.size());
      for (Stmt s : block) {
        if (s instanceof Stmt.Eval e && isCalleeForm(e.call())) {
          List<Expr> args = new ArrayList<>(e.call().args());
          for (int k = 0; k < args.size(); k++) {
            if (args.get(k) instanceof Expr.NewArray zeros
                && zeros.type().equals(SCRATCH)
                && zeros.lengths().size() == 1) {
              String local =
                  locals.computeIfAbsent(
                      e.call().owner() + "." + e.call().name() + "#" + k,
                      key -> fresh(DerivativeNames.methodOf(e.call().name()) + "Scratch"));
              Expr.Var scratch = new Expr.Var(local);
              out.add(
                  new Stmt.Assign(
                      scratch, AssignOp.SET,
                      new Expr.Call("", ZEROED, List.of(scratch, zeros.lengths().get(0)), SCRATCH),
                      null));
              args.set(k, scratch);
            }
          }
          Expr.Call call = e.call();
          out.add(new Stmt.Eval(new Expr.Call(call.owner(), call.name(), args, call.type()),
              e.origin()));
        } else {
          out.add(Statements.mapBlocks(s, this::block));
        }
      }
      return out;
    }

    /** Whether {@code call} calls a callee's pullback or accumulating form. */
    private static boolean isCalleeForm(Expr.Call call) {
      return call.owner().endsWith(GradClassEmitter.SUFFIX)
          && (DerivativeNames.isPullback(call.name()) || DerivativeNames.isGradient(call.name()));
    }
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

    /** {@code body} as it is, taking nothing from a workspace. */
    public static Taken nothing(List<Stmt> body) {
      return new Taken(body, List.of(), List.of());
    }

    /** Whether the method needs a workspace: it holds something. */
    public boolean holdsAnything() {
      return !fields.isEmpty() || !nested.isEmpty();
    }
  }

  /**
   * What {@code d}'s array becomes where the workspace field {@code held} keeps it: {@link
   * #AT_LEAST} for a tape of primitives or a cell, {@link #ZEROED} for the adjoint of a {@code
   * double[]}, {@link #COPIED} for the copy saved before a call that writes into an array; null
   * for any other declaration.
   */
  private static Expr taken(Stmt.Declare d, Set<String> tapes, Expr held) {
    if (d.origin() != null // the user's own array: what the method itself allocates
        || d.type().dimensions() != 1) {
      return null;
    }
    Expr copied = copiedArray(d);
    if (copied != null) {
      // the generated code's own buffer (a callee's pullback may overwrite it), filled anew
      return new Expr.Call("", COPIED, List.of(held, copied), d.type());
    }
    if (!(d.init() instanceof Expr.NewArray created) || created.lengths().size() != 1) {
      return null;
    }
    Expr length = created.lengths().get(0);
    if (tapes.contains(d.name()) || isCell(d)) {
      // a cell is zeroed before each call that fills it
      return new Expr.Call("", AT_LEAST, List.of(held, length), d.type());
    }
    if (d.type().primitive() == JType.Primitive.DOUBLE
        && length instanceof Expr.ArrayLength ofArray
        && ofArray.array() instanceof Expr.Var array
        && d.name().equals(Names.adjoint(array.name()))) {
      return new Expr.Call("", ZEROED, List.of(held, length), d.type());
    }
    return null;
  }

  /**
   * The array {@code d} declares a copy of, {@code Arrays.copyOf(a, a.length)} or {@code
   * a.clone()}, where the copy is the generated code's own ({@link DerivativeNames#isArrayCopy});
   * null otherwise.
   */
  private static Expr copiedArray(Stmt.Declare d) {
    if (!DerivativeNames.isArrayCopy(d.name()) || !(d.init() instanceof Expr.Call copy)) {
      return null;
    }
    if (copy.owner().equals("java.util.Arrays")
        && copy.name().equals("copyOf")
        && copy.args().size() == 2
        && copy.args().get(1).equals(new Expr.ArrayLength(copy.args().get(0)))) {
      return copy.args().get(0);
    }
    if (copy.name().equals("clone") && copy.args().isEmpty() && !copy.owner().isEmpty()) {
      return new Expr.Var(copy.owner());
    }
    return null;
  }

  /** Whether {@code d} declares a one-element cell a callee's form hands a partial back in. */
  private static boolean isCell(Stmt.Declare d) {
    return d.init() instanceof Expr.NewArray created
        && created.lengths().equals(List.of(Expr.Literal.ofInt(1)))
        && DerivativeNames.isCell(d.name());
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
