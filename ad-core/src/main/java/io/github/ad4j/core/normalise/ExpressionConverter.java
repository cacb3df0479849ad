package io.github.ad4j.core.normalise;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.check.Unsupported;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Types;
import io.github.ad4j.core.ir.UnaryOp;
import io.github.ad4j.core.parse.ParsedSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts JavaParser expressions to the IR, typing them as it goes. Anything outside the
 * supported subset throws a positioned {@link NotDifferentiableException}.
 */
public final class ExpressionConverter {

  private static final Map<String, JType> LIBRARY_CONSTANTS =
      Map.ofEntries(
          Map.entry("Math.PI", JType.DOUBLE),
          Map.entry("Math.E", JType.DOUBLE),
          Map.entry("StrictMath.PI", JType.DOUBLE),
          Map.entry("StrictMath.E", JType.DOUBLE),
          Map.entry("Double.MAX_VALUE", JType.DOUBLE),
          Map.entry("Double.MIN_VALUE", JType.DOUBLE),
          Map.entry("Double.MIN_NORMAL", JType.DOUBLE),
          Map.entry("Double.POSITIVE_INFINITY", JType.DOUBLE),
          Map.entry("Double.NEGATIVE_INFINITY", JType.DOUBLE),
          Map.entry("Double.NaN", JType.DOUBLE),
          Map.entry("Float.MAX_VALUE", JType.FLOAT),
          Map.entry("Float.MIN_VALUE", JType.FLOAT),
          Map.entry("Float.POSITIVE_INFINITY", JType.FLOAT),
          Map.entry("Float.NEGATIVE_INFINITY", JType.FLOAT),
          Map.entry("Float.NaN", JType.FLOAT),
          Map.entry("Integer.MAX_VALUE", JType.INT),
          Map.entry("Integer.MIN_VALUE", JType.INT),
          Map.entry("Long.MAX_VALUE", JType.LONG),
          Map.entry("Long.MIN_VALUE", JType.LONG));

  private final ParsedSource source;
  private final TypeDeclaration<?> owner;
  private final Map<String, JType> variables;
  private final Set<String> inlining = new HashSet<>();
  private final Callees callees;
  private String self;
  private final Map<String, Callees.Callee> resolved = new java.util.LinkedHashMap<>();
  private final Map<String, io.github.ad4j.core.ir.Origin> callSites = new java.util.LinkedHashMap<>();

  /** A converter for code that calls no method of the build, such as derivative rules. */
  public ExpressionConverter(
      ParsedSource source, TypeDeclaration<?> owner, Map<String, JType> variables) {
    this(source, owner, variables, Callees.none());
  }

  /**
   * @param source where the expressions are, for positions
   * @param owner the class whose {@code static} constants the expressions may read, or null
   * @param variables the type of every variable in scope; the caller adds locals as it goes
   * @param callees the methods of the build the expressions may call
   */
  public ExpressionConverter(
      ParsedSource source, TypeDeclaration<?> owner, Map<String, JType> variables, Callees callees) {
    this.source = source;
    this.owner = owner;
    this.variables = variables;
    this.callees = callees;
  }

  /** Converts {@code expression}. */
  public Expr convert(Expression expression) {
    if (expression instanceof EnclosedExpr e) {
      return convert(e.getInner());
    }
    if (expression instanceof IntegerLiteralExpr i) {
      return new Expr.Literal(JType.INT, i.asNumber().doubleValue());
    }
    if (expression instanceof LongLiteralExpr l) {
      return Expr.Literal.ofLong(l.asNumber().longValue());
    }
    if (expression instanceof DoubleLiteralExpr d) {
      String text = d.getValue();
      boolean isFloat = text.endsWith("f") || text.endsWith("F");
      // a float literal holds the float nearest its text, not the double
      double value = isFloat ? Float.parseFloat(text) : d.asDouble();
      return new Expr.Literal(isFloat ? JType.FLOAT : JType.DOUBLE, value);
    }
    if (expression instanceof BooleanLiteralExpr b) {
      return Expr.Literal.ofBoolean(b.getValue());
    }
    if (expression instanceof NameExpr n) {
      return name(n);
    }
    if (expression instanceof FieldAccessExpr f) {
      return fieldAccess(f);
    }
    if (expression instanceof UnaryExpr u) {
      return unary(u);
    }
    if (expression instanceof BinaryExpr b) {
      return new Expr.Binary(binaryOp(b), convert(b.getLeft()), convert(b.getRight()));
    }
    if (expression instanceof CastExpr c) {
      JType type = TypeNames.of(c.getType()).orElse(null);
      if (type == null || type.dimensions() > 0) {
        throw error(c, "cast to " + c.getType() + " is not supported; only casts between"
            + " primitive number types can be differentiated");
      }
      return new Expr.Cast(type, convert(c.getExpression()));
    }
    if (expression instanceof ConditionalExpr c) {
      return new Expr.Conditional(
          convert(c.getCondition()), convert(c.getThenExpr()), convert(c.getElseExpr()));
    }
    if (expression instanceof MethodCallExpr m) {
      return call(m);
    }
    if (expression instanceof ArrayAccessExpr a) {
      Expr array = convert(a.getName());
      if (typeOf(array).dimensions() == 0) {
        throw error(a, "`" + a.getName() + "` is not an array");
      }
      Expr index = convert(a.getIndex());
      if (!typeOf(index).isIntegral()) {
        throw error(a.getIndex(), "array index `" + a.getIndex() + "` is not an integer");
      }
      return new Expr.ArrayAccess(array, index);
    }
    if (expression instanceof ArrayCreationExpr c) {
      return newArray(c);
    }
    throw Unsupported.at(source, expression);
  }

  private Expr newArray(ArrayCreationExpr c) {
    JType type = TypeNames.of(c.createdType()).orElse(null);
    if (type == null || c.getInitializer().isPresent()) {
      throw error(c, "array creation `" + c + "`: only `new double[n]` (or of another primitive"
          + " type, with every length given or the inner ones left out) is supported");
    }
    List<Expr> lengths = new ArrayList<>();
    for (var level : c.getLevels()) {
      if (level.getDimension().isEmpty()) {
        break;
      }
      Expr length = convert(level.getDimension().get());
      if (!typeOf(length).isIntegral()) {
        throw error(level, "array length is not an integer");
      }
      lengths.add(length);
    }
    return new Expr.NewArray(type, lengths);
  }

  /**
   * Reads the instance's fields through {@code name}, the parameter by which the generated
   * methods receive the instance of an instance method.
   */
  public void readFieldsThrough(String name) {
    this.self = name;
  }

  /** The type of an expression this converter produced. */
  public JType typeOf(Expr expr) {
    return Types.of(expr, variables::get);
  }

  private Expr name(NameExpr n) {
    String name = n.getNameAsString();
    if (variables.containsKey(name)) {
      return new Expr.Var(name);
    }
    Optional<Expr> constant = classConstant(name, n);
    if (constant.isPresent()) {
      return constant.get();
    }
    if (name.equals("PI") || name.equals("E")) {
      Optional<String> math = staticImportOwner(name);
      if (math.isPresent()) {
        return new Expr.FieldRef(math.get(), name, JType.DOUBLE);
      }
    }
    throw error(n, "`" + name + "` is not a parameter, a local variable or a static constant of"
        + " this class; only those can be read in a @Differentiable method");
  }

  private Expr fieldAccess(FieldAccessExpr f) {
    if (f.getScope() instanceof com.github.javaparser.ast.expr.ThisExpr && self != null) {
      Optional<Expr> field = classConstant(f.getNameAsString(), f);
      if (field.isPresent()) {
        return field.get();
      }
    }
    if (f.getNameAsString().equals("length")) {
      Expr array = null;
      try {
        array = convert(f.getScope());
      } catch (NotDifferentiableException e) {
        // not an array: report the field access itself below
      }
      if (array != null && typeOf(array).dimensions() > 0) {
        return new Expr.ArrayLength(array);
      }
    }
    String scope = text(f.getScope());
    String simpleScope = scope.startsWith("java.lang.") ? scope.substring(10) : scope;
    String key = simpleScope + "." + f.getNameAsString();
    JType type = shadowed(scope) ? null : LIBRARY_CONSTANTS.get(key);
    if (type != null) {
      return new Expr.FieldRef(simpleScope, f.getNameAsString(), type);
    }
    if (owner != null && scope.equals(owner.getNameAsString())) {
      Optional<Expr> constant = classConstant(f.getNameAsString(), f);
      if (constant.isPresent()) {
        return constant.get();
      }
    }
    throw error(f, "field `" + f + "` cannot be read: only static constants of this class and"
        + " the constants of Math, Double, Float, Integer and Long can; pass the value as a"
        + " parameter");
  }

  /**
   * A static field of the owner class. A non-private one is read through the class ({@code
   * C.K}); a private {@code final} one has its initializer inlined, since the generated class
   * cannot see it.
   */
  private Optional<Expr> classConstant(String name, com.github.javaparser.ast.Node at) {
    if (owner == null) {
      return Optional.empty();
    }
    for (FieldDeclaration field : owner.getFields()) {
      for (VariableDeclarator declarator : field.getVariables()) {
        if (!declarator.getNameAsString().equals(name)) {
          continue;
        }
        Optional<JType> type = TypeNames.of(declarator.getType());
        if (!field.isStatic() && self != null && type.isPresent()) {
          // a field of the instance: data, read through the instance the derivative is given
          if (field.isPrivate()) {
            throw error(at, "private field `" + name + "` cannot be read by the generated class;"
                + " make it package-private");
          }
          return Optional.of(new Expr.FieldRef(self, name, type.get()));
        }
        if (!field.isStatic() || type.isEmpty() || type.get().dimensions() > 0) {
          throw error(at, "field `" + name + "` cannot be read: only static fields of primitive"
              + " number types, and fields of primitives or arrays of them of the instance of an"
              + " instance method, can; pass the value as a parameter");
        }
        if (!field.isPrivate()) {
          return Optional.of(new Expr.FieldRef(ownerReference(), name, type.get()));
        }
        if (!field.isFinal() || declarator.getInitializer().isEmpty()) {
          throw error(at, "private field `" + name + "` cannot be read by the generated class;"
              + " make it package-private, or final with an initializer");
        }
        if (!inlining.add(name)) {
          throw error(at, "constant `" + name + "` is defined in terms of itself");
        }
        try {
          Expr value = convert(declarator.getInitializer().get());
          return Optional.of(retype(value, type.get()));
        } finally {
          inlining.remove(name);
        }
      }
    }
    return Optional.empty();
  }

  private Expr retype(Expr value, JType type) {
    if (value instanceof Expr.Literal l && l.type().isNumeric()) {
      return new Expr.Literal(type, l.value());
    }
    return typeOf(value).equals(type) ? value : new Expr.Cast(type, value);
  }

  private Expr unary(UnaryExpr u) {
    switch (u.getOperator()) {
      case MINUS:
        return new Expr.Unary(UnaryOp.NEGATE, convert(u.getExpression()));
      case PLUS:
        return new Expr.Unary(UnaryOp.PLUS, convert(u.getExpression()));
      case LOGICAL_COMPLEMENT:
        return new Expr.Unary(UnaryOp.NOT, convert(u.getExpression()));
      case BITWISE_COMPLEMENT:
        return new Expr.Unary(UnaryOp.BITWISE_NOT, convert(u.getExpression()));
      default:
        throw Unsupported.at(source, u);
    }
  }

  private static BinaryOp binaryOp(BinaryExpr b) {
    switch (b.getOperator()) {
      case OR:
        return BinaryOp.OR;
      case AND:
        return BinaryOp.AND;
      case BINARY_OR:
        return BinaryOp.BITWISE_OR;
      case BINARY_AND:
        return BinaryOp.BITWISE_AND;
      case XOR:
        return BinaryOp.XOR;
      case EQUALS:
        return BinaryOp.EQUALS;
      case NOT_EQUALS:
        return BinaryOp.NOT_EQUALS;
      case LESS:
        return BinaryOp.LESS;
      case GREATER:
        return BinaryOp.GREATER;
      case LESS_EQUALS:
        return BinaryOp.LESS_EQUALS;
      case GREATER_EQUALS:
        return BinaryOp.GREATER_EQUALS;
      case LEFT_SHIFT:
        return BinaryOp.SHIFT_LEFT;
      case SIGNED_RIGHT_SHIFT:
        return BinaryOp.SHIFT_RIGHT;
      case UNSIGNED_RIGHT_SHIFT:
        return BinaryOp.UNSIGNED_SHIFT_RIGHT;
      case PLUS:
        return BinaryOp.ADD;
      case MINUS:
        return BinaryOp.SUBTRACT;
      case MULTIPLY:
        return BinaryOp.MULTIPLY;
      case DIVIDE:
        return BinaryOp.DIVIDE;
      case REMAINDER:
        return BinaryOp.REMAINDER;
      default:
        throw new IllegalStateException("unknown operator " + b.getOperator());
    }
  }

  /**
   * The source text of a call's or field access's scope ({@code Math}, {@code java.lang.Math}):
   * names joined directly, since {@code toString} sets up a pretty printer each time (a
   * generation of 1,000 methods allocated 33 MB doing so).
   */
  private static String text(Expression scope) {
    if (scope instanceof NameExpr n) {
      return n.getNameAsString();
    }
    if (scope instanceof FieldAccessExpr f) {
      return text(f.getScope()) + "." + f.getNameAsString();
    }
    return scope.toString();
  }

  private Expr call(MethodCallExpr m) {
    String owner;
    String scope = m.getScope().map(ExpressionConverter::text).orElse(null);
    if (scope != null && MathFunctions.OWNERS.contains(scope) && !shadowed(scope)) {
      owner = MathFunctions.simpleOwner(scope);
    } else if (scope == null && staticImportOwner(m.getNameAsString()).isPresent()) {
      owner = staticImportOwner(m.getNameAsString()).get();
    } else {
      return userCall(m, scope);
    }
    if (m.getNameAsString().equals("random")) {
      throw error(m, "Math.random() is not a function of the inputs, and would be drawn again"
          + " by the derivative; draw the number outside the method and pass it in");
    }
    List<Expr> args = new ArrayList<>();
    List<JType> types = new ArrayList<>();
    for (Expression arg : m.getArguments()) {
      Expr converted = convert(arg);
      args.add(converted);
      types.add(typeOf(converted));
    }
    Expr.Call call =
        new Expr.Call(
            owner, m.getNameAsString(), args, MathFunctions.returnType(m.getNameAsString(), types));
    recordSite(call, m);
    return call;
  }

  /** A call of a static method of the build: another {@code @Differentiable} method, or data. */
  private Expr userCall(MethodCallExpr m, String written) {
    String scope = "this".equals(written) ? null : written;
    if (owner == null) {
      throw Unsupported.at(source, m);
    }
    Callees.Callee callee =
        callees
            .find(source, owner.getNameAsString(), scope, m.getNameAsString(), m.getArguments().size())
            .orElseThrow(() -> error(m, "call of " + m.getNameAsString() + ", which ad4j cannot"
                + " see: annotate " + m.getNameAsString() + " @Differentiable if its source is in"
                + " this build, or declare its derivative with @Partial(of = \""
                + (scope == null ? owner.getNameAsString() : scope) + "." + m.getNameAsString()
                + "\", wrt = ...); a call whose arguments do not depend on the inputs needs"
                + " neither, once its class is in the build"));
    if (callee.instance() && (self == null || !callee.className().equals(owner.getNameAsString()))) {
      throw error(m, "call of instance method " + callee.name() + " from "
          + (self == null ? "a static method" : "another class") + ": an instance method can"
          + " be called only from an instance method of its own class; make " + callee.name()
          + " static, taking what it reads from fields as parameters");
    }
    if (callee.packageName().isEmpty()
        && Expr.Call.LIBRARY_OWNERS.contains(callee.className())) {
      throw error(m, "call of " + callee.name() + " of class " + callee.className() + " in the"
          + " default package: generated code cannot tell it from java.lang." + callee.className()
          + "; move the class into a package, or rename it");
    }
    if (callee.isPrivate()) {
      throw error(m, "call to private method " + callee.name() + ": the generated class cannot"
          + " call it; make it package-private");
    }
    List<Expr> args = new ArrayList<>();
    for (Expression arg : m.getArguments()) {
      args.add(convert(arg));
    }
    String pkg = source.packageName();
    // an instance method is called on the instance the generated methods receive
    String target = callee.instance() ? self : callee.classReference(pkg);
    Expr.Call call = new Expr.Call(target, callee.name(), args, callee.returnType());
    resolved.put(key(call), callee);
    recordSite(call, m);
    return call;
  }

  /** Remembers where {@code call} is, so that a diagnostic about it can point at it. */
  private void recordSite(Expr.Call call, MethodCallExpr at) {
    if (source == null) {
      return;
    }
    io.github.ad4j.core.ir.Origin origin = source.origin(at);
    callSites.putIfAbsent(key(call), origin);
    callSites.putIfAbsent(io.github.ad4j.core.ir.Procedure.exactKey(call), origin);
  }

  /** How {@link #resolved} is keyed: the owner as written, the name and the arity. */
  public static String key(Expr.Call call) {
    return call.owner() + "." + call.name() + "/" + call.args().size();
  }

  /** The calls of methods of the build this converter met, by {@link #key}. */
  public Map<String, Callees.Callee> resolved() {
    return resolved;
  }

  /** Where each resolved call (by {@link #key}) first appears, for diagnostics. */
  public Map<String, io.github.ad4j.core.ir.Origin> callSites() {
    return callSites;
  }

  /**
   * Whether {@code scope}, as written, names a user's class rather than {@code java.lang}'s of
   * that name: a class of the same package (this one included) or one the file imports.
   */
  private boolean shadowed(String scope) {
    if (scope.contains(".") || source == null) {
      return false;
    }
    return (owner != null && owner.getNameAsString().equals(scope))
        || callees.hasClass(packageName(), scope)
        || source.unit().getImports().stream()
            .anyMatch(
                i -> !i.isStatic() && !i.isAsterisk() && i.getName().getIdentifier().equals(scope));
  }

  /** The owner class as the generated code names it: qualified if it is named like {@code Math}. */
  private String ownerReference() {
    String name = owner.getNameAsString();
    String pkg = packageName();
    return Expr.Call.LIBRARY_OWNERS.contains(name) && !pkg.isEmpty() ? pkg + "." + name : name;
  }

  private String packageName() {
    return source == null
        ? ""
        : source.packageName();
  }

  /** {@code Math} or {@code StrictMath} when the file imports {@code name} statically. */
  private Optional<String> staticImportOwner(String name) {
    if (source == null) {
      return Optional.empty();
    }
    return source.unit().getImports().stream()
        .filter(i -> i.isStatic())
        .filter(
            i ->
                i.isAsterisk()
                    ? MathFunctions.OWNERS.contains(i.getNameAsString())
                    : i.getName().getIdentifier().equals(name)
                        && i.getName().getQualifier().isPresent()
                        && MathFunctions.OWNERS.contains(
                            i.getName().getQualifier().get().asString()))
        .map(
            i ->
                MathFunctions.simpleOwner(
                    i.isAsterisk()
                        ? i.getNameAsString()
                        : i.getName().getQualifier().get().asString()))
        .findFirst();
  }

  private NotDifferentiableException error(com.github.javaparser.ast.Node at, String message) {
    return new NotDifferentiableException(source.origin(at), message);
  }
}
