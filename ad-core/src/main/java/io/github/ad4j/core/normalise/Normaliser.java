package io.github.ad4j.core.normalise;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import io.github.ad4j.core.check.MethodChecker;
import io.github.ad4j.core.check.MethodRejected;
import io.github.ad4j.core.check.NotDifferentiableException;
import io.github.ad4j.core.check.Unsupported;
import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Origin;
import io.github.ad4j.core.ir.Param;
import io.github.ad4j.core.ir.Procedure;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.parse.DifferentiableMethod;
import io.github.ad4j.core.parse.ParsedSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a checked method into a {@link Procedure}: one IR statement per declared variable,
 * assignment or return, increments as compound assignments, and every call to a differentiable
 * function in a statement of its own (see {@link CallHoister}).
 */
public final class Normaliser {

  private Normaliser() {}

  /**
   * Normalises {@code method}.
   *
   * @throws MethodRejected with every statement that cannot be differentiated
   */
  public static Procedure normalise(
      DifferentiableMethod method, MethodChecker.Signature signature) {
    ParsedSource source = method.source();
    MethodDeclaration declaration = method.declaration();
    Map<String, JType> variables = new LinkedHashMap<>();
    for (Param p : signature.params()) {
      variables.put(p.name(), p.type());
    }
    ExpressionConverter converter =
        new ExpressionConverter(source, method.owner(), variables);
    List<Stmt> body = new ArrayList<>();
    List<NotDifferentiableException> errors = new ArrayList<>();
    List<Statement> statements = declaration.getBody().orElseThrow().getStatements();
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      try {
        if (statement instanceof ReturnStmt r && i != statements.size() - 1) {
          throw new NotDifferentiableException(source.origin(r), "early return: the return must"
              + " be the last statement in this version (early returns come with branches in"
              + " the next release)");
        }
        statement(statement, source, converter, variables, body);
      } catch (NotDifferentiableException e) {
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw new MethodRejected(errors);
    }
    Names names = new Names(variables.keySet());
    List<Stmt> hoisted = CallHoister.hoist(body, variables, names);
    return new Procedure(
        method.owner().getNameAsString(),
        method.name(),
        signature.params(),
        signature.returnType(),
        signature.wrt(),
        hoisted,
        variables,
        source.origin(declaration.getName()));
  }

  private static void statement(
      Statement statement,
      ParsedSource source,
      ExpressionConverter converter,
      Map<String, JType> variables,
      List<Stmt> body) {
    Origin origin = source.origin(statement);
    if (statement instanceof EmptyStmt) {
      return;
    }
    if (statement instanceof ReturnStmt r) {
      body.add(new Stmt.Return(converter.convert(r.getExpression().orElseThrow()), origin));
      return;
    }
    if (!(statement instanceof ExpressionStmt e)) {
      throw Unsupported.at(source, statement);
    }
    Expression expression = e.getExpression();
    if (expression instanceof VariableDeclarationExpr declaration) {
      for (VariableDeclarator declarator : declaration.getVariables()) {
        body.add(declare(declarator, source, converter, variables, origin));
      }
      return;
    }
    if (expression instanceof AssignExpr assign) {
      Expr target = target(assign.getTarget(), source, variables);
      body.add(
          new Stmt.Assign(target, assignOp(assign), converter.convert(assign.getValue()), origin));
      return;
    }
    if (expression instanceof UnaryExpr unary
        && (unary.isPrefix() || unary.isPostfix())
        && unary.getOperator() != UnaryExpr.Operator.MINUS) {
      Expr target = target(unary.getExpression(), source, variables);
      boolean increment =
          unary.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
              || unary.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT;
      body.add(
          new Stmt.Assign(
              target, increment ? AssignOp.ADD : AssignOp.SUBTRACT, Expr.Literal.ofInt(1), origin));
      return;
    }
    throw new NotDifferentiableException(origin, "expression statement `" + origin.text()
        + "` has no effect on the result, or one that cannot be differentiated; remove it");
  }

  private static Stmt declare(
      VariableDeclarator declarator,
      ParsedSource source,
      ExpressionConverter converter,
      Map<String, JType> variables,
      Origin origin) {
    Optional<Expr> init = declarator.getInitializer().map(converter::convert);
    JType type;
    if (declarator.getType().isVarType()) {
      type = converter.typeOf(init.orElseThrow());
    } else {
      type = TypeNames.of(declarator.getType()).orElse(null);
      if (type == null) {
        throw new NotDifferentiableException(source.origin(declarator), "local variable "
            + declarator.getNameAsString() + " of type " + declarator.getType() + ": only"
            + " primitive locals are supported");
      }
      if (type.dimensions() > 0) {
        throw new NotDifferentiableException(source.origin(declarator), "local array "
            + declarator.getNameAsString() + " is not supported yet: arrays come with the next"
            + " release");
      }
    }
    variables.put(declarator.getNameAsString(), type);
    return new Stmt.Declare(type, declarator.getNameAsString(), init.orElse(null), origin);
  }

  private static Expr target(
      Expression target, ParsedSource source, Map<String, JType> variables) {
    if (target instanceof NameExpr name && variables.containsKey(name.getNameAsString())) {
      return new Expr.Var(name.getNameAsString());
    }
    if (target instanceof NameExpr || target.isFieldAccessExpr()) {
      throw new NotDifferentiableException(source.origin(target), "assignment to field `"
          + target + "`: a @Differentiable method may not write fields; return the value"
          + " instead");
    }
    throw Unsupported.at(source, target);
  }

  private static AssignOp assignOp(AssignExpr assign) {
    switch (assign.getOperator()) {
      case ASSIGN:
        return AssignOp.SET;
      case PLUS:
        return AssignOp.ADD;
      case MINUS:
        return AssignOp.SUBTRACT;
      case MULTIPLY:
        return AssignOp.MULTIPLY;
      case DIVIDE:
        return AssignOp.DIVIDE;
      case REMAINDER:
        return AssignOp.REMAINDER;
      case BINARY_AND:
        return AssignOp.BITWISE_AND;
      case BINARY_OR:
        return AssignOp.BITWISE_OR;
      case XOR:
        return AssignOp.XOR;
      case LEFT_SHIFT:
        return AssignOp.SHIFT_LEFT;
      case SIGNED_RIGHT_SHIFT:
        return AssignOp.SHIFT_RIGHT;
      case UNSIGNED_RIGHT_SHIFT:
        return AssignOp.UNSIGNED_SHIFT_RIGHT;
      default:
        throw new IllegalStateException("unknown operator " + assign.getOperator());
    }
  }
}
