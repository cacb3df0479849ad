package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.normalise.Names;
import io.github.ad4j.core.rules.RuleTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The forms of a method {@code f} that returns a {@code double[]}: a function from its {@code
 * wrt} parameters, n numbers flattened in order, to m numbers.
 *
 * <ul>
 *   <li>{@code fPushforward(params, tangents)}: the Jacobian-vector product J v, a new {@code
 *       double[m]};
 *   <li>{@code fPullback(params, seed, accumulators)}: returns f's value and adds the
 *       vector-Jacobian product seedᵀ J into the accumulators, as the scalar form does;
 *   <li>{@code fJacobian(params)}: J as a new {@code double[m][n]}, column by column (n
 *       pushforwards) or row by row (m pullbacks), as {@link io.github.ad4j.Jacobian} chooses.
 * </ul>
 *
 * <p>The pullback differentiates the scalar {@code seed · f(x)}: the method's own statements,
 * then that dot product, in reverse mode, with the seed held constant.
 */
final class VectorForms {

  private final Procedure procedure;
  private final RuleTable rules;
  private final DerivativeForms forms;
  private final DerivativeForms.JacobianMode mode;
  private final Expr.Var returned;
  private final Expr outputs;

  private VectorForms(
      Procedure procedure, RuleTable rules, DerivativeForms forms,
      DerivativeForms.JacobianMode mode) {
    this.procedure = procedure;
    this.rules = rules;
    this.forms = forms;
    this.mode = mode;
    this.returned = returnedArray();
    this.outputs = outputs();
  }

  static List<DerivativeMethod> of(
      Procedure procedure, RuleTable rules, DerivativeForms forms,
      DerivativeForms.JacobianMode mode,
      List<String> accumulators, DerivativeMethod pushforward) {
    return new VectorForms(procedure, rules, forms, mode).build(accumulators, pushforward);
  }

  private List<DerivativeMethod> build(List<String> accumulators, DerivativeMethod pushforward) {
    if (mode == DerivativeForms.JacobianMode.REVERSE && outputs == null) {
      throw new NotDifferentiableException(procedure.origin(), "@Jacobian(REVERSE) on "
          + procedure.name() + ": the length of the array it returns must be computed from its"
          + " parameters alone (such as new double[t.length]), so that the Jacobian knows its"
          + " rows before the first pullback; use FORWARD or AUTO");
    }
    List<DerivativeMethod> methods = new ArrayList<>();
    methods.add(pushforward);
    methods.add(pullback(accumulators));
    methods.add(jacobian(accumulators));
    return methods;
  }

  /** The array the method returns: a local it creates with {@code new} and returns once, last. */
  private Expr.Var returnedArray() {
    Stmt last = procedure.body().get(procedure.body().size() - 1);
    if (last instanceof Stmt.Return r && r.value() instanceof Expr.Var v) {
      for (Stmt s : procedure.body()) {
        if (s instanceof Stmt.Declare d && d.name().equals(v.name()) && d.init() instanceof Expr.NewArray) {
          return v;
        }
      }
    }
    throw new NotDifferentiableException(
        last instanceof Stmt.Return r && r.origin() != null ? r.origin() : procedure.origin(),
        procedure.name() + " returns a double[]: it must create the array with new, fill it, and"
            + " return it once, at its end (double[] r = new double[n]; ... return r;); return a"
            + " parameter or an early result through such an array");
  }

  /** The returned array's length, where it is computed from the parameters alone; else null. */
  private Expr outputs() {
    for (Stmt s : procedure.body()) {
      if (s instanceof Stmt.Declare d && d.name().equals(returned.name())) {
        Expr length = ((Expr.NewArray) d.init()).lengths().get(0);
        Set<String> read = new HashSet<>();
        ExprRewriter.variables(length, read);
        Set<String> params = new HashSet<>();
        procedure.params().forEach(p -> params.add(p.name()));
        return params.containsAll(read) ? length : null;
      }
    }
    return null;
  }

  private DerivativeMethod pullback(List<String> accumulators) {
    Set<String> taken = new HashSet<>(procedure.variables().keySet());
    taken.addAll(accumulators);
    Names names = new Names(taken);
    Expr.Var seed = new Expr.Var(names.fresh("seed"));
    Expr.Var value = new Expr.Var(names.fresh(procedure.name()));
    Expr.Var dot = new Expr.Var(names.fresh("dot"));
    Expr.Var i = new Expr.Var(names.fresh("i"));
    JType vector = new JType(JType.Primitive.DOUBLE, 1);

    List<Stmt> body = new ArrayList<>(procedure.body().subList(0, procedure.body().size() - 1));
    // the value as the forward sweep leaves it: the backward sweep may restore its elements
    body.add(new Stmt.Declare(vector, value.name(), new Expr.Call(returned.name(), "clone", List.of(), vector), null));
    body.add(new Stmt.Declare(JType.DOUBLE, dot.name(), Expr.Literal.ofDouble(0), null));
    body.add(
        Loops.forEach(
            i, new Expr.ArrayLength(returned),
            new Stmt.Assign(
                dot, AssignOp.ADD,
                new Expr.Binary(
                    BinaryOp.MULTIPLY, new Expr.ArrayAccess(seed, i), new Expr.ArrayAccess(returned, i)),
                null)));
    body.add(new Stmt.Return(dot, null));
    List<Param> params = new ArrayList<>(procedure.params());
    params.add(new Param(vector, seed.name()));
    Map<String, JType> variables = new LinkedHashMap<>(procedure.variables());
    variables.put(seed.name(), vector);
    variables.put(value.name(), vector);
    variables.put(dot.name(), JType.DOUBLE);
    variables.put(i.name(), JType.INT);
    Procedure dotted =
        new Procedure(
            procedure.packageName(), procedure.className(), procedure.name(), params,
            JType.DOUBLE, procedure.wrt(), body, variables, procedure.origin(),
            procedure.callees(), procedure.callSites(), procedure.receiver());
    Sweeps sweeps =
        ReverseTransformer.transform(
            dotted, Activity.of(dotted), rules, new Names(variables.keySet()),
            Expr.Literal.ofDouble(1));
    // the array itself is the value unless the backward sweep puts back some of its elements;
    // then the copy taken at the end of the forward sweep is (and otherwise it is dead code)
    Set<String> restored = new HashSet<>();
    sweeps.backward().forEach(stmt -> Statements.assigned(stmt, restored));
    Expr result = restored.contains(returned.name()) ? value : returned;
    return forms.accumulating(
        forms.names().pullback(),
        "The pullback of " + forms.link() + ": returns its value and adds the vector-Jacobian"
            + " product {@code " + seed.name() + "}ᵀ J to the caller's arrays, one per parameter"
            + " and of its shape (element 0 for a scalar). {@code " + seed.name() + "} has the"
            + " length of the value; the arrays are not cleared first.",
        vector,
        params,
        procedure.wrt(),
        accumulators,
        sweeps,
        result);
  }

  private DerivativeMethod jacobian(List<String> accumulators) {
    Names names = new Names(procedure.variables().keySet());
    Map<String, JType> variables = new LinkedHashMap<>();
    procedure.params().forEach(p -> variables.put(p.name(), p.type()));
    Flattened flat = new Flattened(procedure, names, variables);
    JType matrix = new JType(JType.Primitive.DOUBLE, 2);
    Expr.Var n = local(names, variables, "n", JType.INT);
    Expr.Var jacobian = local(names, variables, "jacobian", matrix);
    List<Stmt> body = new ArrayList<>(flat.prelude());
    body.add(new Stmt.Declare(JType.INT, n.name(), flat.size(), null));
    body.add(new Stmt.Declare(matrix, jacobian.name(), null, null));
    Expr.Var m = outputs == null ? null : local(names, variables, "m", JType.INT);
    if (m != null) {
      body.add(body.size() - 1, new Stmt.Declare(JType.INT, m.name(), outputs, null));
    }
    List<Stmt> byColumns = byColumns(flat, names, variables, n, m, jacobian);
    String how;
    if (mode == DerivativeForms.JacobianMode.FORWARD || m == null) {
      body.addAll(byColumns);
      how = "column by column, one pushforward per entry";
    } else {
      List<Stmt> byRows = byRows(flat, names, variables, m, n, jacobian);
      if (mode == DerivativeForms.JacobianMode.REVERSE) {
        body.addAll(byRows);
        how = "row by row, one pullback per output";
      } else {
        body.add(new Stmt.If(new Expr.Binary(BinaryOp.LESS_EQUALS, n, m), byColumns, byRows, null));
        how = "column by column (one pushforward per entry) where there are no more entries than"
            + " outputs, else row by row (one pullback per output)";
      }
    }
    return new DerivativeMethod(
        forms.names().jacobian(),
        "The Jacobian of " + forms.link() + ": a new m × n array whose row i holds the partial"
            + " derivatives of output i with respect to " + flat.order() + ", in this order; built "
            + how + ". The arguments are left as they were, even where the method writes into"
            + " them.",
        matrix,
        null,
        procedure.params(),
        body,
        List.of(),
        List.of(new Stmt.Return(jacobian, null)),
        variables,
        forms.receiver(),
        null);
  }

  /**
   * @param outputs the number of outputs, where known before the first call; else null, and the
   *     first column tells
   */
  private List<Stmt> byColumns(
      Flattened flat, Names names, Map<String, JType> variables, Expr.Var n, Expr.Var outputs,
      Expr.Var jacobian) {
    JType matrix = new JType(JType.Primitive.DOUBLE, 2);
    Expr.Var columns = local(names, variables, "columns", matrix);
    Expr.Var k = local(names, variables, "k", JType.INT);
    Expr.Var i = local(names, variables, "i", JType.INT);
    Expr.Var m = outputs != null ? outputs : local(names, variables, "m", JType.INT);
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Declare(matrix, columns.name(), new Expr.NewArray(matrix, List.of(n)), null));
    List<Expr.Var> directions = flat.declare("Dot", false, out);
    List<Expr> args = new ArrayList<>(Flattened.arguments(procedure));
    args.addAll(directions);
    List<Stmt> column = new ArrayList<>(flat.unit(directions, k));
    column.add(
        new Stmt.Assign(
            new Expr.ArrayAccess(columns, k), AssignOp.SET,
            new Expr.Call("", forms.pushforwardName(), args, new JType(JType.Primitive.DOUBLE, 1)),
            null));
    out.add(Loops.forEach(k, n, column.toArray(new Stmt[0])));
    if (outputs == null) {
      out.add(
          new Stmt.Declare(
              JType.INT, m.name(),
              new Expr.Conditional(
                  new Expr.Binary(BinaryOp.EQUALS, n, Expr.Literal.ofInt(0)),
                  Expr.Literal.ofInt(0),
                  new Expr.ArrayLength(new Expr.ArrayAccess(columns, Expr.Literal.ofInt(0)))),
              null));
    }
    out.add(new Stmt.Assign(jacobian, AssignOp.SET, new Expr.NewArray(matrix, List.of(m, n)), null));
    out.add(
        Loops.forEach(
            i, m,
            Loops.forEach(
                k, n,
                new Stmt.Assign(
                    new Expr.ArrayAccess(new Expr.ArrayAccess(jacobian, i), k), AssignOp.SET,
                    new Expr.ArrayAccess(new Expr.ArrayAccess(columns, k), i), null))));
    return out;
  }

  private List<Stmt> byRows(
      Flattened flat, Names names, Map<String, JType> variables, Expr.Var m, Expr.Var n,
      Expr.Var jacobian) {
    JType matrix = new JType(JType.Primitive.DOUBLE, 2);
    JType vector = new JType(JType.Primitive.DOUBLE, 1);
    Expr.Var seed = local(names, variables, "seed", vector);
    Expr.Var i = local(names, variables, "row", JType.INT);
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Assign(jacobian, AssignOp.SET, new Expr.NewArray(matrix, List.of(m, n)), null));
    out.add(new Stmt.Declare(vector, seed.name(), new Expr.NewArray(vector, List.of(m)), null));
    List<Expr.Var> cells = flat.declare("Row", true, out);
    List<Expr> args = new ArrayList<>(Flattened.arguments(procedure));
    args.add(seed);
    args.addAll(cells);
    Expr seedElement = new Expr.ArrayAccess(seed, i);
    List<Stmt> row = new ArrayList<>();
    row.add(new Stmt.Assign(seedElement, AssignOp.SET, Expr.Literal.ofDouble(1), null));
    row.add(
        new Stmt.Eval(
            new Expr.Call("", forms.names().pullback(), args, vector), null));
    row.add(new Stmt.Assign(seedElement, AssignOp.SET, Expr.Literal.ofDouble(0), null));
    row.addAll(flat.moveInto(new Expr.ArrayAccess(jacobian, i), cells));
    out.add(Loops.forEach(i, m, row.toArray(new Stmt[0])));
    return out;
  }

  private static Expr.Var local(Names names, Map<String, JType> variables, String base, JType type) {
    String name = names.fresh(base);
    variables.put(name, type);
    return new Expr.Var(name);
  }
}
