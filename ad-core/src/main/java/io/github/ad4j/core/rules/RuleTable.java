package io.github.ad4j.core.rules;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.check.Callees;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.normalise.ExpressionConverter;
import io.github.ad4j.core.normalise.TypeNames;
import io.github.ad4j.core.parse.ParsedSource;
import io.github.ad4j.core.parse.SourceParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The derivative rules in force: parsed from Java sources of {@link io.github.ad4j.Partial}
 * methods, the built-in {@link MathRules} first. Immutable once built.
 */
public final class RuleTable {

  private static final String MATH_RULES = "MathRules.java";
  private static final String STRICT_MATH = "StrictMath";

  private final Map<String, PartialRule> rules;

  private RuleTable(Map<String, PartialRule> rules) {
    this.rules = Map.copyOf(rules);
  }

  /** The built-in rules for {@code java.lang.Math} and {@code StrictMath}. */
  public static RuleTable builtIn() {
    try (InputStream in = RuleTable.class.getResourceAsStream(MATH_RULES)) {
      if (in == null) {
        throw new IllegalStateException("ad-core is missing its resource " + MATH_RULES);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new RuleTable(parse(new SourceFile(MATH_RULES, text)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The partial derivative of {@code call} with respect to its argument {@code argument}, with
   * the call's arguments in place of the rule's parameters; empty where no rule is declared.
   */
  public Optional<Expr> partial(Expr.Call call, int argument) {
    boolean strict = call.owner().equals(STRICT_MATH);
    String owner = strict ? "Math" : simple(call.owner());
    PartialRule rule = rules.get(key(owner, call.name(), call.args().size(), argument));
    if (rule == null) {
      return Optional.empty();
    }
    Map<Expr, Expr> bindings = new HashMap<>();
    for (int i = 0; i < rule.params().size(); i++) {
      bindings.put(new Expr.Var(rule.params().get(i)), call.args().get(i));
    }
    Expr body = ExprRewriter.substitute(rule.body(), bindings);
    if (!owner.equals("Math")) {
      body = reowned(body, owner, call.owner()); // the function as the caller's class names it
    }
    return Optional.of(strict ? toStrictMath(body) : body);
  }

  /** Whether any rule is declared for a function of this name and arity. */
  public boolean hasRules(Expr.Call call) {
    String owner = call.owner().equals(STRICT_MATH) ? "Math" : simple(call.owner());
    for (int i = 0; i < call.args().size(); i++) {
      if (rules.containsKey(key(owner, call.name(), call.args().size(), i))) {
        return true;
      }
    }
    return false;
  }

  private static String simple(String owner) {
    return owner.substring(owner.lastIndexOf('.') + 1);
  }

  private static Expr reowned(Expr expr, String owner, String as) {
    Expr mapped = ExprRewriter.mapChildren(expr, e -> reowned(e, owner, as));
    if (mapped instanceof Expr.Call c && c.owner().equals(owner)) {
      return new Expr.Call(as, c.name(), c.args(), c.type());
    }
    return mapped;
  }

  /** The functions rules differentiate, as {@code Class.name/arity}. */
  public Set<String> functions() {
    Set<String> functions = new java.util.TreeSet<>();
    for (PartialRule rule : rules.values()) {
      functions.add(rule.owner() + "." + rule.function() + "/" + rule.params().size());
    }
    return functions;
  }

  /**
   * These rules and those the {@code @Partial} methods of {@code sources} declare, which take
   * precedence. A malformed rule is reported in {@code errors} and left out.
   */
  public RuleTable withRulesFrom(List<ParsedSource> sources, List<NotDifferentiableException> errors) {
    Map<String, PartialRule> all = new LinkedHashMap<>(rules);
    for (ParsedSource source : sources) {
      for (MethodDeclaration method : source.unit().findAll(MethodDeclaration.class)) {
        Optional<AnnotationExpr> annotation = method.getAnnotationByName("Partial");
        if (annotation.isEmpty()) {
          continue;
        }
        try {
          PartialRule rule = checkedRule(source, method, annotation.get());
          checkAgainstFunction(source, method, rule, sources);
          all.put(key(rule.owner(), rule.function(), rule.params().size(), rule.wrt()), rule);
        } catch (NotDifferentiableException e) {
          errors.add(e);
        }
      }
    }
    return new RuleTable(all);
  }

  /**
   * Where the function a rule names has its source in the build, the rule must take its
   * parameters: as many, each a double or float. A rule for a library's function is taken on
   * trust, as javac cannot check it either.
   */
  private static void checkAgainstFunction(
      ParsedSource source, MethodDeclaration ruleMethod, PartialRule rule, List<ParsedSource> sources) {
    List<MethodDeclaration> named = new ArrayList<>();
    boolean classInBuild = false;
    for (ParsedSource candidate : sources) {
      String pkg = candidate.packageName();
      for (var type : candidate.unit().getTypes()) {
        String simple = type.getNameAsString();
        if (!rule.owner().equals(simple) && !rule.owner().equals(pkg + "." + simple)) {
          continue;
        }
        classInBuild = true;
        named.addAll(type.getMethodsByName(rule.function()));
      }
    }
    if (!classInBuild) {
      return;
    }
    io.github.ad4j.core.ir.Origin at = source.origin(ruleMethod.getName());
    String of = rule.owner() + "." + rule.function();
    if (named.isEmpty()) {
      throw new NotDifferentiableException(at, "@Partial(of = \"" + of + "\") names no method"
          + " of " + rule.owner() + ", whose source is in the build; name the function the rule"
          + " differentiates");
    }
    for (MethodDeclaration function : named) {
      boolean matches =
          function.getParameters().size() == rule.params().size()
              && function.getParameters().stream()
                  .allMatch(p -> TypeNames.of(p.getType()).map(JType::isFloating).orElse(false));
      if (matches) {
        return;
      }
    }
    MethodDeclaration function = named.get(0);
    ParsedSource where =
        sources.stream()
            .filter(s -> function.findCompilationUnit().map(u -> u == s.unit()).orElse(false))
            .findFirst()
            .orElse(source);
    io.github.ad4j.core.ir.Origin declared = where.origin(function.getName());
    throw new NotDifferentiableException(at, "derivative rule " + ruleMethod.getName() + " takes "
        + rule.params().size() + " double parameter(s), but " + of + " ("
        + declared.file() + ":" + declared.line() + ":" + declared.column() + ") takes "
        + function.getParameters() + "; a rule takes the function's parameters, in order, each a"
        + " double");
  }

  private static PartialRule checkedRule(
      ParsedSource source, MethodDeclaration method, AnnotationExpr annotation) {
    io.github.ad4j.core.ir.Origin at = source.origin(method.getName());
    if (!(annotation instanceof NormalAnnotationExpr normal)
        || normal.getPairs().stream().anyMatch(p -> !p.getValue().isStringLiteralExpr())) {
      throw new NotDifferentiableException(at, "@Partial needs of = \"Class.method\" and"
          + " wrt = \"parameter\" as string literals");
    }
    String of = member(normal, "of");
    String wrt = member(normal, "wrt");
    if (of.lastIndexOf('.') <= 0) {
      throw new NotDifferentiableException(at, "@Partial(of = \"" + of + "\") must name the"
          + " function as Class.method");
    }
    if (!method.isStatic()) {
      throw new NotDifferentiableException(at, "derivative rule " + method.getName()
          + " must be static");
    }
    List<String> names = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      Optional<JType> type = TypeNames.of(parameter.getType());
      if (type.isEmpty() || !type.get().isFloating()) {
        throw new NotDifferentiableException(source.origin(parameter), "parameter "
            + parameter.getName() + " of derivative rule " + method.getName() + " must be a"
            + " double: a rule takes the arguments of the function it differentiates");
      }
      names.add(parameter.getNameAsString());
    }
    if (!names.contains(wrt)) {
      throw new NotDifferentiableException(at, "@Partial(wrt = \"" + wrt + "\") names no"
          + " parameter of " + method.getName() + "; its parameters are " + names);
    }
    List<Statement> statements = method.getBody().map(b -> b.getStatements()).orElse(null);
    if (statements == null || statements.size() != 1 || !(statements.get(0) instanceof ReturnStmt)) {
      throw new NotDifferentiableException(at, "derivative rule " + method.getName() + " must"
          + " be a single return statement of the partial derivative");
    }
    return rule(source, method, normal);
  }

  /** {@code StrictMath} callers get {@code StrictMath} derivatives, for reproducible results. */
  private static Expr toStrictMath(Expr expr) {
    Expr mapped = ExprRewriter.mapChildren(expr, RuleTable::toStrictMath);
    if (mapped instanceof Expr.Call c && c.owner().equals("Math")) {
      return new Expr.Call(STRICT_MATH, c.name(), c.args(), c.type());
    }
    return mapped;
  }

  private static String key(String owner, String function, int arity, int argument) {
    return owner + "." + function + "/" + arity + "#" + argument;
  }

  private static Map<String, PartialRule> parse(SourceFile file) {
    SourceParser.Result parsed = new SourceParser().parse(file);
    if (parsed.source() == null) {
      throw new IllegalStateException("cannot parse rules " + parsed.diagnostics());
    }
    ParsedSource source = parsed.source();
    Map<String, PartialRule> rules = new LinkedHashMap<>();
    for (MethodDeclaration method : source.unit().findAll(MethodDeclaration.class)) {
      Optional<AnnotationExpr> annotation = method.getAnnotationByName("Partial");
      if (annotation.isEmpty()) {
        continue;
      }
      PartialRule rule = rule(source, method, (NormalAnnotationExpr) annotation.get());
      rules.put(
          key(rule.owner(), rule.function(), rule.params().size(), rule.wrt()), rule);
    }
    return rules;
  }

  private static PartialRule rule(
      ParsedSource source, MethodDeclaration method, NormalAnnotationExpr annotation) {
    String of = member(annotation, "of");
    String wrt = member(annotation, "wrt");
    int dot = of.lastIndexOf('.');
    Map<String, JType> variables = new LinkedHashMap<>();
    List<String> params = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      params.add(parameter.getNameAsString());
      variables.put(parameter.getNameAsString(), TypeNames.of(parameter.getType()).orElseThrow());
    }
    List<Statement> statements = method.getBody().orElseThrow().getStatements();
    ReturnStmt body = (ReturnStmt) statements.get(statements.size() - 1);
    // the body may call Math and, to reuse its value, the function it differentiates
    String self = of.substring(0, dot) + "." + of.substring(dot + 1) + "/" + params.size();
    Expr expr =
        new ExpressionConverter(
                source, ParsedSource.enclosingType(method).orElse(null), variables,
                Callees.ruled(Set.of(self)))
            .convert(body.getExpression().orElseThrow());
    return new PartialRule(
        of.substring(0, dot), of.substring(dot + 1), params, params.indexOf(wrt), expr);
  }

  private static String member(NormalAnnotationExpr annotation, String name) {
    for (MemberValuePair pair : annotation.getPairs()) {
      if (pair.getNameAsString().equals(name)) {
        return pair.getValue().asStringLiteralExpr().getValue();
      }
    }
    throw new IllegalStateException(annotation + " has no " + name);
  }
}
