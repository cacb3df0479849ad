package io.github.ad4j.core.normalise;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a checked method into a {@link Procedure} of simple IR statements: one per declared
 * variable or assignment, increments as compound assignments, enhanced {@code for} as an indexed
 * loop; then {@link ControlFlowLowering} removes {@code break}, {@code continue} and early
 * {@code return}, and {@link CallHoister} gives every call of a function of the inputs a
 * statement of its own.
 */
public final class Normaliser {

  private final ParsedSource source;
  private final ExpressionConverter converter;
  private final Map<String, JType> variables;
  private final Names names;
  private final List<NotDifferentiableException> errors = new ArrayList<>();

  private Normaliser(
      ParsedSource source, ExpressionConverter converter, Map<String, JType> variables, Names names) {
    this.source = source;
    this.converter = converter;
    this.variables = variables;
    this.names = names;
  }

  /**
   * Normalises {@code method}.
   *
   * @throws MethodRejected with every statement that cannot be differentiated
   */
  public static Procedure normalise(
      DifferentiableMethod method, MethodChecker.Signature signature) {
    return normalise(method, signature, io.github.ad4j.core.check.Callees.none());
  }

  /**
   * Normalises {@code method}, whose calls of methods of the build resolve among {@code callees}.
   *
   * @throws MethodRejected with every statement that cannot be differentiated
   */
  public static Procedure normalise(
      DifferentiableMethod method,
      MethodChecker.Signature signature,
      io.github.ad4j.core.check.Callees callees) {
    ParsedSource source = method.source();
    MethodDeclaration declaration = method.declaration();
    Map<String, JType> variables = new LinkedHashMap<>();
    for (Param p : signature.params()) {
      variables.put(p.name(), p.type());
    }
    Set<String> declared = new HashSet<>(variables.keySet());
    declaration.findAll(VariableDeclarator.class).forEach(v -> declared.add(v.getNameAsString()));
    declaration.findAll(Parameter.class).forEach(p -> declared.add(p.getNameAsString()));
    Names names = new Names(declared);
    ExpressionConverter converter =
        new ExpressionConverter(source, method.owner(), variables, callees);
    String receiver = null;
    if (!declaration.isStatic()) {
      String type = method.owner().getNameAsString();
      receiver = names.fresh(Character.toLowerCase(type.charAt(0)) + type.substring(1));
      converter.readFieldsThrough(receiver);
    }
    Normaliser normaliser = new Normaliser(source, converter, variables, names);
    List<Stmt> body = normaliser.block(declaration.getBody().orElseThrow().getStatements());
    if (normaliser.errors.isEmpty() && !endsWithReturn(body)) {
      normaliser.errors.add(new NotDifferentiableException(source.origin(declaration.getName()),
          "method " + method.name() + " can end without a return statement; every path must"
              + " return a value"));
    }
    if (!normaliser.errors.isEmpty()) {
      throw new MethodRejected(normaliser.errors);
    }
    List<Stmt> lowered =
        ControlFlowLowering.lower(body, signature.returnType(), variables, names);
    WritingCallPlacement.check(
        lowered,
        call -> converter.resolved().get(ExpressionConverter.key(call)),
        converter.callSites(),
        source.origin(declaration.getName()));
    List<Stmt> hoisted = CallHoister.hoist(lowered, variables, names);
    return new Procedure(
        source.packageName(),
        method.owner().getNameAsString(),
        method.name(),
        signature.params(),
        signature.returnType(),
        signature.wrt(),
        hoisted,
        variables,
        source.origin(declaration.getName()),
        converter.resolved(),
        converter.callSites(),
        receiver);
  }

  /** Whether every path through {@code body} ends in a return, as javac requires. */
  private static boolean endsWithReturn(List<Stmt> body) {
    if (body.isEmpty()) {
      return false;
    }
    Stmt last = body.get(body.size() - 1);
    if (last instanceof Stmt.Return) {
      return true;
    }
    if (last instanceof Stmt.If i) {
      return endsWithReturn(i.then()) && endsWithReturn(i.otherwise());
    }
    if (last instanceof Stmt.Block b) {
      return endsWithReturn(b.body());
    }
    // a loop that only a return leaves: for (;;) or while (true) with a return inside (one
    // without never returns, and leaves nothing to differentiate)
    return last instanceof Stmt.Loop l
        && l.condition().equals(Expr.Literal.ofBoolean(true))
        && l.kind() != Stmt.LoopKind.DO_WHILE
        && containsReturn(l.body());
  }

  private static boolean containsReturn(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Return) {
        return true;
      }
      for (List<Stmt> inner : io.github.ad4j.core.ir.Statements.blocks(s)) {
        if (containsReturn(inner)) {
          return true;
        }
      }
    }
    return false;
  }

  private List<Stmt> block(List<Statement> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Statement statement : statements) {
      try {
        statement(statement, out);
      } catch (NotDifferentiableException e) {
        errors.add(e);
      }
    }
    return resolveRowAliases(out);
  }

  /**
   * {@code double[] row = m[i]; ... row[j] ...} reads and writes {@code m[i][j]}: the alias is
   * replaced by what it stands for, so no array variable ever aliases another. That needs {@code
   * i} unchanged while {@code row} is in use.
   */
  private List<Stmt> resolveRowAliases(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>(block);
    for (int k = 0; k < out.size(); k++) {
      if (out.get(k) instanceof Stmt.Declare d
          && d.type().dimensions() > 0
          && d.init() instanceof Expr.ArrayAccess row) {
        List<Stmt> rest = out.subList(k + 1, out.size());
        Set<String> assigned = new HashSet<>();
        rest.forEach(s -> io.github.ad4j.core.ir.Statements.assigned(s, assigned));
        Set<String> index = new HashSet<>();
        io.github.ad4j.core.ir.ExprRewriter.variables(row, index);
        index.retainAll(assigned);
        if (!index.isEmpty()) {
          errors.add(new NotDifferentiableException(d.origin(), "row " + d.name() + " of `"
              + d.origin().text() + "` is used after " + index + " changes; index the array"
              + " directly instead"));
          continue;
        }
        List<Stmt> replaced =
            io.github.ad4j.core.ir.StmtRewriter.substitute(rest, Map.of(new Expr.Var(d.name()), row));
        List<Stmt> next = new ArrayList<>(out.subList(0, k));
        next.addAll(replaced);
        out = next;
        k--;
      }
    }
    return out;
  }

  private List<Stmt> body(Statement statement) {
    return statement instanceof BlockStmt b ? block(b.getStatements()) : block(List.of(statement));
  }

  private void statement(Statement statement, List<Stmt> out) {
    Origin origin = source.origin(statement);
    if (statement instanceof EmptyStmt) {
      return;
    }
    if (statement instanceof ReturnStmt r) {
      if (r.getExpression().isEmpty()) {
        throw new NotDifferentiableException(origin, "return without a value: a"
            + " @Differentiable method must return a double or float on every path");
      }
      out.add(new Stmt.Return(converter.convert(r.getExpression().get()), origin));
    } else if (statement instanceof ExpressionStmt e) {
      expressionStatement(e.getExpression(), origin, out);
    } else if (statement instanceof BlockStmt b) {
      out.add(new Stmt.Block(block(b.getStatements())));
    } else if (statement instanceof IfStmt i) {
      out.add(
          new Stmt.If(
              condition(i.getCondition()),
              body(i.getThenStmt()),
              i.getElseStmt().map(this::body).orElse(List.of()),
              origin));
    } else if (statement instanceof WhileStmt w) {
      out.add(
          new Stmt.Loop(
              Stmt.LoopKind.WHILE, List.of(), condition(w.getCondition()), List.of(),
              body(w.getBody()), origin));
    } else if (statement instanceof DoStmt d) {
      out.add(
          new Stmt.Loop(
              Stmt.LoopKind.DO_WHILE, List.of(), condition(d.getCondition()), List.of(),
              body(d.getBody()), origin));
    } else if (statement instanceof ForStmt f) {
      List<Stmt> init = new ArrayList<>();
      for (Expression e : f.getInitialization()) {
        expressionStatement(e, origin, init);
      }
      Expr condition =
          f.getCompare().map(this::condition).orElse(Expr.Literal.ofBoolean(true));
      List<Stmt> update = new ArrayList<>();
      for (Expression e : f.getUpdate()) {
        expressionStatement(e, origin, update);
      }
      out.add(new Stmt.Loop(Stmt.LoopKind.FOR, init, condition, update, body(f.getBody()), origin));
    } else if (statement instanceof ForEachStmt f) {
      out.add(forEach(f, origin));
    } else if (statement instanceof BreakStmt b) {
      out.add(new Stmt.Break(b.getLabel().map(l -> l.getIdentifier()).orElse(null), origin));
    } else if (statement instanceof ContinueStmt c) {
      out.add(new Stmt.Continue(c.getLabel().map(l -> l.getIdentifier()).orElse(null), origin));
    } else if (statement instanceof LabeledStmt l) {
      Statement labeled = l.getStatement();
      if (!(labeled instanceof ForStmt
          || labeled instanceof WhileStmt
          || labeled instanceof DoStmt
          || labeled instanceof ForEachStmt)) {
        throw new NotDifferentiableException(origin, "label on a statement that is not a loop:"
            + " only loops can be labeled in a @Differentiable method");
      }
      List<Stmt> inner = new ArrayList<>();
      statement(labeled, inner);
      out.add(new Stmt.Labeled(l.getLabel().getIdentifier(), inner.get(0)));
    } else {
      throw Unsupported.at(source, statement);
    }
  }

  private Expr condition(Expression condition) {
    Expr converted = converter.convert(condition);
    if (!converter.typeOf(converted).equals(JType.BOOLEAN)) {
      throw new NotDifferentiableException(source.origin(condition), "condition is not a boolean");
    }
    return converted;
  }

  /** {@code for (double v : a) body} is {@code for (int vIndex = 0; vIndex < a.length; vIndex++)}. */
  private Stmt forEach(ForEachStmt f, Origin origin) {
    Expr array = converter.convert(f.getIterable());
    JType arrayType = converter.typeOf(array);
    if (!(array instanceof Expr.Var) || arrayType.dimensions() == 0) {
      throw new NotDifferentiableException(origin, "enhanced for loop over `" + f.getIterable()
          + "`: only loops over an array variable are supported; loop over an array");
    }
    VariableDeclarator element = f.getVariable().getVariables().get(0);
    String index = names.fresh(element.getNameAsString() + "Index");
    variables.put(index, JType.INT);
    JType elementType = new JType(arrayType.primitive(), arrayType.dimensions() - 1);
    declareVariable(element.getNameAsString(), elementType, element);
    Expr.Var i = new Expr.Var(index);
    List<Stmt> body = new ArrayList<>();
    body.add(
        new Stmt.Declare(
            elementType, element.getNameAsString(), new Expr.ArrayAccess(array, i), origin));
    body.addAll(body(f.getBody()));
    body = resolveRowAliases(body);
    return new Stmt.Loop(
        Stmt.LoopKind.FOR,
        List.of(new Stmt.Declare(JType.INT, index, Expr.Literal.ofInt(0), origin)),
        new Expr.Binary(io.github.ad4j.core.ir.BinaryOp.LESS, i, new Expr.ArrayLength(array)),
        List.of(new Stmt.Assign(i, AssignOp.ADD, Expr.Literal.ofInt(1), origin)),
        body,
        origin);
  }

  private void expressionStatement(Expression expression, Origin origin, List<Stmt> out) {
    if (expression instanceof VariableDeclarationExpr declaration) {
      for (VariableDeclarator declarator : declaration.getVariables()) {
        out.add(declare(declarator, origin));
      }
      return;
    }
    if (expression instanceof AssignExpr assign) {
      Expr target = target(assign.getTarget());
      Expr value = converter.convert(assign.getValue());
      checkArrayAssignment(target, value, assign);
      out.add(new Stmt.Assign(target, assignOp(assign), value, origin));
      return;
    }
    if (expression instanceof UnaryExpr unary
        && (unary.isPrefix() || unary.isPostfix())
        && unary.getOperator() != UnaryExpr.Operator.MINUS
        && unary.getOperator() != UnaryExpr.Operator.PLUS) {
      Expr target = target(unary.getExpression());
      boolean increment =
          unary.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
              || unary.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT;
      out.add(
          new Stmt.Assign(
              target, increment ? AssignOp.ADD : AssignOp.SUBTRACT, Expr.Literal.ofInt(1), origin));
      return;
    }
    if (expression instanceof MethodCallExpr) {
      // a method of the build that writes into its arrays: its effect is on them
      Expr value = converter.convert(expression);
      if (value instanceof Expr.Call call
          && converter.resolved().containsKey(ExpressionConverter.key(call))
          && converter.resolved().get(ExpressionConverter.key(call)).writesArrays()) {
        out.add(new Stmt.Eval(call, origin));
        return;
      }
    }
    throw new NotDifferentiableException(origin, "expression statement `" + origin.text()
        + "` has no effect on the result, or one that cannot be differentiated; remove it");
  }

  private Stmt declare(VariableDeclarator declarator, Origin origin) {
    Optional<Expr> init;
    try {
      init = declarator.getInitializer().map(converter::convert);
    } catch (NotDifferentiableException e) {
      // declare the variable all the same, so that its later uses are not reported again as
      // unknown names: one error per mistake
      TypeNames.of(declarator.getType())
          .ifPresent(t -> variables.putIfAbsent(declarator.getNameAsString(), t));
      throw e;
    }
    JType type;
    if (declarator.getType().isVarType()) {
      type = converter.typeOf(init.orElseThrow());
    } else {
      type = TypeNames.of(declarator.getType()).orElse(null);
      if (type == null) {
        throw new NotDifferentiableException(source.origin(declarator), "local variable "
            + declarator.getNameAsString() + " of type " + declarator.getType() + ": only"
            + " primitives and arrays of them are supported");
      }
    }
    declareVariable(declarator.getNameAsString(), type, declarator);
    if (type.dimensions() > 0
        && init.isPresent()
        && !(init.get() instanceof Expr.NewArray)
        && !(init.get() instanceof Expr.ArrayAccess)) {
      throw new NotDifferentiableException(source.origin(declarator), "array variable "
          + declarator.getNameAsString() + " refers to another array: an array variable must be"
          + " created with `new` or be a row m[i] of one, so that it is never an alias; copy the"
          + " elements instead");
    }
    return new Stmt.Declare(type, declarator.getNameAsString(), init.orElse(null), origin);
  }

  private void declareVariable(String name, JType type, Node at) {
    JType before = variables.putIfAbsent(name, type);
    if (before != null && !before.equals(type)) {
      throw new NotDifferentiableException(source.origin(at), "variable " + name + " is declared"
          + " twice with different types (" + before + " and " + type + "); rename one");
    }
  }

  private Expr target(Expression target) {
    if (target instanceof NameExpr name && variables.containsKey(name.getNameAsString())) {
      if (variables.get(name.getNameAsString()).dimensions() > 0) {
        throw new NotDifferentiableException(source.origin(target), "assignment to array"
            + " variable " + name + ": an array variable cannot be made to refer to another"
            + " array; assign its elements instead");
      }
      return new Expr.Var(name.getNameAsString());
    }
    if (target instanceof ArrayAccessExpr access) {
      Expr converted = converter.convert(access);
      if (converter.typeOf(converted).dimensions() > 0) {
        throw new NotDifferentiableException(source.origin(target), "assignment of a whole row"
            + " `" + target + "`: assign its elements instead");
      }
      return converted;
    }
    if (target instanceof NameExpr || target.isFieldAccessExpr()) {
      throw new NotDifferentiableException(source.origin(target), "assignment to field `"
          + target + "`: a @Differentiable method may not write fields; return the value"
          + " instead");
    }
    throw Unsupported.at(source, target);
  }

  private void checkArrayAssignment(Expr target, Expr value, Node at) {
    if (converter.typeOf(value).dimensions() > 0) {
      throw new NotDifferentiableException(source.origin(at), "assignment of an array to `"
          + at + "`: copy its elements instead");
    }
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
