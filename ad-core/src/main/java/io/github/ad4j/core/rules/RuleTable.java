package io.github.ad4j.core.rules;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import io.github.ad4j.core.SourceFile;
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
    String owner = strict ? "Math" : call.owner();
    PartialRule rule = rules.get(key(owner, call.name(), call.args().size(), argument));
    if (rule == null) {
      return Optional.empty();
    }
    Map<Expr, Expr> bindings = new HashMap<>();
    for (int i = 0; i < rule.params().size(); i++) {
      bindings.put(new Expr.Var(rule.params().get(i)), call.args().get(i));
    }
    Expr body = ExprRewriter.substitute(rule.body(), bindings);
    return Optional.of(strict ? toStrictMath(body) : body);
  }

  /** Whether any rule is declared for a function of this name and arity. */
  public boolean hasRules(Expr.Call call) {
    String owner = call.owner().equals(STRICT_MATH) ? "Math" : call.owner();
    for (int i = 0; i < call.args().size(); i++) {
      if (rules.containsKey(key(owner, call.name(), call.args().size(), i))) {
        return true;
      }
    }
    return false;
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
    Expr expr =
        new ExpressionConverter(source, null, variables)
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
