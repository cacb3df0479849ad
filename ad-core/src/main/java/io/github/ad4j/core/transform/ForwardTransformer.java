package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.analyse.WritingCalls;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.emit.GradClassEmitter;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.normalise.ExpressionConverter;
import io.github.ad4j.core.normalise.Names;
import io.github.ad4j.core.rules.RuleTable;
import io.github.ad4j.core.ir.Statements;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode: the method's own statements, each followed (or, where it overwrites a value its
 * tangent still reads, preceded) by the statement that carries the tangent along: {@code z = x *
 * y;} gets {@code zDot = xDot * y + x * yDot;}. Control flow is kept as it is, so nothing is
 * taped; arrays get tangent arrays of the same shape, and a call of a {@code @Differentiable}
 * method calls its pushforward.
 *
 * <p>Tangents are named with a {@code Dot} suffix ({@code ẋ}), never {@code dx}: that is an
 * adjoint's name, and the second-order forms run the reverse transformer over this output.
 * The local partial derivatives are those the reverse mode uses ({@link AdjointPropagator} with a
 * unit adjoint), so both modes share one rule table.
 */
public final class ForwardTransformer {

  /**
   * The tangent program of a method.
   *
   * @param tangentParams for each {@code wrt} parameter, in order, its tangent parameter
   * @param body the method's statements and their tangents, without the final return
   * @param tangent the tangent of the value the method returns, after {@code body}
   * @param variables the type of every variable the body uses, tangents included
   */
  public record Tangents(
      List<Param> tangentParams, List<Stmt> body, Expr tangent, Map<String, JType> variables) {
    public Tangents {
      tangentParams = List.copyOf(tangentParams);
      body = List.copyOf(body);
      variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
  }

  private final Procedure procedure;
  private final Activity activity;
  private final RuleTable rules;
  private final Names names;
  private final Map<String, String> tangentNames = new LinkedHashMap<>();
  private final Map<String, JType> variables;
  private Expr tangent;
  /** Whether the tangents of the arrays the method writes are updated in place. */
  private final boolean inOut;

  private ForwardTransformer(
      Procedure procedure, Activity activity, RuleTable rules, Names names, boolean inOut) {
    this.inOut = inOut;
    this.procedure = procedure;
    this.activity = activity;
    this.rules = rules;
    this.names = names;
    this.variables = new LinkedHashMap<>(procedure.variables());
  }

  /**
   * The tangent program of {@code procedure}.
   *
   * @param names the names in use, which tangent names must avoid
   */
  public static Tangents transform(
      Procedure procedure, Activity activity, RuleTable rules, Names names) {
    return new ForwardTransformer(procedure, activity, rules, names, false).build();
  }

  /**
   * The tangent program of a {@code procedure} that writes into its array parameters, for its
   * callers: it writes their tangents in place instead of into copies.
   */
  public static Tangents transformInOut(
      Procedure procedure, Activity activity, RuleTable rules, Names names) {
    return new ForwardTransformer(procedure, activity, rules, names, true).build();
  }

  private Tangents build() {
    List<Param> tangentParams = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      tangentParams.add(new Param(tangentType(p.type()), tangentName(p.name())));
    }
    List<Stmt> body = new ArrayList<>();
    Set<String> written = new HashSet<>();
    procedure.body().forEach(s -> WritingCalls.assigned(s, procedure, written));
    for (Param p : procedure.wrt()) {
      if (!inOut && p.type().dimensions() > 0 && written.contains(p.name())) {
        // the method writes into the array, and so its tangent into the tangent array: work on
        // a copy, so the caller's tangents are only read
        String given = tangentName(p.name());
        String copy = names.fresh(given + "Copy");
        JType type = tangentType(p.type());
        variables.put(copy, type);
        tangentNames.put(p.name(), copy);
        if (type.dimensions() == 1) {
          // written out as a loop, inside the subset the second-order forms differentiate again
          String i = names.fresh("i");
          variables.put(i, JType.INT);
          body.add(
              new Stmt.Declare(
                  type, copy,
                  new Expr.NewArray(type, List.of(new Expr.ArrayLength(new Expr.Var(given)))),
                  null));
          body.add(Loops.elementwise(copy, AssignOp.SET, given, 1, List.of(i), false));
        } else {
          body.add(
              new Stmt.Declare(
                  type, copy, new Expr.Call("", "deepCopy", List.of(new Expr.Var(given)), type),
                  null));
        }
      }
    }
    for (Param p : procedure.params()) {
      // a parameter not differentiated with respect to that the method overwrites with a varied
      // value starts with a zero tangent
      if (activity.isVaried(p.name()) && !procedure.wrt().contains(p)) {
        body.add(
            new Stmt.Declare(
                tangentType(p.type()), tangentName(p.name()), zerosLike(new Expr.Var(p.name()), p.type()),
                null));
      }
    }
    body.addAll(block(procedure.body()));
    if (tangent == null) {
      throw new IllegalStateException(procedure.name() + " has no return at its end");
    }
    return new Tangents(tangentParams, body, tangent, variables);
  }

  private List<Stmt> block(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      Expr.Call writer = WritingCalls.of(s, procedure);
      if (writer != null && writer.args().stream().anyMatch(activity::carriesDerivative)) {
        writingCall(s, writer, out);
      } else if (s instanceof Stmt.Declare d) {
        declare(d, out);
      } else if (s instanceof Stmt.Assign a) {
        if (isVariable(a.target()) && activity.isVaried(Storage.root(a.target()))) {
          assign(a, out);
        } else {
          out.add(a);
        }
      } else if (s instanceof Stmt.Return r) {
        tangent = procedure.returnType().dimensions() > 0
            ? arrayTangent(r.value(), procedure.returnType())
            : tangentOf(r.value(), r.origin());
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), block(i.then()), block(i.otherwise()), i.origin()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(
            new Stmt.Loop(
                l.kind(), block(l.init()), l.condition(), block(l.update()), block(l.body()),
                l.origin()));
      } else if (s instanceof Stmt.Block b) {
        out.add(new Stmt.Block(block(b.body())));
      } else if (s instanceof Stmt.Labeled l) {
        List<Stmt> inner = block(List.of(l.statement()));
        out.addAll(inner.subList(0, inner.size() - 1));
        out.add(new Stmt.Labeled(l.label(), inner.get(inner.size() - 1)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * A call of a method that writes into its arrays: its in/out pushforward updates their tangents
   * in place. As a statement, it makes the method's writes too; where the value is wanted, the
   * pushforward runs on copies of the arrays, before the call itself.
   */
  private void writingCall(Stmt s, Expr.Call call, List<Stmt> out) {
    Callees.Callee callee = WritingCalls.callee(call, procedure);
    if (s instanceof Stmt.Eval e) {
      out.add(new Stmt.Eval(pushforward(call, callee, e.origin(), false), e.origin()));
      return;
    }
    if (s instanceof Stmt.Return r) {
      tangent = pushforward(call, callee, r.origin(), false);
      return;
    }
    Origin origin = s instanceof Stmt.Declare d ? d.origin() : ((Stmt.Assign) s).origin();
    Expr.Call tangentCall = pushforward(call, callee, origin, true);
    if (s instanceof Stmt.Declare d && activity.isVaried(d.name())) {
      String name = tangentName(d.name());
      variables.put(name, JType.DOUBLE);
      out.add(new Stmt.Declare(JType.DOUBLE, name, tangentCall, null));
    } else if (s instanceof Stmt.Assign a
        && isVariable(a.target())
        && activity.isVaried(Storage.root(a.target()))) {
      out.add(new Stmt.Assign(tangentOf(a.target()), AssignOp.SET, tangentCall, null));
    } else {
      out.add(new Stmt.Eval(tangentCall, null));
    }
    out.add(s);
  }

  private void declare(Stmt.Declare d, List<Stmt> out) {
    out.add(d);
    if (!activity.isVaried(d.name())) {
      return;
    }
    String name = tangentName(d.name());
    JType type = tangentType(d.type());
    variables.put(name, type);
    if (d.init() == null) {
      out.add(new Stmt.Declare(type, name, null, null));
    } else if (d.type().dimensions() > 0) {
      out.add(new Stmt.Declare(type, name, arrayTangent(d.init(), d.type()), null));
    } else {
      // the value is in the variable now: a partial that mentions the call reads it instead
      Map<Expr, Expr> known = d.init() instanceof Expr.Call ? Map.of(d.init(), new Expr.Var(d.name())) : Map.of();
      out.add(new Stmt.Declare(type, name, tangentOf(d.init(), d.origin(), known), null));
    }
  }

  private void assign(Stmt.Assign a, List<Stmt> out) {
    Expr full =
        a.op() == AssignOp.SET ? a.value() : new Expr.Binary(a.op().binary(), a.target(), a.value());
    Expr tangentTarget = tangentOf(a.target());
    if (Storage.readsTarget(full, a.target())) {
      // the tangent reads the old value: carry it along first
      out.add(new Stmt.Assign(tangentTarget, AssignOp.SET, tangentOf(full, a.origin()), null));
      out.add(a);
    } else {
      Map<Expr, Expr> known = a.value() instanceof Expr.Call ? Map.of(a.value(), a.target()) : Map.of();
      out.add(a);
      out.add(new Stmt.Assign(tangentTarget, AssignOp.SET, tangentOf(full, a.origin(), known), null));
    }
  }

  private Expr tangentOf(Expr expr, Origin origin) {
    return tangentOf(expr, origin, Map.of());
  }

  /** The tangent of a scalar expression: its partials times the tangents of what it reads. */
  private Expr tangentOf(Expr expr, Origin origin, Map<Expr, Expr> known) {
    if (!activity.isActive(expr)) {
      return Expr.Literal.ofDouble(0);
    }
    if (expr instanceof Expr.Call c) {
      Callees.Callee callee = procedure.callees().get(ExpressionConverter.key(c));
      if (callee != null && !callee.ruled()) {
        return pushforward(c, callee, origin, false);
      }
    }
    Map<Expr, List<Expr>> terms =
        AdjointPropagator.propagate(
            expr, Expr.Literal.ofDouble(1), activity, rules,
            call -> procedure.callSite(call, origin), known);
    Expr sum = null;
    for (Map.Entry<Expr, List<Expr>> entry : terms.entrySet()) {
      for (Expr partial : entry.getValue()) {
        Expr term = new Expr.Binary(BinaryOp.MULTIPLY, partial, tangentOf(entry.getKey()));
        sum = sum == null ? term : new Expr.Binary(BinaryOp.ADD, sum, term);
      }
    }
    return sum == null ? Expr.Literal.ofDouble(0) : sum;
  }

  /**
   * {@code g.pushforward(args, argDots)} for a call of a {@code @Differentiable} method: the
   * tangent of its value from the tangents of its arguments.
   *
   * @param onCopies whether the arrays the callee writes into are passed as copies, leaving the
   *     writes to the call itself
   */
  private Expr.Call pushforward(
      Expr.Call call, Callees.Callee callee, Origin statement, boolean onCopies) {
    Origin origin = procedure.callSite(call, statement);
    CallChecks.requireDifferentiable(callee, origin);
    List<Expr> args = new ArrayList<>();
    if (callee.instance()) {
      args.add(new Expr.Var(procedure.receiver()));
    }
    for (int k = 0; k < call.args().size(); k++) {
      Expr arg = call.args().get(k);
      args.add(onCopies && callee.writes(k) ? Loops.copyOf(arg, callee.params().get(k).type()) : arg);
    }
    for (int k = 0; k < callee.params().size(); k++) {
      Param param = callee.params().get(k);
      Expr arg = call.args().get(k);
      boolean active = activity.carriesDerivative(arg);
      if (!CallChecks.differentiatesWith(callee, k, active, origin)) {
        continue;
      }
      args.add(
          param.type().dimensions() == 0 ? tangentOf(arg, origin) : arrayTangent(arg, param.type()));
    }
    String gradClass = callee.classReference(procedure.packageName()) + GradClassEmitter.SUFFIX;
    DerivativeNames calleeNames = new DerivativeNames(callee.name());
    String form =
        callee.writesArrays() ? calleeNames.pushforwardInOut() : calleeNames.pushforward();
    return new Expr.Call(gradClass, form, args, tangentType(callee.returnType()));
  }


  /**
   * The tangent of an array-valued expression of type {@code type}: a new array's is a new array
   * of zeros, a varied array's (or row's) its tangent array, any other array's zeros of its shape.
   */
  private Expr arrayTangent(Expr array, JType type) {
    if (array instanceof Expr.NewArray n) {
      return new Expr.NewArray(tangentType(n.type()), n.lengths());
    }
    if (isVariable(array) && activity.isVaried(Storage.root(array))) {
      return tangentOf(array);
    }
    return zerosLike(array, type);
  }

  /** The tangent variable or element of a variable or element: {@code xDot}, {@code wDot[i]}. */
  private Expr tangentOf(Expr primal) {
    if (primal instanceof Expr.Var v) {
      return new Expr.Var(tangentName(v.name()));
    }
    Expr.ArrayAccess a = (Expr.ArrayAccess) primal;
    return new Expr.ArrayAccess(tangentOf(a.array()), a.index());
  }

  private String tangentName(String primal) {
    return tangentNames.computeIfAbsent(
        primal,
        p -> {
          String name = names.fresh(p + "Dot");
          variables.put(name, tangentType(procedure.variables().get(p)));
          return name;
        });
  }

  private static boolean isVariable(Expr expr) {
    Expr e = expr;
    while (e instanceof Expr.ArrayAccess a) {
      e = a.array();
    }
    return e instanceof Expr.Var;
  }

  /** Tangents are {@code double}s, of the shape of their primal. */
  private static JType tangentType(JType primal) {
    return new JType(JType.Primitive.DOUBLE, primal.dimensions());
  }

  private static Expr zerosLike(Expr a, JType type) {
    JType tangentType = tangentType(type);
    if (type.dimensions() == 0) {
      return Expr.Literal.ofDouble(0);
    }
    if (type.dimensions() == 1) {
      return new Expr.NewArray(tangentType, List.of(new Expr.ArrayLength(a)));
    }
    return new Expr.Call("", "zerosLike", List.of(a), tangentType);
  }
}
