package io.github.ad4j.core.transform;

import static java.util.Objects.requireNonNull;

import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Stmt;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode derivative of a method: a forward sweep that computes the value (saving what
 * it overwrites), a backward sweep that propagates adjoints from the output seed to the inputs.
 *
 * @param forward the forward sweep, ending with the value in {@code result}
 * @param backward the backward sweep, grouped under a comment per source statement
 * @param result the variable that holds the method's value after the forward sweep
 * @param adjoints for each {@code wrt} parameter, the expression of its adjoint after the
 *     backward sweep: its adjoint variable, or {@code 0.0} where it is structurally zero
 * @param arrayAdjoints for each array that carries an adjoint array, a fresh array of zeros of
 *     its shape; the backward sweep expects {@code d<array>} declared with it (or with the
 *     caller's accumulator)
 * @param assigned the variables and arrays the method assigns
 * @param variables the type of every variable the sweeps use, adjoints and saved values included
 * @param recomputed the loop-body locals the backward sweep computes again instead of reading
 *     them off a tape, each with its line, for the generation report
 * @param keptWrites the statements of both sweeps that keep the method's writes into its
 *     parameter arrays for the caller to see: the copy of their final contents at the end of the
 *     forward sweep and its copy back at the end of the backward sweep
 */
public record Sweeps(
    List<Stmt> forward,
    List<Stmt> backward,
    String result,
    Map<String, Expr> adjoints,
    Map<String, Expr> arrayAdjoints,
    java.util.Set<String> assigned,
    Map<String, JType> variables,
    List<String> recomputed,
    java.util.Set<Stmt> keptWrites) {
  public Sweeps {
    forward = List.copyOf(forward);
    backward = List.copyOf(backward);
    requireNonNull(result, "result");
    adjoints = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(adjoints));
    arrayAdjoints =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arrayAdjoints));
    assigned = java.util.Set.copyOf(assigned);
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    recomputed = List.copyOf(recomputed);
    keptWrites = java.util.Set.copyOf(keptWrites);
  }

  /** The same sweeps with the seed variable {@code seed} replaced by {@code value}. */
  public Sweeps withSeed(String seed, Expr value) {
    List<Stmt> seededBackward =
        io.github.ad4j.core.ir.StmtRewriter.substitute(backward, Map.of(new Expr.Var(seed), value));
    return new Sweeps(
        forward, seededBackward, result, adjoints, arrayAdjoints, assigned, variables, recomputed,
        keptWrites);
  }

  /**
   * The same sweeps without {@link #keptWrites}: they leave the parameter arrays as the backward
   * sweep leaves them, for the in/out pullback, whose callers put their arrays back themselves.
   */
  public Sweeps withoutKeptWrites() {
    List<Stmt> f = forward.stream().filter(s -> !keptWrites.contains(s)).toList();
    List<Stmt> b = backward.stream().filter(s -> !keptWrites.contains(s)).toList();
    return new Sweeps(
        f, b, result, adjoints, arrayAdjoints, assigned, variables, recomputed, java.util.Set.of());
  }
}
