package io.github.ad4j.core.check;

import static java.util.Objects.requireNonNull;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.normalise.TypeNames;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The static methods of the build a {@code @Differentiable} method may call: the other
 * {@code @Differentiable} methods, whose pullbacks the generated code calls, and any other static
 * method with primitive parameters and result, called as a constant when no input reaches it.
 */
public final class Callees {

  /**
   * A method that can be called.
   *
   * @param packageName its class's package, or empty
   * @param className its top-level class's simple name
   * @param name its name
   * @param params its parameters
   * @param returnType its result type
   * @param wrt the parameters its derivatives are taken with respect to; empty if it is not
   *     {@code @Differentiable}
   * @param differentiable whether it is {@code @Differentiable}
   * @param isPrivate whether it is private, and so out of reach of generated classes
   * @param writtenArrays the array parameters it writes elements of, itself or through the
   *     methods of the build it passes them to
   * @param ruled whether a user-declared derivative rule ({@code @Partial}) differentiates it
   * @param instance whether it is an instance method
   * @param secondOrder whether it asks for second derivatives ({@code @Hessian}), and so has the
   *     pullback of its pushforward that its callers' second derivatives call
   */
  public record Callee(
      String packageName,
      String className,
      String name,
      List<Param> params,
      JType returnType,
      List<String> wrt,
      boolean differentiable,
      boolean isPrivate,
      Set<String> writtenArrays,
      boolean ruled,
      boolean instance,
      boolean secondOrder) {
    public Callee {
      requireNonNull(packageName, "packageName");
      params = List.copyOf(params);
      wrt = List.copyOf(wrt);
      writtenArrays = Set.copyOf(writtenArrays);
    }

    /** Whether it writes into any of its array parameters. */
    public boolean writesArrays() {
      return !writtenArrays.isEmpty();
    }

    /** Whether it writes into its parameter number {@code k}. */
    public boolean writes(int k) {
      return writtenArrays.contains(params.get(k).name());
    }

    /**
     * The class as code in {@code fromPackage} names it; qualified if it is named like a class
     * of {@code java.lang} the generated code uses ({@code Math}), so the two never mix.
     */
    public String classReference(String fromPackage) {
      boolean plain =
          fromPackage.equals(packageName)
              && !io.github.ad4j.core.ir.Expr.Call.LIBRARY_OWNERS.contains(className);
      return plain || packageName.isEmpty() ? className : packageName + "." + className;
    }
  }

  private final Map<String, List<Callee>> byClass;
  private final Set<String> ruled;

  private Callees(Map<String, List<Callee>> byClass, Set<String> ruled) {
    this.byClass = byClass;
    this.ruled = ruled;
  }

  /** No callees: for tests of single methods. */
  public static Callees none() {
    return new Callees(Map.of(), Set.of());
  }

  /**
   * Only functions that derivative rules differentiate.
   *
   * @param ruled the functions, as {@code Class.name/arity}
   */
  public static Callees ruled(Set<String> ruled) {
    return new Callees(Map.of(), Set.copyOf(ruled));
  }

  /**
   * Every eligible static method of the top-level classes of {@code sources}, and the functions
   * that derivative rules differentiate.
   *
   * @param ruled the functions derivative rules differentiate, as {@code Class.name/arity}
   */
  public static Callees of(List<ParsedSource> sources, Set<String> ruled) {
    Map<String, List<Callee>> byClass = new LinkedHashMap<>();
    Map<Callee, Declared> declarations = new java.util.IdentityHashMap<>();
    for (ParsedSource source : sources) {
      String pkg = source.packageName();
      // by identity: a syntax tree's hashCode walks all of it. Equal declarations would be
      // annotated alike, so identity and equality find the same methods here.
      Set<MethodDeclaration> differentiable = Collections.newSetFromMap(new IdentityHashMap<>());
      for (DifferentiableMethod m : DifferentiableMethod.findAll(source)) {
        differentiable.add(m.declaration());
      }
      for (TypeDeclaration<?> type : source.unit().getTypes()) {
        List<Callee> callees = new ArrayList<>();
        for (MethodDeclaration method : type.getMethods()) {
          callee(pkg, type, method, differentiable.contains(method))
              .ifPresent(c -> {
                callees.add(c);
                declarations.put(c, new Declared(source, type.getNameAsString(), method));
              });
        }
        byClass.put(qualified(pkg, type.getNameAsString()), callees);
      }
    }
    Callees direct = new Callees(byClass, Set.copyOf(ruled));
    return direct.withWrites(ArrayWrites.of(declarations, direct));
  }

  /** Where a callee is declared: what {@link ArrayWrites} reads. */
  record Declared(ParsedSource source, String className, MethodDeclaration method) {}

  /** The same callees, each with the array parameters it writes. */
  private Callees withWrites(Map<Callee, Set<String>> written) {
    Map<String, List<Callee>> byClassWithWrites = new LinkedHashMap<>();
    byClass.forEach((c, callees) -> {
      List<Callee> updated = new ArrayList<>();
      for (Callee callee : callees) {
        updated.add(
            new Callee(callee.packageName(), callee.className(), callee.name(), callee.params(),
                callee.returnType(), callee.wrt(), callee.differentiable(), callee.isPrivate(),
                written.getOrDefault(callee, Set.of()), callee.ruled(), callee.instance(),
                callee.secondOrder()));
      }
      byClassWithWrites.put(c, updated);
    });
    return new Callees(byClassWithWrites, ruled);
  }

  private static Optional<Callee> callee(
      String pkg, TypeDeclaration<?> type, MethodDeclaration method, boolean differentiable) {
    if (method.getBody().isEmpty()) {
      return Optional.empty();
    }
    Optional<JType> result = TypeNames.of(method.getType());
    if (result.isEmpty() || result.get().dimensions() > 0) {
      return Optional.empty();
    }
    List<Param> params = new ArrayList<>();
    for (Parameter p : method.getParameters()) {
      Optional<JType> t = TypeNames.of(p.getType());
      if (t.isEmpty() || p.isVarArgs()) {
        return Optional.empty();
      }
      params.add(new Param(t.get(), p.getNameAsString()));
    }
    List<String> wrt = new ArrayList<>();
    if (differentiable) {
      List<String> named = wrtNames(method);
      for (Param p : params) {
        boolean floating =
            p.type().isFloating()
                || (p.type().dimensions() > 0
                    && (p.type().primitive() == JType.Primitive.DOUBLE
                        || p.type().primitive() == JType.Primitive.FLOAT));
        if (named.isEmpty() ? floating : named.contains(p.name())) {
          wrt.add(p.name());
        }
      }
    }
    return Optional.of(
        new Callee(pkg, type.getNameAsString(), method.getNameAsString(), params, result.get(),
            wrt, differentiable, method.isPrivate(), Set.of(), false,
            !method.isStatic(),
            differentiable && method.getAnnotations().stream()
                .anyMatch(a -> a.getNameAsString().equals("Hessian")
                    || a.getNameAsString().equals("io.github.ad4j.Hessian"))));
  }

  private static List<String> wrtNames(MethodDeclaration method) {
    List<String> names = new ArrayList<>();
    method.getAnnotations().forEach(a -> a.findAll(com.github.javaparser.ast.expr.StringLiteralExpr.class)
        .forEach(s -> names.add(s.getValue())));
    return names;
  }

  /**
   * The method a call names: {@code g(...)} in the calling class, {@code C.g(...)} for the class
   * {@code C} the file imports, or else the one of the calling package.
   *
   * @param scope the call's qualifier as written, or null
   */
  public Optional<Callee> find(ParsedSource caller, String callerClass, String scope, String name, int arity) {
    String pkg = caller.packageName();
    if (scope != null) {
      String simple = scope.substring(scope.lastIndexOf('.') + 1);
      // a call reaches here with scope Math only when that is a user's class: not java.lang's
      if (ruled.contains(simple + "." + name + "/" + arity)
          && !Expr.Call.LIBRARY_OWNERS.contains(scope)) {
        // a function a rule differentiates, wherever it lives: written as the caller names it
        String owner = scope;
        for (var i : caller.unit().getImports()) {
          if (!i.isStatic() && !i.isAsterisk() && i.getName().getIdentifier().equals(scope)) {
            owner = i.getNameAsString();
          }
        }
        List<Param> params = new ArrayList<>();
        List<String> wrt = new ArrayList<>();
        for (int k = 0; k < arity; k++) {
          params.add(new Param(JType.DOUBLE, "arg" + k));
          wrt.add("arg" + k);
        }
        return Optional.of(
            new Callee(
                "", owner, name, params, JType.DOUBLE, wrt, false, false, Set.of(), true, false,
                false));
      }
    }
    List<String> classes = new ArrayList<>();
    if (scope == null) {
      classes.add(qualified(pkg, callerClass));
    } else if (scope.contains(".")) {
      classes.add(scope);
    } else {
      // a class the file imports by name hides the package's class of that name (JLS 6.4.1),
      // even when the imported one is a library's
      caller.unit().getImports().stream()
          .filter(i -> !i.isStatic() && !i.isAsterisk() && i.getName().getIdentifier().equals(scope))
          .forEach(i -> classes.add(i.getNameAsString()));
      if (classes.isEmpty()) {
        classes.add(qualified(pkg, scope));
      }
    }
    for (String c : classes) {
      for (Callee callee : byClass.getOrDefault(c, List.of())) {
        if (callee.name().equals(name) && callee.params().size() == arity) {
          return Optional.of(callee);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the build has a top-level class {@code simple} in package {@code pkg}. */
  public boolean hasClass(String pkg, String simple) {
    return byClass.containsKey(qualified(pkg, simple));
  }

  private static String qualified(String pkg, String simple) {
    return pkg.isEmpty() ? simple : pkg + "." + simple;
  }
}
