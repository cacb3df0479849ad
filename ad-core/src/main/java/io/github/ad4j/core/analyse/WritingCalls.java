package io.github.ad4j.core.analyse;

import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import io.github.ad4j.core.normalise.ExpressionConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Calls of methods of the build that write into their array arguments ("out-parameters"): after
 * normalisation each is a statement of its own, {@code g(w, s);}, or the whole value of one,
 * {@code t = g(w, s)}. To every analysis they are assignments of the arrays they write.
 */
public final class WritingCalls {

  private WritingCalls() {}

  /**
   * The call of a method that writes into its arrays that {@code s} makes, as a statement or as
   * its whole value; or null.
   */
  public static Expr.Call of(Stmt s, Procedure procedure) {
    Expr value = null;
    if (s instanceof Stmt.Eval e) {
      value = e.call();
    } else if (s instanceof Stmt.Declare d) {
      value = d.init();
    } else if (s instanceof Stmt.Assign a) {
      value = a.value();
    } else if (s instanceof Stmt.Return r) {
      value = r.value();
    }
    return value instanceof Expr.Call c && writes(c, procedure) ? c : null;
  }

  /**
   * The calls in the code generated for {@code procedure} that write into arrays: those of its
   * callees that do, and their in/out forms, which update the adjoints and tangents of the
   * arrays in place.
   */
  public static Predicate<Expr.Call> inGeneratedCode(Procedure procedure) {
    return call -> writes(call, procedure) || DerivativeNames.isInOut(call.name());
  }

  /** Whether {@code call} names a method of the build that writes into its arrays. */
  public static boolean writes(Expr.Call call, Procedure procedure) {
    Callees.Callee callee = callee(call, procedure);
    return callee != null && callee.writesArrays();
  }

  /** The method of the build {@code call} names, or null. */
  public static Callees.Callee callee(Expr.Call call, Procedure procedure) {
    return procedure.callees().get(ExpressionConverter.key(call));
  }

  /** The arguments {@code call} writes into: array variables, or rows {@code m[i]}. */
  public static List<Expr> writtenArguments(Expr.Call call, Procedure procedure) {
    Callees.Callee callee = callee(call, procedure);
    List<Expr> out = new ArrayList<>();
    if (callee == null) {
      return out;
    }
    for (int k = 0; k < call.args().size(); k++) {
      Expr arg = call.args().get(k);
      if (callee.writes(k) && !out.contains(arg)) {
        out.add(arg);
      }
    }
    return out;
  }

  /**
   * Adds to {@code into} what {@code s} assigns, counting the arrays its calls write into: {@link
   * Statements#assigned} for a method that calls methods with out-parameters.
   */
  public static void assigned(Stmt s, Procedure procedure, Set<String> into) {
    Statements.assigned(s, into);
    writtenByCalls(s, procedure, into);
  }

  private static void writtenByCalls(Stmt s, Procedure procedure, Set<String> into) {
    Expr.Call call = of(s, procedure);
    if (call != null) {
      for (Expr arg : writtenArguments(call, procedure)) {
        into.add(Storage.root(arg));
      }
    }
    for (List<Stmt> block : Statements.blocks(s)) {
      for (Stmt inner : block) {
        writtenByCalls(inner, procedure, into);
      }
    }
  }

}
