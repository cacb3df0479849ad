package io.github.ad4j.core.transform;

import static java.util.Objects.requireNonNull;

import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Stmt;
import java.util.List;
import java.util.Map;

/**
 * One generated method, before simplification: its signature and a body in three parts.
 *
 * @param name the method's name
 * @param javadoc its Javadoc, without comment delimiters
 * @param returnType its return type, when that is a primitive or an array
 * @param returnRecord the simple name of the generated record it returns, when it returns one
 * @param params its parameters
 * @param forward the forward sweep
 * @param backward the backward sweep
 * @param tail what follows the sweeps: handing the results to the caller
 * @param variables the type of every variable the body uses
 * @param receiver for an instance method's derivatives, the class and name of the first
 *     parameter, the instance; null otherwise
 * @param workspace for a form that keeps its tapes in a workspace, its last parameter; null
 *     otherwise
 */
public record DerivativeMethod(
    String name,
    String javadoc,
    JType returnType,
    String returnRecord,
    List<Param> params,
    List<Stmt> forward,
    List<Stmt> backward,
    List<Stmt> tail,
    Map<String, JType> variables,
    Receiver receiver,
    Workspace workspace) {
  public DerivativeMethod {
    requireNonNull(name, "name");
    requireNonNull(javadoc, "javadoc");
    if ((returnType == null) == (returnRecord == null)) {
      throw new IllegalArgumentException("returns either a primitive type or a record");
    }
    params = List.copyOf(params);
    forward = List.copyOf(forward);
    backward = List.copyOf(backward);
    tail = List.copyOf(tail);
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }

  /**
   * The instance an instance method's derivatives are called on, passed first.
   *
   * @param type the simple name of its class, in the generated class's package
   * @param name the parameter's name
   */
  public record Receiver(String type, String name) {}

  /**
   * The workspace a form takes last, whose class the generated class declares: after
   * simplification the form's tapes and adjoint arrays are taken from it, and its calls of
   * callees' forms pass the callees' workspaces it holds ({@link Workspaces}).
   *
   * @param type the simple name of its class, nested in the generated class
   * @param name the parameter's name
   * @param javadoc the class's Javadoc, without comment delimiters
   * @param nested the workspaces it holds for callees whose forms take one
   */
  public record Workspace(String type, String name, String javadoc, List<Nested> nested) {
    public Workspace {
      nested = List.copyOf(nested);
    }
  }

  /**
   * A callee's workspace that a caller's workspace holds in a field of its own, created with it.
   *
   * @param field the field's name
   * @param owner the callee's generated class as the caller's calls name it
   * @param forms the names of the callee's forms that take it: its pullback and accumulating form
   * @param packageName the callee's package
   * @param gradClass the simple name of the callee's generated class
   * @param type the simple name of the workspace class, nested in {@code gradClass}
   */
  public record Nested(
      String field,
      String owner,
      List<String> forms,
      String packageName,
      String gradClass,
      String type) {
    public Nested {
      forms = List.copyOf(forms);
    }

    /** Whether {@code call} calls one of these forms, without a workspace yet. */
    public boolean isCalledBy(Expr.Call call) {
      return call.owner().equals(owner)
          && forms.contains(call.name())
          && !Workspaces.passesHeldWorkspace(call);
    }
  }
}
