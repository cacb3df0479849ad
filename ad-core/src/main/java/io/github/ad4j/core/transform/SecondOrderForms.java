package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
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
 * The second-order forms of a {@code @Hessian} method {@code f}, built by differentiating its
 * generated pushforward again, in reverse mode: the pushforward is {@code ∇f(x)·v}, a scalar
 * function of {@code x} for a fixed direction {@code v}, and its gradient is the Hessian-vector
 * product {@code H v}.
 *
 * <ul>
 *   <li>{@code fHessianVector(params, tangents, hv...)}: returns {@code ∇f·v} and adds {@code H v}
 *       into one accumulator per {@code wrt} parameter, of its shape (element 0 for a scalar);
 *   <li>{@code fHessian(params)}: the Hessian as a new {@code double[n][n]}, over the {@code wrt}
 *       parameters flattened in order (a scalar is one entry, a {@code double[]} its elements),
 *       one Hessian-vector product per row.
 * </ul>
 *
 * <p>Reverse over forward rather than forward over reverse: the pushforward has the control flow
 * of the user's method and no tapes, so the second transformation is the same reverse transformer
 * every first-order form uses, on code inside the supported subset.
 */
final class SecondOrderForms {

  private final Procedure procedure;
  private final DerivativeMethod pushforward;
  private final List<Stmt> pushforwardBody;
  private final List<Param> tangentParams;
  private final RuleTable rules;
  private final DerivativeForms forms;

  private SecondOrderForms(
      Procedure procedure, DerivativeMethod pushforward, List<Stmt> pushforwardBody,
      List<Param> tangentParams, RuleTable rules, DerivativeForms forms) {
    this.procedure = procedure;
    this.pushforward = pushforward;
    this.pushforwardBody = pushforwardBody;
    this.tangentParams = tangentParams;
    this.rules = rules;
    this.forms = forms;
  }

  /**
   * @param pushforward the generated pushforward of {@code procedure}
   * @param pushforwardBody its final, simplified body: the code differentiated again
   * @param tangentParams its tangent parameters, one per {@code wrt} parameter
   */
  static List<DerivativeMethod> of(
      Procedure procedure, DerivativeMethod pushforward, List<Stmt> pushforwardBody,
      List<Param> tangentParams, RuleTable rules, DerivativeForms forms) {
    return new SecondOrderForms(
            procedure, pushforward, pushforwardBody, tangentParams, rules, forms)
        .build();
  }

  private List<DerivativeMethod> build() {
    for (Callees.Callee callee : procedure.callees().values()) {
      if (callee.differentiable() && !callee.ruled()) {
        throw new NotDifferentiableException(procedure.origin(), "@Hessian on " + procedure.name()
            + ", which calls the @Differentiable method " + callee.name() + ": second derivatives"
            + " through calls are not supported yet; remove @Hessian, or write the call's body"
            + " into " + procedure.name());
      }
    }
    for (Param p : procedure.wrt()) {
      if (p.type().dimensions() > 1) {
        throw new NotDifferentiableException(procedure.origin(), "@Hessian on " + procedure.name()
            + " with respect to " + p.name() + ", a " + p.type() + ": second derivatives are"
            + " taken with respect to scalars and double[] parameters; pass the matrix as a"
            + " double[] in row-major order, or leave " + p.name() + " out of wrt");
      }
    }
    List<Param> params = pushforward.params();
    Map<String, JType> variables = new LinkedHashMap<>(pushforward.variables());
    Procedure differentiated =
        new Procedure(
            procedure.packageName(), procedure.className(), pushforward.name(), params,
            JType.DOUBLE, procedure.wrt(), pushforwardBody, variables, procedure.origin(),
            procedure.callees(), procedure.callSites(), procedure.receiver());

    Set<String> taken = new HashSet<>(variables.keySet());
    List<String> accumulators = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      accumulators.add(new Names(taken).fresh("hv" + capitalised(p.name())));
      taken.add(accumulators.get(accumulators.size() - 1));
    }
    Sweeps sweeps =
        ReverseTransformer.transform(
            differentiated, Activity.of(differentiated), rules, new Names(taken),
            Expr.Literal.ofDouble(1));
    List<DerivativeMethod> methods = new ArrayList<>();
    methods.add(
        forms.accumulating(
            hessianVectorName(),
            "The Hessian-vector product of " + forms.link() + ": returns the directional"
                + " derivative ∇" + procedure.name() + "·v in the direction v of the tangents and"
                + " adds H v, the Hessian times that direction, to the caller's arrays, one per"
                + " parameter and of its shape (element 0 for a scalar). Allocates nothing; the"
                + " arrays are not cleared first.",
            JType.DOUBLE,
            params,
            accumulators,
            sweeps));
    methods.add(hessian(accumulators));
    return methods;
  }

  /**
   * {@code fHessian(params)}: one Hessian-vector product per row, with the unit direction of
   * that row.
   */
  private DerivativeMethod hessian(List<String> accumulatorNames) {
    Set<String> taken = new HashSet<>(procedure.variables().keySet());
    Names names = new Names(taken);
    Map<String, JType> variables = new LinkedHashMap<>();
    procedure.params().forEach(p -> variables.put(p.name(), p.type()));
    List<Stmt> body = new ArrayList<>();

    String n = names.fresh("n");
    String hessian = names.fresh("hessian");
    String k = names.fresh("k");
    variables.put(n, JType.INT);
    variables.put(hessian, new JType(JType.Primitive.DOUBLE, 2));
    variables.put(k, JType.INT);
    body.add(new Stmt.Declare(JType.INT, n, null, null));
    body.add(
        new Stmt.Declare(
            new JType(JType.Primitive.DOUBLE, 2), hessian,
            new Expr.NewArray(
                new JType(JType.Primitive.DOUBLE, 2), List.of(new Expr.Var(n), new Expr.Var(n))),
            null));

    // offsets as running sums, so that each block's start reads plainly
    Expr offset = Expr.Literal.ofInt(0);
    List<Expr> starts = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      starts.add(offset);
      Expr block =
          p.type().dimensions() == 0
              ? Expr.Literal.ofInt(1)
              : new Expr.ArrayLength(new Expr.Var(p.name()));
      offset = isZero(offset) ? block : new Expr.Binary(BinaryOp.ADD, offset, block);
    }
    body.set(0, new Stmt.Declare(JType.INT, n, offset, null)); // the number of rows: the sum

    List<Expr> directions = new ArrayList<>();
    List<Expr> accumulators = new ArrayList<>();
    List<Stmt> setDirection = new ArrayList<>();
    List<Stmt> readRow = new ArrayList<>();
    Expr.Var row = new Expr.Var(k);
    for (int w = 0; w < procedure.wrt().size(); w++) {
      Param p = procedure.wrt().get(w);
      String direction = names.fresh(p.name() + "Dot");
      String accumulator = names.fresh(accumulatorNames.get(w));
      JType directionType = new JType(JType.Primitive.DOUBLE, p.type().dimensions());
      JType accumulatorType = DerivativeForms.accumulatorType(p);
      variables.put(direction, directionType);
      variables.put(accumulator, accumulatorType);
      directions.add(new Expr.Var(direction));
      accumulators.add(new Expr.Var(accumulator));
      Expr start = starts.get(w);
      if (p.type().dimensions() == 0) {
        body.add(new Stmt.Declare(directionType, direction, null, null));
        body.add(
            new Stmt.Declare(
                accumulatorType, accumulator,
                new Expr.NewArray(accumulatorType, List.of(Expr.Literal.ofInt(1))), null));
        setDirection.add(
            new Stmt.Assign(
                new Expr.Var(direction), AssignOp.SET,
                new Expr.Conditional(
                    new Expr.Binary(BinaryOp.EQUALS, row, start),
                    Expr.Literal.ofDouble(1), Expr.Literal.ofDouble(0)),
                null));
        Expr element = new Expr.ArrayAccess(new Expr.Var(accumulator), Expr.Literal.ofInt(0));
        readRow.add(
            new Stmt.Assign(
                new Expr.ArrayAccess(new Expr.ArrayAccess(new Expr.Var(hessian), row), start),
                AssignOp.SET, element, null));
        readRow.add(new Stmt.Assign(element, AssignOp.SET, Expr.Literal.ofDouble(0), null));
      } else {
        Expr length = new Expr.ArrayLength(new Expr.Var(p.name()));
        body.add(
            new Stmt.Declare(
                directionType, direction, new Expr.NewArray(directionType, List.of(length)), null));
        body.add(
            new Stmt.Declare(
                accumulatorType, accumulator,
                new Expr.NewArray(accumulatorType, List.of(length)), null));
        String i = names.fresh("i");
        variables.put(i, JType.INT);
        Expr.Var index = new Expr.Var(i);
        Expr position = isZero(start) ? index : new Expr.Binary(BinaryOp.ADD, start, index);
        setDirection.add(
            forEach(i, length,
                new Stmt.Assign(
                    new Expr.ArrayAccess(new Expr.Var(direction), index), AssignOp.SET,
                    new Expr.Conditional(
                        new Expr.Binary(BinaryOp.EQUALS, row, position),
                        Expr.Literal.ofDouble(1), Expr.Literal.ofDouble(0)),
                    null)));
        Expr element = new Expr.ArrayAccess(new Expr.Var(accumulator), index);
        readRow.add(
            forEach(i, length,
                new Stmt.Assign(
                    new Expr.ArrayAccess(new Expr.ArrayAccess(new Expr.Var(hessian), row), position),
                    AssignOp.SET, element, null),
                new Stmt.Assign(element, AssignOp.SET, Expr.Literal.ofDouble(0), null)));
      }
    }
    List<Expr> args = new ArrayList<>();
    if (procedure.receiver() != null) {
      args.add(new Expr.Var(procedure.receiver()));
    }
    Set<String> written = new HashSet<>();
    procedure.body().forEach(stmt -> io.github.ad4j.core.ir.Statements.assigned(stmt, written));
    for (Param p : procedure.params()) {
      Expr.Var arg = new Expr.Var(p.name());
      if (p.type().dimensions() > 0 && written.contains(p.name())) {
        // the method writes into this array: each row starts from the caller's values, which
        // fHessian leaves as they were
        args.add(
            p.type().dimensions() == 1
                ? new Expr.Call(p.name(), "clone", List.of(), p.type())
                : new Expr.Call("", "deepCopy", List.of(arg), p.type()));
      } else {
        args.add(arg);
      }
    }
    args.addAll(directions);
    args.addAll(accumulators);
    List<Stmt> loopBody = new ArrayList<>(setDirection);
    loopBody.add(
        new Stmt.Eval(new Expr.Call("", hessianVectorName(), args, JType.DOUBLE), null));
    loopBody.addAll(readRow);
    body.add(forEach(k, new Expr.Var(n), loopBody.toArray(new Stmt[0])));
    return new DerivativeMethod(
        procedure.name() + "Hessian",
        "The Hessian of " + forms.link() + ": the second partial derivatives with respect to "
            + flattening() + ", as a new n × n array, one Hessian-vector product per row. The"
            + " arguments are left as they were, even where the method writes into them.",
        new JType(JType.Primitive.DOUBLE, 2),
        null,
        procedure.params(),
        body,
        List.of(),
        List.of(new Stmt.Return(new Expr.Var(hessian), null)),
        variables,
        forms.receiver());
  }

  private String flattening() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < procedure.wrt().size(); i++) {
      Param p = procedure.wrt().get(i);
      sb.append(i == 0 ? "" : ", ").append(p.name());
      if (p.type().dimensions() > 0) {
        sb.append("[0..").append(p.name()).append(".length - 1]");
      }
    }
    return sb.append(" in this order").toString();
  }

  private static Stmt forEach(String index, Expr bound, Stmt... body) {
    Expr.Var i = new Expr.Var(index);
    return new Stmt.Loop(
        Stmt.LoopKind.FOR,
        List.of(new Stmt.Declare(JType.INT, index, Expr.Literal.ofInt(0), null)),
        new Expr.Binary(BinaryOp.LESS, i, bound),
        List.of(new Stmt.Assign(i, AssignOp.ADD, Expr.Literal.ofInt(1), null)),
        List.of(body),
        null);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Literal l && l.integral() == 0 && l.value() == 0;
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private String hessianVectorName() {
    return procedure.name() + "HessianVector";
  }
}
