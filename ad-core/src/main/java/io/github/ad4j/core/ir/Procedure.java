package io.github.ad4j.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A {@code @Differentiable} method after normalisation: simple statements over typed variables.
 *
 * @param packageName the package of the declaring class, or empty
 * @param className the simple name of the declaring top-level class
 * @param name the method's name
 * @param params the parameters, in order
 * @param returnType the return type
 * @param wrt the parameters to differentiate with respect to, in parameter order
 * @param body the normalised statements; the last is the only {@link Stmt.Return}
 * @param variables the type of every parameter, local and temporary, in order of declaration
 * @param origin the method declaration, for diagnostics and generated comments
 * @param callees what each call of a method of the build resolves to, by {@code
 *     ExpressionConverter.key}
 * @param callSites where each such call first appears, by the same key; and where each call of
 *     a method of the build or of {@code Math} first appears, by {@link #exactKey}
 * @param receiver for an instance method, the name of the parameter by which the generated
 *     methods receive the instance (its fields are read through it); null for a static method
 */
public record Procedure(
    String packageName,
    String className,
    String name,
    List<Param> params,
    JType returnType,
    List<Param> wrt,
    List<Stmt> body,
    Map<String, JType> variables,
    Origin origin,
    Map<String, io.github.ad4j.core.check.Callees.Callee> callees,
    Map<String, Origin> callSites,
    String receiver) {
  public Procedure {
    requireNonNull(packageName, "packageName");
    requireNonNull(className, "className");
    requireNonNull(name, "name");
    params = List.copyOf(params);
    requireNonNull(returnType, "returnType");
    wrt = List.copyOf(wrt);
    body = List.copyOf(body);
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    requireNonNull(origin, "origin");
    callees = Map.copyOf(callees);
    callSites = Map.copyOf(callSites);
  }

  /**
   * Where {@code call} is in the source, for a diagnostic about it: the call itself where the
   * converter recorded it (by its arguments, else the first call of that function), else {@code
   * statement}.
   */
  public Origin callSite(Expr.Call call, Origin statement) {
    Origin exact = callSites.get(exactKey(call));
    if (exact != null) {
      return exact;
    }
    return callSites.getOrDefault(
        call.owner() + "." + call.name() + "/" + call.args().size(), statement);
  }

  /**
   * The key of {@link #callSites} under which a call with exactly these arguments is recorded: by
   * their structural hash, not their text, which would take time quadratic in their depth. (Two
   * calls of one function whose arguments collide share a site: a diagnostic's column, no more.)
   */
  public static String exactKey(Expr.Call call) {
    return call.owner() + "." + call.name() + "/" + call.args().size() + " #" + call.args().hashCode();
  }

  /** The Java signature used in Javadoc links: {@code f(double, double)}. */
  public String signature() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < params.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(params.get(i).type());
    }
    return sb.append(')').toString();
  }
}
