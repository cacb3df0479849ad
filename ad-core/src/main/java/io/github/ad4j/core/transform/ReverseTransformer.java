package io.github.ad4j.core.transform;

import io.github.ad4j.core.analyse.Activity;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.normalise.Names;
import io.github.ad4j.core.rules.RuleTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode: builds the forward and backward sweeps of a normalised method.
 *
 * <p>The forward sweep is the method itself, with the value each reassignment overwrites saved in
 * a local first. The backward sweep visits the assignments in reverse: for {@code t = e} it adds
 * {@code dt * ∂e/∂u} to the adjoint {@code du} of every variable {@code u} that {@code e} reads,
 * sets {@code dt} to its share of its own old value ({@code 0} unless {@code e} reads {@code t}),
 * and restores {@code t}. Restores come first when {@code e} reads {@code t}'s old value, and last
 * when the partials read the new one. Every save and restore is emitted; the simplifier removes
 * those no adjoint reads (the to-be-recorded analysis for straight-line code).
 *
 * <p>Adjoints are tracked as structurally zero until something is added to them, so the first
 * contribution declares the adjoint ({@code double dx = ...}) and zero contributions vanish.
 */
public final class ReverseTransformer {

  /** Where an adjoint stands while the backward sweep is built, in program order. */
  private enum AdjointState {
    UNDECLARED,
    ZERO,
    NONZERO
  }

  /** One assignment of the forward sweep, as the backward sweep needs it. */
  private record Assignment(Origin origin, String target, Expr value, String saved, boolean isResult) {}

  private final Procedure procedure;
  private final Activity activity;
  private final RuleTable rules;
  private final Map<String, JType> variables;
  private final List<Stmt> forward = new ArrayList<>();
  private final List<Assignment> assignments = new ArrayList<>();
  private final String result;

  private ReverseTransformer(Procedure procedure, Activity activity, RuleTable rules, Names names) {
    this.procedure = procedure;
    this.activity = activity;
    this.rules = rules;
    this.variables = new LinkedHashMap<>(procedure.variables());
    this.result = names.fresh(procedure.name());
    variables.put(result, procedure.returnType());
    buildForward(names);
  }

  /**
   * Differentiates {@code procedure}, seeding the backward sweep with {@code seed} (the adjoint
   * of the method's value: {@code 1.0}, or a pullback's parameter).
   *
   * @param names the names in use, which generated names must avoid
   */
  public static Sweeps transform(
      Procedure procedure, Activity activity, RuleTable rules, Names names, Expr seed) {
    ReverseTransformer transformer = new ReverseTransformer(procedure, activity, rules, names);
    return transformer.sweeps(seed);
  }

  private void buildForward(Names names) {
    Set<String> defined = new HashSet<>();
    procedure.params().forEach(p -> defined.add(p.name()));
    for (Stmt stmt : procedure.body()) {
      if (stmt instanceof Stmt.Declare d) {
        forward.add(d);
        if (d.init() != null) {
          defined.add(d.name());
          assignments.add(new Assignment(d.origin(), d.name(), d.init(), null, false));
        }
      } else if (stmt instanceof Stmt.Assign a) {
        String target = ((Expr.Var) a.target()).name();
        Expr value =
            a.op() == AssignOp.SET ? a.value() : new Expr.Binary(a.op().binary(), a.target(), a.value());
        String saved = null;
        if (defined.contains(target)) {
          saved = names.fresh(target + "Saved");
          variables.put(saved, variables.get(target));
          forward.add(new Stmt.Declare(variables.get(target), saved, a.target(), null));
        }
        forward.add(a);
        defined.add(target);
        assignments.add(new Assignment(a.origin(), target, value, saved, false));
      } else if (stmt instanceof Stmt.Return r) {
        forward.add(new Stmt.Declare(procedure.returnType(), result, r.value(), r.origin()));
        assignments.add(new Assignment(r.origin(), result, r.value(), null, true));
      }
    }
  }

  private Sweeps sweeps(Expr seed) {
    Map<String, AdjointState> states = new HashMap<>();
    List<Stmt> backward = new ArrayList<>();
    Origin commented = null;
    for (int i = assignments.size() - 1; i >= 0; i--) {
      Assignment a = assignments.get(i);
      List<Stmt> block = new ArrayList<>();
      String t = a.target();
      Expr target = new Expr.Var(t);
      boolean readsOld = ExprRewriter.contains(a.value(), target);
      Stmt restore =
          a.saved() == null ? null : new Stmt.Assign(target, AssignOp.SET, new Expr.Var(a.saved()), null);
      if (restore != null && readsOld) {
        block.add(restore);
      }
      Expr adjoint = a.isResult() ? seed : adjointOf(t, states);
      if (adjoint != null) {
        Map<Expr, Expr> known =
            readsOld || !(a.value() instanceof Expr.Call) ? Map.of() : Map.of(a.value(), target);
        Map<String, List<Expr>> terms =
            AdjointPropagator.propagate(a.value(), adjoint, activity, rules, a.origin(), known);
        for (Map.Entry<String, List<Expr>> entry : terms.entrySet()) {
          if (!entry.getKey().equals(t)) {
            block.add(accumulate(entry.getKey(), sum(entry.getValue()), states));
          }
        }
        if (!a.isResult()) {
          List<Expr> own = terms.get(t);
          if (own != null) {
            block.add(set(t, sum(own), states));
          } else if (states.get(t) == AdjointState.NONZERO) {
            states.put(t, AdjointState.ZERO);
          }
        }
      }
      if (restore != null && !readsOld) {
        block.add(restore);
      }
      if (!block.isEmpty()) {
        if (!a.origin().equals(commented)) {
          backward.add(comment(a.origin()));
          commented = a.origin();
        }
        backward.addAll(block);
      }
    }
    Map<String, Expr> adjoints = new LinkedHashMap<>();
    for (Param p : procedure.wrt()) {
      Expr adjoint = adjointOf(p.name(), states);
      adjoints.put(p.name(), adjoint == null ? Expr.Literal.ofDouble(0) : adjoint);
    }
    return new Sweeps(forward, backward, result, adjoints, variables);
  }

  /** The adjoint variable of {@code name}, or null while it is structurally zero. */
  private Expr adjointOf(String name, Map<String, AdjointState> states) {
    return states.get(name) == AdjointState.NONZERO ? new Expr.Var(Names.adjoint(name)) : null;
  }

  private Stmt accumulate(String name, Expr value, Map<String, AdjointState> states) {
    if (states.get(name) == AdjointState.NONZERO) {
      return new Stmt.Assign(new Expr.Var(Names.adjoint(name)), AssignOp.ADD, value, null);
    }
    return set(name, value, states);
  }

  private Stmt set(String name, Expr value, Map<String, AdjointState> states) {
    String adjoint = Names.adjoint(name);
    AdjointState before = states.getOrDefault(name, AdjointState.UNDECLARED);
    states.put(name, AdjointState.NONZERO);
    variables.put(adjoint, JType.DOUBLE);
    if (before == AdjointState.UNDECLARED) {
      return new Stmt.Declare(JType.DOUBLE, adjoint, value, null);
    }
    return new Stmt.Assign(new Expr.Var(adjoint), AssignOp.SET, value, null);
  }

  private static Expr sum(List<Expr> terms) {
    Expr sum = terms.get(0);
    for (int i = 1; i < terms.size(); i++) {
      sum = new Expr.Binary(BinaryOp.ADD, sum, terms.get(i));
    }
    return sum;
  }

  private static Stmt comment(Origin origin) {
    return new Stmt.Comment(
        "grad of: " + origin.text() + "  (" + origin.fileName() + ":" + origin.line() + ")");
  }
}
