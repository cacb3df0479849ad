package io.github.ad4j.core.check;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.normalise.TypeNames;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what a {@code @Differentiable} method declares: where it lives, its modifiers, parameter
 * and return types, {@code wrt}, and names that would clash with generated ones. The statements
 * of the body are checked as they are normalised.
 */
public final class MethodChecker {

  /**
   * A method's checked signature.
   *
   * @param params its parameters
   * @param returnType its return type
   * @param wrt the parameters to differentiate with respect to, in parameter order
   */
  public record Signature(List<Param> params, JType returnType, List<Param> wrt) {
    public Signature {
      params = List.copyOf(params);
      wrt = List.copyOf(wrt);
    }
  }

  private MethodChecker() {}

  /**
   * Checks {@code method}.
   *
   * @param earlier the {@code @Differentiable} methods of the same class that come before it
   * @return the signature
   * @throws MethodRejected with every problem found
   */
  public static Signature check(DifferentiableMethod method, List<DifferentiableMethod> earlier) {
    ParsedSource source = method.source();
    MethodDeclaration declaration = method.declaration();
    List<NotDifferentiableException> errors = new ArrayList<>();
    String name = method.name();

    if (!method.owner().isTopLevelType()) {
      errors.add(error(source, declaration, "method " + name + " is in a nested type; move it to"
          + " a top-level class, whose derivatives go to a class named after it"));
    }
    if (!declaration.getTypeParameters().isEmpty()) {
      errors.add(error(source, declaration, "generic method " + name + " cannot be"
          + " differentiated; remove its type parameters"));
    }
    if (declaration.getBody().isEmpty()) {
      errors.add(error(source, declaration, "method " + name + " has no body to differentiate;"
          + " give it one, or remove @Differentiable"));
    }
    for (DifferentiableMethod other : earlier) {
      if (!other.name().equals(name) && recordName(other.name()).equals(recordName(name))) {
        errors.add(error(source, declaration, "methods " + other.name() + " and " + name
            + " would both generate the record " + recordName(name) + "; rename one"));
      }
      if (other.name().equals(name)) {
        errors.add(error(source, declaration, "method " + name + " is overloaded: only one"
            + " @Differentiable method of a name per class, since the generated names (d" + name
            + "d...) come from it; rename one"));
        break;
      }
    }

    List<Param> params = new ArrayList<>();
    for (Parameter parameter : declaration.getParameters()) {
      Optional<JType> type = TypeNames.of(parameter.getType());
      if (parameter.isVarArgs()) {
        errors.add(error(source, parameter, "varargs parameter " + parameter.getNameAsString()
            + " is not supported; declare separate parameters"));
      } else if (type.isEmpty()) {
        errors.add(error(source, parameter, "parameter " + parameter.getNameAsString() + " of"
            + " type " + parameter.getType() + ": only primitive parameters (double, float, int,"
            + " long, boolean) are supported; pass the numbers it holds instead"));
      } else if (type.get().dimensions() > 2) {
        errors.add(error(source, parameter, "parameter " + parameter.getNameAsString() + " has "
            + type.get().dimensions() + " dimensions: at most two (double[][]) are supported"));
      } else {
        params.add(new Param(type.get(), parameter.getNameAsString()));
      }
    }

    Optional<JType> returnType = TypeNames.of(declaration.getType());
    boolean vector =
        returnType.isPresent() && returnType.get().equals(new JType(JType.Primitive.DOUBLE, 1));
    if (returnType.isEmpty() || !(returnType.get().isFloating() || vector)) {
      errors.add(error(source, declaration.getType(), "method " + name + " returns "
          + declaration.getType() + ": a @Differentiable method must return double, float or"
          + " double[]"));
    }

    List<Param> wrt = wrt(source, method, params, errors);
    checkNames(source, declaration, name, wrt, errors);
    if (!errors.isEmpty()) {
      throw new MethodRejected(errors);
    }
    return new Signature(params, returnType.get(), wrt);
  }

  private static List<Param> wrt(
      ParsedSource source,
      DifferentiableMethod method,
      List<Param> params,
      List<NotDifferentiableException> errors) {
    AnnotationExpr annotation = method.annotation();
    Expression value = null;
    if (annotation instanceof SingleMemberAnnotationExpr single) {
      errors.add(error(source, annotation, "@Differentiable has no value(); write"
          + " @Differentiable(wrt = ...)"));
    } else if (annotation instanceof NormalAnnotationExpr normal) {
      for (MemberValuePair pair : normal.getPairs()) {
        if (pair.getNameAsString().equals("wrt")) {
          value = pair.getValue();
        }
      }
    }
    Map<String, Param> byName = new LinkedHashMap<>();
    params.forEach(p -> byName.put(p.name(), p));
    if (value == null) {
      List<Param> floating = params.stream().filter(MethodChecker::isDifferentiable).toList();
      if (floating.isEmpty() && errors.isEmpty()) {
        errors.add(error(source, method.declaration(), "method " + method.name() + " has no"
            + " double or float parameter to differentiate with respect to"));
      }
      return floating;
    }
    List<Expression> names =
        value instanceof ArrayInitializerExpr array ? array.getValues() : List.of(value);
    List<String> wanted = new ArrayList<>();
    for (Expression element : names) {
      if (!(element instanceof StringLiteralExpr literal)) {
        errors.add(error(source, element, "wrt must list parameter names as string literals,"
            + " such as wrt = {\"x\", \"y\"}"));
        continue;
      }
      String wrtName = literal.getValue();
      Param param = byName.get(wrtName);
      boolean refused =
          method.declaration().getParameters().stream()
              .anyMatch(p -> p.getNameAsString().equals(wrtName));
      if (param == null && refused) {
        continue; // a parameter whose type was refused above: reported once is enough
      }
      if (param == null) {
        errors.add(error(source, element, "wrt names \"" + wrtName + "\", which is not a"
            + " parameter of " + method.name() + "; parameters are " + byName.keySet()));
      } else if (!isDifferentiable(param)) {
        errors.add(error(source, element, "wrt names \"" + wrtName + "\" of type "
            + param.type() + ": only double, float, double[], float[] and double[][] parameters"
            + " can be differentiated"));
      } else {
        wanted.add(wrtName);
      }
    }
    if (wanted.isEmpty() && errors.isEmpty()) {
      errors.add(error(source, annotation, "wrt is empty; name at least one parameter, or leave"
          + " wrt out to differentiate with respect to every double parameter"));
    }
    return params.stream().filter(p -> wanted.contains(p.name())).toList();
  }

  private static String recordName(String method) {
    return new io.github.ad4j.core.DerivativeNames(method).record();
  }

  /** Whether a parameter can be differentiated with respect to: double, float, double[], float[], double[][]. */
  private static boolean isDifferentiable(Param p) {
    return p.type().isFloating()
        || (p.type().primitive() == JType.Primitive.DOUBLE && p.type().dimensions() <= 2)
        || (p.type().primitive() == JType.Primitive.FLOAT && p.type().dimensions() == 1);
  }

  /**
   * Generated code names the adjoint of {@code x} {@code dx}, and the pullback's accumulators
   * {@code dfdx}: a user variable of either name would be shadowed.
   */
  private static void checkNames(
      ParsedSource source,
      MethodDeclaration declaration,
      String method,
      List<Param> wrt,
      List<NotDifferentiableException> errors) {
    Map<String, Node> declared = new LinkedHashMap<>();
    declaration.getParameters().forEach(p -> declared.putIfAbsent(p.getNameAsString(), p));
    declaration.findAll(VariableDeclarator.class)
        .forEach(v -> declared.putIfAbsent(v.getNameAsString(), v));
    for (Map.Entry<String, Node> entry : declared.entrySet()) {
      String name = entry.getKey();
      for (String other : declared.keySet()) {
        if (io.github.ad4j.core.normalise.Names.adjoint(other).equals(name)) {
          errors.add(error(source, entry.getValue(), "variable " + name + " has the name the"
              + " generated code gives the adjoint of " + other + "; rename it"));
        }
      }
      for (Param p : wrt) {
        if (name.equals("d" + method + "d" + p.name())) {
          errors.add(error(source, entry.getValue(), "variable " + name + " has the name of a"
              + " generated parameter; rename it"));
        }
      }
    }
  }

  private static NotDifferentiableException error(ParsedSource source, Node node, String message) {
    return new NotDifferentiableException(source.origin(node), message);
  }
}
