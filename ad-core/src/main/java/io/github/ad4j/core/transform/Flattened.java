package io.github.ad4j.core.transform;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.analyse.WritingCalls;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.normalise.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code wrt} parameters of a method as one vector, for the matrix forms ({@code fHessian},
 * {@code fJacobian}): a scalar is one entry, a {@code double[]} its elements, in parameter order.
 * Builds the bookkeeping those forms share: the vector's size, a unit direction per entry in
 * variables shaped like the parameters, and accumulators read into a matrix row.
 */
final class Flattened {

  private final Procedure procedure;
  private final Names names;
  private final Map<String, JType> variables;
  private final List<Expr> starts = new ArrayList<>();
  private final List<Stmt> prelude = new ArrayList<>();
  private final Expr size;

  /**
   * @param names the names in use in the method being built
   * @param variables the method's variables, to which the ones built here are added
   */
  Flattened(Procedure procedure, Names names, Map<String, JType> variables) {
    this.procedure = procedure;
    this.names = names;
    this.variables = variables;
    Expr offset = Expr.Literal.ofInt(0);
    for (Param p : procedure.wrt()) {
      starts.add(offset);
      Expr block;
      if (p.type().dimensions() == 0) {
        block = Expr.Literal.ofInt(1);
      } else if (p.type().dimensions() == 1) {
        block = new Expr.ArrayLength(new Expr.Var(p.name()));
      } else {
        // a matrix's rows may differ in length: count its elements
        Expr.Var count = local(p.name() + "Size", JType.INT);
        Expr.Var i = index();
        prelude.add(new Stmt.Declare(JType.INT, count.name(), Expr.Literal.ofInt(0), null));
        prelude.add(
            Loops.forEach(
                i, new Expr.ArrayLength(new Expr.Var(p.name())),
                new Stmt.Assign(
                    count, AssignOp.ADD,
                    new Expr.ArrayLength(new Expr.ArrayAccess(new Expr.Var(p.name()), i)), null)));
        block = count;
      }
      offset = isZero(offset) ? block : new Expr.Binary(BinaryOp.ADD, offset, block);
    }
    this.size = offset;
  }

  /** What must run before {@link #size} can be read: the element counts of matrices. */
  List<Stmt> prelude() {
    return prelude;
  }

  /** The number of entries: {@code 1 + x.length + ...}. */
  Expr size() {
    return size;
  }

  /**
   * Declares one variable per parameter named {@code <base><Suffix>}: a {@code double} for a
   * scalar, a {@code double[]} of its length for an array, or (with {@code cells}) a one-element
   * array for a scalar.
   *
   * @return the variables, in parameter order
   */
  List<Expr.Var> declare(String suffix, boolean cells, List<Stmt> into) {
    List<Expr.Var> declared = new ArrayList<>();
    for (Param p : procedure.wrt()) {
      String name = names.fresh(p.name() + suffix);
      JType type =
          cells
              ? DerivativeForms.accumulatorType(p)
              : new JType(JType.Primitive.DOUBLE, p.type().dimensions());
      variables.put(name, type);
      Expr init;
      if (type.dimensions() == 0) {
        init = null;
      } else if (type.dimensions() == 2) {
        init = new Expr.Call("", "zerosLike", List.of(new Expr.Var(p.name())), type);
      } else {
        Expr length =
            p.type().dimensions() == 0
                ? Expr.Literal.ofInt(1)
                : new Expr.ArrayLength(new Expr.Var(p.name()));
        init = new Expr.NewArray(type, List.of(length));
        // (a cell of a scalar has length 1)
      }
      into.add(new Stmt.Declare(type, name, init, null));
      declared.add(new Expr.Var(name));
    }
    return declared;
  }

  /** Sets {@code directions} (from {@link #declare}) to the unit vector of entry {@code k}. */
  List<Stmt> unit(List<Expr.Var> directions, Expr.Var k) {
    List<Stmt> out = new ArrayList<>();
    for (int w = 0; w < directions.size(); w++) {
      Param p = procedure.wrt().get(w);
      Expr start = starts.get(w);
      if (p.type().dimensions() == 0) {
        out.add(new Stmt.Assign(directions.get(w), AssignOp.SET, indicator(k, start), null));
      } else if (p.type().dimensions() == 2) {
        Expr.Var direction = directions.get(w);
        out.addAll(
            rowMajor(p, start, (element, at) ->
                List.of(new Stmt.Assign(
                    new Expr.ArrayAccess(new Expr.ArrayAccess(direction, element[0]), element[1]),
                    AssignOp.SET, indicator(k, at), null))));
      } else {
        Expr.Var i = index();
        out.add(
            Loops.forEach(
                i, new Expr.ArrayLength(new Expr.Var(p.name())),
                new Stmt.Assign(
                    new Expr.ArrayAccess(directions.get(w), i), AssignOp.SET,
                    indicator(k, plus(start, i)), null)));
      }
    }
    return out;
  }

  /**
   * Moves {@code cells} (from {@link #declare} with cells) into {@code row}, entry by entry, and
   * clears them for the next use.
   */
  List<Stmt> moveInto(Expr row, List<Expr.Var> cells) {
    List<Stmt> out = new ArrayList<>();
    for (int w = 0; w < cells.size(); w++) {
      Param p = procedure.wrt().get(w);
      Expr start = starts.get(w);
      if (p.type().dimensions() == 2) {
        Expr.Var cell = cells.get(w);
        out.addAll(
            rowMajor(p, start, (element, at) -> {
              Expr from = new Expr.ArrayAccess(new Expr.ArrayAccess(cell, element[0]), element[1]);
              return List.of(
                  new Stmt.Assign(new Expr.ArrayAccess(row, at), AssignOp.SET, from, null),
                  new Stmt.Assign(from, AssignOp.SET, Expr.Literal.ofDouble(0), null));
            }));
        continue;
      }
      Expr.Var i = index();
      boolean scalar = p.type().dimensions() == 0;
      Expr element = new Expr.ArrayAccess(cells.get(w), scalar ? Expr.Literal.ofInt(0) : i);
      Stmt copy =
          new Stmt.Assign(
              new Expr.ArrayAccess(row, scalar ? start : plus(start, i)), AssignOp.SET, element,
              null);
      Stmt clear = new Stmt.Assign(element, AssignOp.SET, Expr.Literal.ofDouble(0), null);
      if (scalar) {
        out.add(copy);
        out.add(clear);
      } else {
        out.add(Loops.forEach(i, new Expr.ArrayLength(cells.get(w)), copy, clear));
      }
    }
    return out;
  }

  /**
   * Visits the elements of matrix parameter {@code p} row by row, with the running position
   * {@code at} of each in the flattened vector, from {@code start}.
   */
  private List<Stmt> rowMajor(
      Param p, Expr start, java.util.function.BiFunction<Expr.Var[], Expr.Var, List<Stmt>> body) {
    Expr.Var at = local("at", JType.INT);
    Expr.Var i = index();
    Expr.Var j = index();
    Expr.Var matrix = new Expr.Var(p.name());
    List<Stmt> inner = new ArrayList<>(body.apply(new Expr.Var[] {i, j}, at));
    inner.add(new Stmt.Assign(at, AssignOp.ADD, Expr.Literal.ofInt(1), null));
    return List.of(
        new Stmt.Declare(JType.INT, at.name(), start, null),
        Loops.forEach(
            i, new Expr.ArrayLength(matrix),
            Loops.forEach(
                j, new Expr.ArrayLength(new Expr.ArrayAccess(matrix, i)),
                inner.toArray(new Stmt[0]))));
  }

  private Expr.Var local(String base, JType type) {
    String name = names.fresh(base);
    variables.put(name, type);
    return new Expr.Var(name);
  }

  /**
   * The arguments of a call of another generated form of the method, from within one of its
   * matrix forms: the instance, if any, and the parameters, each array the method writes into as
   * a fresh copy, so that every call starts from the caller's values and leaves them as they were.
   */
  static List<Expr> arguments(Procedure procedure) {
    Set<String> written = new HashSet<>();
    procedure.body().forEach(stmt -> WritingCalls.assigned(stmt, procedure, written));
    List<Expr> args = new ArrayList<>();
    if (procedure.receiver() != null) {
      args.add(new Expr.Var(procedure.receiver()));
    }
    for (Param p : procedure.params()) {
      Expr.Var arg = new Expr.Var(p.name());
      if (p.type().dimensions() > 0 && written.contains(p.name())) {
        args.add(
            p.type().dimensions() == 1
                ? new Expr.Call(p.name(), "clone", List.of(), p.type())
                : new Expr.Call("", "deepCopy", List.of(arg), p.type()));
      } else {
        args.add(arg);
      }
    }
    return args;
  }

  /** The order of the entries, for Javadoc: {@code x[0..x.length - 1], a}. */
  String order() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < procedure.wrt().size(); i++) {
      Param p = procedure.wrt().get(i);
      sb.append(i == 0 ? "" : ", ").append(p.name());
      if (p.type().dimensions() > 0) {
        sb.append("[0..").append(p.name()).append(".length - 1]");
      }
    }
    return sb.toString();
  }

  private Expr.Var index() {
    String i = names.fresh("i");
    variables.put(i, JType.INT);
    return new Expr.Var(i);
  }

  private static Expr indicator(Expr k, Expr at) {
    return new Expr.Conditional(
        new Expr.Binary(BinaryOp.EQUALS, k, at), Expr.Literal.ofDouble(1), Expr.Literal.ofDouble(0));
  }

  private static Expr plus(Expr start, Expr i) {
    return isZero(start) ? i : new Expr.Binary(BinaryOp.ADD, start, i);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Literal l && l.integral() == 0 && l.value() == 0;
  }
}
