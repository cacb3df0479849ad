package io.github.ad4j.core.check;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which array parameters each method of the build writes into: by assigning an element ({@code
 * v[i] = ...}, {@code v[i]++}), through a local that holds the array or one of its rows ({@code
 * double[] row = m[i]; row[j] = ...}), or by passing it to a method of the build that writes
 * into it, or to one of the JDK's that do ({@code Arrays.fill}, {@code System.arraycopy}). A
 * caller's derivative must save and restore such an argument around the call, and hand its
 * adjoint through the callee's in/out pullback.
 *
 * <p>Conservative where it cannot be sure: a parameter a local may alias ({@code double[] r =
 * first ? a : b}) counts as written when the local is.
 */
final class ArrayWrites {

  private final Map<Callees.Callee, Callees.Declared> declarations;
  private final Callees callees;
  private final Map<Callees.Callee, Set<String>> written = new IdentityHashMap<>();

  private ArrayWrites(Map<Callees.Callee, Callees.Declared> declarations, Callees callees) {
    this.declarations = declarations;
    this.callees = callees;
  }

  /**
   * The array parameters each callee writes, to a fixpoint over the calls between them.
   *
   * @param callees the same callees, to resolve the calls their bodies make
   */
  static Map<Callees.Callee, Set<String>> of(
      Map<Callees.Callee, Callees.Declared> declarations, Callees callees) {
    ArrayWrites writes = new ArrayWrites(declarations, callees);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<Callees.Callee, Callees.Declared> entry : declarations.entrySet()) {
        Set<String> found = writes.writtenBy(entry.getValue());
        Set<String> before = writes.written.getOrDefault(entry.getKey(), Set.of());
        if (!found.equals(before)) {
          writes.written.put(entry.getKey(), found);
          changed = true;
        }
      }
    }
    return writes.written;
  }

  private Set<String> writtenBy(Callees.Declared declared) {
    MethodDeclaration method = declared.method();
    // name -> the parameters it is or may alias (both of a conditional's, first ? a : b)
    Map<String, Set<String>> arrays = new HashMap<>();
    for (Parameter p : method.getParameters()) {
      if (p.getType().isArrayType()) {
        arrays.put(p.getNameAsString(), new HashSet<>(Set.of(p.getNameAsString())));
      }
    }
    // aliases, to a fixpoint: a local may be initialised from another alias
    for (int size = -1; size != count(arrays); ) {
      size = count(arrays);
      for (VariableDeclarator v : method.findAll(VariableDeclarator.class)) {
        v.getInitializer().ifPresent(init -> alias(v.getNameAsString(), init, arrays));
      }
      for (AssignExpr a : method.findAll(AssignExpr.class)) {
        if (a.getTarget() instanceof NameExpr n) {
          alias(n.getNameAsString(), a.getValue(), arrays);
        }
      }
      for (ForEachStmt f : method.findAll(ForEachStmt.class)) {
        if (f.getVariable().getVariables().size() == 1) {
          alias(f.getVariable().getVariables().get(0).getNameAsString(), f.getIterable(), arrays);
        }
      }
    }
    Set<String> out = new HashSet<>();
    for (AssignExpr a : method.findAll(AssignExpr.class)) {
      if (a.getTarget() instanceof ArrayAccessExpr) {
        add(arrays.get(root(a.getTarget())), out);
      }
    }
    for (UnaryExpr u : method.findAll(UnaryExpr.class)) {
      boolean step = u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
          || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
          || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
          || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT;
      if (step && u.getExpression() instanceof ArrayAccessExpr) {
        add(arrays.get(root(u.getExpression())), out);
      }
    }
    for (MethodCallExpr call : method.findAll(MethodCallExpr.class)) {
      String scope =
          call.getScope().filter(s -> !(s instanceof ThisExpr)).map(Expression::toString).orElse(null);
      Integer library = libraryWrites(scope, call.getNameAsString(), call.getArguments().size());
      if (library != null) {
        addAll(call.getArgument(library), arrays, out);
      }
      callees
          .find(declared.source(), declared.className(), scope, call.getNameAsString(),
              call.getArguments().size())
          .ifPresent(callee -> {
            // the same instance: find answers from the callees being analysed
            Set<String> calleeWrites = written.getOrDefault(callee, Set.of());
            for (int k = 0; k < callee.params().size(); k++) {
              if (calleeWrites.contains(callee.params().get(k).name())) {
                addAll(call.getArgument(k), arrays, out);
              }
            }
          });
    }
    return out;
  }

  /**
   * The argument a method of the JDK writes into, for those a plain method of the build fills a
   * buffer with ({@code Arrays.fill(b, c)}, {@code System.arraycopy(from, 0, b, 0, n)}); else
   * null.
   */
  private static Integer libraryWrites(String scope, String name, int arity) {
    if ("Arrays".equals(scope) || "java.util.Arrays".equals(scope)) {
      return switch (name) {
        case "fill", "sort", "parallelSort", "setAll", "parallelSetAll", "parallelPrefix" -> 0;
        default -> null;
      };
    }
    if (("System".equals(scope) || "java.lang.System".equals(scope))
        && name.equals("arraycopy") && arity == 5) {
      return 2;
    }
    return null;
  }

  /** Adds the parameters an argument written into may be, any branch of a conditional's. */
  private static void addAll(
      Expression argument, Map<String, Set<String>> arrays, Set<String> out) {
    for (String r : roots(argument)) {
      add(arrays.get(r), out);
    }
  }

  private static void add(Set<String> params, Set<String> out) {
    if (params != null) {
      out.addAll(params);
    }
  }

  /** Records that {@code local} may alias what {@code value}, any of its branches, aliases. */
  private static void alias(String local, Expression value, Map<String, Set<String>> arrays) {
    for (String r : roots(value)) {
      Set<String> params = arrays.get(r);
      if (params != null) {
        arrays.computeIfAbsent(local, k -> new HashSet<>()).addAll(params);
      }
    }
  }

  private static int count(Map<String, Set<String>> arrays) {
    return arrays.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * The variables an array expression may start from: those of both branches of a conditional
   * ({@code first ? a : b}), else {@link #root}'s.
   */
  private static List<String> roots(Expression e) {
    Expression x = e;
    while (x.isEnclosedExpr()) {
      x = x.asEnclosedExpr().getInner();
    }
    if (x instanceof ConditionalExpr c) {
      List<String> out = new ArrayList<>(roots(c.getThenExpr()));
      out.addAll(roots(c.getElseExpr()));
      return out;
    }
    String r = root(x);
    return r == null ? List.of() : List.of(r);
  }

  /** The variable an array expression starts from: {@code m} for {@code m[i][j]}; else null. */
  private static String root(Expression e) {
    Expression x = e;
    while (x instanceof ArrayAccessExpr a) {
      x = a.getName();
    }
    while (x.isEnclosedExpr()) {
      x = x.asEnclosedExpr().getInner();
    }
    return x instanceof NameExpr n ? n.getNameAsString() : null;
  }
}
