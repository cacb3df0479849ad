package io.github.ad4j.core.check;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.AssertStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogue of constructs a {@code @Differentiable} method may not contain, each with what to
 * write instead. The README's table of messages is this table.
 */
public final class Unsupported {

  private static final Map<Class<? extends Node>, String> MESSAGES = new LinkedHashMap<>();

  static {
    MESSAGES.put(
        SwitchStmt.class, "switch statement is not supported; write it as if/else");
    MESSAGES.put(
        SwitchExpr.class,
        "switch expression is not supported; write it as if/else or a conditional expression");
    MESSAGES.put(
        TryStmt.class,
        "try statement: exceptions cannot be differentiated; handle them in the caller");
    MESSAGES.put(
        ThrowStmt.class,
        "throw statement: exceptions cannot be differentiated; check the arguments in the caller");
    MESSAGES.put(
        SynchronizedStmt.class,
        "synchronized statement is not supported; synchronize in the caller");
    MESSAGES.put(AssertStmt.class, "assert statement is not supported; assert in the caller");
    MESSAGES.put(YieldStmt.class, "yield statement is not supported");
    MESSAGES.put(
        LocalClassDeclarationStmt.class,
        "local class is not supported; declare it outside the method");
    MESSAGES.put(
        LocalRecordDeclarationStmt.class,
        "local record is not supported; declare it outside the method");
    MESSAGES.put(
        LambdaExpr.class,
        "lambda expression is not supported; write the computation in the method itself");
    MESSAGES.put(
        MethodReferenceExpr.class,
        "method reference is not supported; write the computation in the method itself");
    MESSAGES.put(
        ObjectCreationExpr.class,
        "object creation is not supported: only primitive values can be differentiated;"
            + " pass the numbers the object holds as parameters");
    MESSAGES.put(
        ArrayInitializerExpr.class,
        "array initializer is not supported; create the array with new double[n] and assign its"
            + " elements");
    MESSAGES.put(
        AssignExpr.class,
        "assignment inside an expression is not supported; write it as a statement of its own");
    MESSAGES.put(
        UnaryExpr.class,
        "increment or decrement inside an expression is not supported; write it as a statement"
            + " of its own");
    MESSAGES.put(
        MethodCallExpr.class,
        "call of a method ad4j cannot see: it differentiates calls to java.lang.Math, to"
            + " @Differentiable methods of the build and to functions with a derivative rule;"
            + " annotate the method @Differentiable if its source is in this build, or declare"
            + " a rule for it with @Partial(of = \"Class.method\", wrt = \"x\")");
    MESSAGES.put(StringLiteralExpr.class, "string is not supported; only numbers can be used");
    MESSAGES.put(TextBlockLiteralExpr.class, "text block is not supported; only numbers can be used");
    MESSAGES.put(CharLiteralExpr.class, "char literal is not supported; use an int");
    MESSAGES.put(InstanceOfExpr.class, "instanceof is not supported; only numbers can be used");
    MESSAGES.put(ClassExpr.class, "class literal is not supported; only numbers can be used");
    MESSAGES.put(
        ThisExpr.class, "this is not supported: @Differentiable methods must be static for now");
    MESSAGES.put(
        SuperExpr.class, "super is not supported: @Differentiable methods must be static for now");
  }

  private Unsupported() {}

  /** The message for {@code node}: the construct, why, and what to write instead. */
  public static String message(Node node) {
    for (Map.Entry<Class<? extends Node>, String> entry : MESSAGES.entrySet()) {
      if (entry.getKey().isInstance(node)) {
        return entry.getValue();
      }
    }
    return node.getClass().getSimpleName()
        + " is not supported in a @Differentiable method; move it out of the method";
  }

  /** An exception for {@code node}, positioned by {@code origins}. */
  public static NotDifferentiableException at(
      io.github.ad4j.core.parse.ParsedSource origins, Node node) {
    return new NotDifferentiableException(origins.origin(node), message(node));
  }
}
