package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
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
  private final RuleTable rules;
  private final DerivativeForms forms;

  private SecondOrderForms(
      Procedure procedure, DerivativeMethod pushforward, List<Stmt> pushforwardBody,
      RuleTable rules, DerivativeForms forms) {
    this.procedure = procedure;
    this.pushforward = pushforward;
    this.pushforwardBody = pushforwardBody;
    this.rules = rules;
    this.forms = forms;
  }

  /**
   * @param pushforward the generated pushforward of {@code procedure}
   * @param pushforwardBody its final, simplified body: the code differentiated again
   */
  static List<DerivativeMethod> of(
      Procedure procedure, DerivativeMethod pushforward, List<Stmt> pushforwardBody,
      RuleTable rules, DerivativeForms forms) {
    return new SecondOrderForms(procedure, pushforward, pushforwardBody, rules, forms).build();
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
    methods.add(hessian());
    return methods;
  }

  /**
   * {@code fHessian(params)}: one Hessian-vector product per row, with the unit direction of
   * that row.
   */
  private DerivativeMethod hessian() {
    Names names = new Names(procedure.variables().keySet());
    Map<String, JType> variables = new LinkedHashMap<>();
    procedure.params().forEach(p -> variables.put(p.name(), p.type()));
    Flattened flat = new Flattened(procedure, names, variables);
    Expr.Var n = new Expr.Var(names.fresh("n"));
    Expr.Var hessian = new Expr.Var(names.fresh("hessian"));
    Expr.Var k = new Expr.Var(names.fresh("k"));
    JType matrix = new JType(JType.Primitive.DOUBLE, 2);
    variables.put(n.name(), JType.INT);
    variables.put(hessian.name(), matrix);
    variables.put(k.name(), JType.INT);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Declare(JType.INT, n.name(), flat.size(), null));
    body.add(new Stmt.Declare(matrix, hessian.name(), new Expr.NewArray(matrix, List.of(n, n)), null));
    List<Expr.Var> directions = flat.declare("Dot", false, body);
    List<Expr.Var> products = flat.declare("Hv", true, body);

    List<Expr> args = new ArrayList<>(Flattened.arguments(procedure));
    args.addAll(directions);
    args.addAll(products);
    List<Stmt> row = new ArrayList<>(flat.unit(directions, k));
    row.add(new Stmt.Eval(new Expr.Call("", hessianVectorName(), args, JType.DOUBLE), null));
    row.addAll(flat.moveInto(new Expr.ArrayAccess(hessian, k), products));
    body.add(Flattened.forEach(k, n, row.toArray(new Stmt[0])));
    return new DerivativeMethod(
        procedure.name() + "Hessian",
        "The Hessian of " + forms.link() + ": the second partial derivatives with respect to "
            + flat.order() + " in this order, as a new n × n array, one Hessian-vector product"
            + " per row. The arguments are left as they were, even where the method writes into"
            + " them.",
        matrix,
        null,
        procedure.params(),
        body,
        List.of(),
        List.of(new Stmt.Return(hessian, null)),
        variables,
        forms.receiver());
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private String hessianVectorName() {
    return procedure.name() + "HessianVector";
  }
}
