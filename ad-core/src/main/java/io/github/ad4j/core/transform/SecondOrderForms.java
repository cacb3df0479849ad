package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.emit.GradClassEmitter;
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
 *       one Hessian-vector product per row;
 *   <li>{@code fPushforwardPullback(params, tangents, seed, accumulators...)}: the pullback of the
 *       pushforward with respect to the parameters and the tangents, which the second derivatives
 *       of {@code @Hessian} callers of {@code f} call.
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
    Map<String, Callees.Callee> callees = new LinkedHashMap<>(procedure.callees());
    for (Callees.Callee callee : procedure.callees().values()) {
      if (!callee.differentiable() || callee.ruled()) {
        continue;
      }
      if (callee.instance()) {
        throw new NotDifferentiableException(procedure.origin(), "@Hessian on " + procedure.name()
            + ", which calls the instance method " + callee.name() + ": second derivatives"
            + " through calls of instance methods are not supported yet; make " + callee.name()
            + " static, passing what it reads from fields");
      }
      if (callee.writesArrays()) {
        throw new NotDifferentiableException(procedure.origin(), "@Hessian on " + procedure.name()
            + ", which calls " + callee.name() + ", which writes into its array parameters:"
            + " second derivatives through such calls are not supported yet; remove @Hessian, or"
            + " have " + callee.name() + " return its result instead");
      }
      if (!callee.secondOrder()) {
        throw new NotDifferentiableException(procedure.origin(), "@Hessian on " + procedure.name()
            + ", which calls the @Differentiable method " + callee.name() + ": give "
            + callee.name() + " @Hessian too, so that the second derivatives of "
            + procedure.name() + " can call the pullback of its pushforward");
      }
      callees.put(pushforwardKey(callee), pushforwardCallee(callee));
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
            callees, procedure.callSites(), procedure.receiver());

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
    methods.add(pushforwardPullback(differentiated));
    return methods;
  }

  /**
   * {@code fPushforwardPullback}: the pullback of the pushforward with respect to both the
   * parameters and the tangents, which the second derivatives of a {@code @Hessian} method that
   * calls {@code f} call, as first derivatives call {@code fPullback}.
   */
  private DerivativeMethod pushforwardPullback(Procedure differentiated) {
    List<Param> params = pushforward.params();
    List<Param> wrt = new ArrayList<>(procedure.wrt());
    wrt.addAll(params.subList(procedure.params().size(), params.size()));
    Procedure full =
        new Procedure(
            differentiated.packageName(), differentiated.className(), differentiated.name(),
            params, JType.DOUBLE, wrt, differentiated.body(), differentiated.variables(),
            differentiated.origin(), differentiated.callees(), differentiated.callSites(),
            differentiated.receiver());
    Set<String> taken = new HashSet<>(full.variables().keySet());
    List<String> accumulators = new ArrayList<>();
    for (Param p : wrt) {
      accumulators.add("d" + pushforward.name() + "d" + p.name());
    }
    taken.addAll(accumulators);
    String seed = new Names(taken).fresh("seed");
    taken.add(seed);
    Sweeps sweeps =
        ReverseTransformer.transform(
            full, Activity.of(full), rules, new Names(taken), new Expr.Var(seed));
    List<Param> leading = new ArrayList<>(params);
    leading.add(new Param(JType.DOUBLE, seed));
    return forms.accumulating(
        forms.names().pushforwardPullback(),
        "The pullback of {@code " + pushforward.name() + "}, with respect to the parameters and"
            + " the tangents: returns the directional derivative and adds {@code " + seed
            + "} times its partial derivatives to the caller's arrays. The second derivatives of"
            + " the {@code @Hessian} methods that call " + procedure.name() + " call it.",
        JType.DOUBLE,
        leading,
        wrt,
        accumulators,
        sweeps,
        new Expr.Var(sweeps.result()));
  }

  private static boolean isTaken(List<Param> params, String name) {
    return params.stream().anyMatch(q -> q.name().equals(name));
  }

  /** The key by which the pushforward's body calls the pushforward of {@code callee}. */
  private String pushforwardKey(Callees.Callee callee) {
    String owner = callee.classReference(procedure.packageName()) + GradClassEmitter.SUFFIX;
    return owner + "." + callee.name() + "Pushforward/" + (callee.params().size() + callee.wrt().size());
  }

  /**
   * The pushforward of {@code callee} as a callee of its own, differentiated with respect to its
   * parameters and its tangents: its pullback is {@code gPushforwardPullback}.
   */
  private static Callees.Callee pushforwardCallee(Callees.Callee callee) {
    List<Param> params = new ArrayList<>(callee.params());
    List<String> wrt = new ArrayList<>(callee.wrt());
    for (Param p : callee.params()) {
      if (callee.wrt().contains(p.name())) {
        String base = p.name() + "Dot";
        String tangent = base;
        for (int i = 2; isTaken(params, tangent); i++) {
          tangent = base + i;
        }
        params.add(new Param(new JType(JType.Primitive.DOUBLE, p.type().dimensions()), tangent));
        wrt.add(tangent);
      }
    }
    return new Callees.Callee(
        callee.packageName(), callee.className(), callee.name() + "Pushforward", params,
        JType.DOUBLE, wrt, true, false, java.util.Set.of(), false, false, false);
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
    body.add(Loops.forEach(k, n, row.toArray(new Stmt[0])));
    return new DerivativeMethod(
        forms.names().hessian(),
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
        forms.receiver(),
        null);
  }

  private static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private String hessianVectorName() {
    return forms.names().hessianVector();
  }

}
