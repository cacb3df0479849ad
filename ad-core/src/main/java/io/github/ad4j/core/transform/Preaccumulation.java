package io.github.ad4j.core.transform;

import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.emit.GradClassEmitter;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.normalise.ExpressionConverter;
import io.github.ad4j.core.normalise.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jacobian preaccumulation of calls of scalar functions: for {@code double t = g(a, b)}, where
 * {@code g} is a {@code @Differentiable} method of doubles, the forward sweep calls {@code g}'s
 * allocation-free gradient form instead of {@code g}, which returns the same value and its
 * partial derivatives together, and keeps the partials in locals:
 *
 * <pre>{@code
 * gACell[0] = 0;
 * gBCell[0] = 0;
 * double t = CGrad.gGradient(a, b, gACell, gBCell);
 * double dtda = gACell[0];
 * double dtdb = gBCell[0];
 * }</pre>
 *
 * <p>The backward sweep then multiplies {@code dt} by them ({@code da += dt * dtda}), as it does
 * for a {@code Math} function, where calling {@code g}'s pullback would run {@code g} a second
 * time: a hand-written adjoint of {@code N(d1)} computes the normal density with the value, and
 * so does this. Calls whose callee takes an array it is differentiated for, or writes into its
 * arrays, keep the pullback: their partials are not a few numbers.
 *
 * <p>The partials are ordinary locals of the method, so the backward sweep reads them like any
 * other value the forward sweep computed (off a tape inside loops).
 *
 * @param procedure the method with such calls rewritten
 * @param partials for each rewritten call (by identity), its arguments and partials
 */
record Preaccumulation(Procedure procedure, Map<Expr.Call, Partials> partials) {

  /**
   * The partial derivatives of one call, kept in locals by the forward sweep.
   *
   * @param arguments the arguments of the original call
   * @param locals for each argument, the local holding the partial with respect to it, or null
   *     where the callee is not differentiated for that parameter
   */
  record Partials(List<Expr> arguments, List<Expr> locals) {}

  /**
   * Whether {@code call} is a preaccumulated call's: a callee's allocation-free gradient form,
   * which writes the partials into its cells.
   */
  static boolean isGradientCall(Expr.Call call) {
    return call.owner().endsWith(GradClassEmitter.SUFFIX) && DerivativeNames.isGradient(call.name());
  }

  /**
   * Rewrites the calls of {@code procedure} that can be preaccumulated.
   *
   * @param taken the names the generated methods use, which new locals must avoid
   */
  static Preaccumulation of(Procedure procedure, Activity activity, Set<String> taken) {
    Map<String, JType> variables = new LinkedHashMap<>(procedure.variables());
    Set<String> avoided = new HashSet<>(taken);
    avoided.addAll(variables.keySet());
    Names names = new Names(avoided);
    Map<Expr.Call, Partials> partials = new IdentityHashMap<>();
    Map<String, String> cells = new LinkedHashMap<>();
    Rewriter rewriter = new Rewriter(procedure, activity, variables, names, partials, cells);
    List<Stmt> body = rewriter.block(procedure.body());
    if (partials.isEmpty()) {
      return new Preaccumulation(procedure, Map.of());
    }
    List<Stmt> withCells = new ArrayList<>();
    JType cellType = new JType(JType.Primitive.DOUBLE, 1);
    for (String cell : cells.values()) {
      withCells.add(
          new Stmt.Declare(
              cellType, cell, new Expr.NewArray(cellType, List.of(Expr.Literal.ofInt(1))), null));
    }
    withCells.addAll(body);
    Procedure rewritten =
        new Procedure(
            procedure.packageName(), procedure.className(), procedure.name(), procedure.params(),
            procedure.returnType(), procedure.wrt(), withCells, variables, procedure.origin(),
            procedure.callees(), procedure.callSites(), procedure.receiver());
    return new Preaccumulation(rewritten, partials);
  }

  /** Walks the statements, rewriting each eligible call. */
  private static final class Rewriter {
    private final Procedure procedure;
    private final Activity activity;
    private final Map<String, JType> variables;
    private final Names names;
    private final Map<Expr.Call, Partials> partials;
    private final Map<String, String> cells;

    Rewriter(
        Procedure procedure, Activity activity, Map<String, JType> variables, Names names,
        Map<Expr.Call, Partials> partials, Map<String, String> cells) {
      this.procedure = procedure;
      this.activity = activity;
      this.variables = variables;
      this.names = names;
      this.partials = partials;
      this.cells = cells;
    }

    List<Stmt> block(List<Stmt> block) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : block) {
        Callees.Callee callee;
        if (s instanceof Stmt.Declare d
            && d.init() instanceof Expr.Call c
            && (callee = eligible(c)) != null) {
          Expr.Call gradient = gradientCall(c, callee, out);
          out.add(new Stmt.Declare(d.type(), d.name(), gradient, d.origin()));
          readPartials(c, callee, gradient, d.name(), out);
        } else if (s instanceof Stmt.Assign a
            && a.op() == AssignOp.SET
            && a.target() instanceof Expr.Var v
            && a.value() instanceof Expr.Call c
            && (callee = eligible(c)) != null) {
          Expr.Call gradient = gradientCall(c, callee, out);
          out.add(new Stmt.Assign(a.target(), AssignOp.SET, gradient, a.origin()));
          readPartials(c, callee, gradient, v.name(), out);
        } else if (s instanceof Stmt.Labeled) {
          out.add(s); // a labeled loop's calls, and loop headers', keep the pullback
        } else {
          out.add(Statements.mapBlocks(s, this::block));
        }
      }
      return out;
    }

    /**
     * The callee of a call of a {@code @Differentiable} method of doubles returning a double,
     * with arguments that carry derivatives, whose partials are a few numbers; null for any other
     * call.
     */
    private Callees.Callee eligible(Expr.Call call) {
      Callees.Callee callee = procedure.callees().get(ExpressionConverter.key(call));
      if (callee == null
          || !callee.differentiable()
          || callee.ruled()
          || callee.writesArrays()
          || !callee.returnType().equals(JType.DOUBLE)
          || !activity.isActive(call)) {
        return null;
      }
      for (int k = 0; k < callee.params().size(); k++) {
        Param p = callee.params().get(k);
        boolean active = activity.carriesDerivative(call.args().get(k));
        if (callee.wrt().contains(p.name())) {
          if (!p.type().equals(JType.DOUBLE)) {
            return null;
          }
        } else if (active) {
          return null; // the pullback path reports it, with the parameter to add to wrt
        }
      }
      return callee;
    }

    /** Zeroes the call's cells and returns {@code CGrad.gGradient(args..., cells...)}. */
    private Expr.Call gradientCall(Expr.Call call, Callees.Callee callee, List<Stmt> out) {
      List<Expr> args = new ArrayList<>();
      if (callee.instance()) {
        args.add(new Expr.Var(procedure.receiver()));
      }
      args.addAll(call.args());
      for (Param p : callee.params()) {
        if (callee.wrt().contains(p.name())) {
          String cell = cell(callee, p);
          Expr element = new Expr.ArrayAccess(new Expr.Var(cell), Expr.Literal.ofInt(0));
          out.add(new Stmt.Assign(element, AssignOp.SET, Expr.Literal.ofInt(0), null));
          args.add(new Expr.Var(cell));
        }
      }
      String gradClass = callee.classReference(procedure.packageName()) + GradClassEmitter.SUFFIX;
      return new Expr.Call(
          gradClass, new DerivativeNames(callee.name()).gradient(), args, JType.DOUBLE);
    }

    /** {@code double dtda = gACell[0];} for each parameter the callee is differentiated for. */
    private void readPartials(
        Expr.Call call, Callees.Callee callee, Expr.Call gradient, String target, List<Stmt> out) {
      List<Expr> ofArguments = new ArrayList<>();
      for (Param p : callee.params()) {
        if (!callee.wrt().contains(p.name())) {
          ofArguments.add(null);
          continue;
        }
        String local = names.fresh("d" + target + "d" + p.name()); // ∂target/∂p, as partials are named
        variables.put(local, JType.DOUBLE);
        out.add(
            new Stmt.Declare(
                JType.DOUBLE, local,
                new Expr.ArrayAccess(new Expr.Var(cell(callee, p)), Expr.Literal.ofInt(0)), null));
        ofArguments.add(new Expr.Var(local));
      }
      partials.put(gradient, new Partials(call.args(), ofArguments));
    }

    private String cell(Callees.Callee callee, Param p) {
      return cells.computeIfAbsent(
          callee.className() + "." + callee.name() + "|" + p.name(),
          k -> {
            String name = names.fresh(new DerivativeNames(callee.name()).cell(p.name()));
            variables.put(name, new JType(JType.Primitive.DOUBLE, 1));
            return name;
          });
    }
  }
}
