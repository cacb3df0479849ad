package io.github.ad4j.core.emit;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.UnaryOp;
import java.util.List;

/**
 * Prints a method body as Java source, one statement a line, each nested block indented by one
 * more {@link GradClassEmitter#INDENT}, and puts it in its place in the class JavaPoet wrote.
 *
 * <p>JavaPoet writes each method with a {@link #PLACEHOLDER} line for its body, and {@link
 * #insert} replaces it by the body indented as JavaPoet indents a line. The bodies are most of a
 * generated file, and JavaPoet splits every piece of text it writes into lines with a regular
 * expression, twice per file: writing the bodies through it statement by statement was the
 * largest cost of generation. The text is what JavaPoet's own control-flow methods wrote.
 */
final class BodyPrinter {

  /**
   * The line that stands for a body in what JavaPoet writes. No generated text contains it: a
   * NUL character cannot be in a file name, and the rest cannot be in an identifier.
   */
  static final String PLACEHOLDER = "\u0000/* body */";

  private final StringBuilder out = new StringBuilder();
  private int depth;

  private BodyPrinter() {}

  /** {@code body} as Java source, each line ending in a newline. */
  static String print(List<Stmt> body) {
    BodyPrinter printer = new BodyPrinter();
    printer.statements(body);
    return printer.out.toString();
  }

  /**
   * {@code skeleton}, JavaPoet's text of a class, with its {@link #PLACEHOLDER} lines replaced by
   * {@code bodies} in order, each line indented like the placeholder (empty lines, as JavaPoet
   * writes them, not at all).
   */
  static String insert(String skeleton, List<String> bodies) {
    int length = skeleton.length();
    for (String body : bodies) {
      length += 2 * body.length(); // room for the indentation
    }
    StringBuilder out = new StringBuilder(length);
    int from = 0;
    for (String body : bodies) {
      int placeholder = skeleton.indexOf(PLACEHOLDER, from);
      int lineStart = skeleton.lastIndexOf('\n', placeholder) + 1;
      String indent = skeleton.substring(lineStart, placeholder);
      out.append(skeleton, from, lineStart);
      for (int start = 0, end; start < body.length(); start = end + 1) {
        end = body.indexOf('\n', start);
        if (end < 0) {
          end = body.length();
        }
        if (end > start) {
          out.append(indent).append(body, start, end);
        }
        out.append('\n');
      }
      from = placeholder + PLACEHOLDER.length() + 1; // and the placeholder's newline
    }
    return out.append(skeleton, from, skeleton.length()).toString();
  }

  private void statements(List<Stmt> stmts) {
    for (Stmt stmt : stmts) {
      if (stmt instanceof Stmt.Comment c) {
        line("// " + c.text());
      } else if (stmt instanceof Stmt.If i && i.then().isEmpty() && !i.otherwise().isEmpty()) {
        // if (c) {} else { s } reads better as if (!c) { s }
        statements(
            List.of(
                new Stmt.If(
                    new Expr.Unary(UnaryOp.NOT, i.condition()), i.otherwise(), List.of(),
                    i.origin())));
      } else if (stmt instanceof Stmt.If i) {
        open("if (" + ExprPrinter.print(i.condition()) + ")");
        statements(i.then());
        List<Stmt> otherwise = i.otherwise();
        while (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If elseIf) {
          reopen("else if (" + ExprPrinter.print(elseIf.condition()) + ")");
          statements(elseIf.then());
          otherwise = elseIf.otherwise();
        }
        if (!otherwise.isEmpty()) {
          reopen("else");
          statements(otherwise);
        }
        close("");
      } else if (stmt instanceof Stmt.Loop l) {
        loop(l);
      } else if (stmt instanceof Stmt.Block b) {
        open("");
        statements(b.body());
        close("");
      } else {
        indent();
        simple(stmt, out);
        out.append(";\n");
      }
    }
  }

  private void loop(Stmt.Loop l) {
    String condition = ExprPrinter.print(l.condition());
    switch (l.kind()) {
      case WHILE:
        open("while (" + condition + ")");
        statements(l.body());
        close("");
        break;
      case DO_WHILE:
        open("do");
        statements(l.body());
        close(" while (" + condition + ");");
        break;
      default:
        StringBuilder header = new StringBuilder("for (");
        list(l.init(), header);
        header.append("; ").append(condition.equals("true") ? "" : condition).append("; ");
        list(l.update(), header);
        open(header.append(')').toString());
        statements(l.body());
        close("");
        break;
    }
  }

  private static void list(List<Stmt> stmts, StringBuilder into) {
    for (int i = 0; i < stmts.size(); i++) {
      into.append(i == 0 ? "" : ", ");
      simple(stmts.get(i), into);
    }
  }

  /** Opens a block after {@code header} (a bare block for an empty one): one level deeper. */
  private void open(String header) {
    line(header.isEmpty() ? "{" : header + " {");
    depth++;
  }

  /** Closes the block opened last and opens the next branch of its statement, {@code header}. */
  private void reopen(String header) {
    depth--;
    line("} " + header + " {");
    depth++;
  }

  /** Closes the block opened last, followed on its line by {@code tail} (a do loop's condition). */
  private void close(String tail) {
    depth--;
    line("}" + tail);
  }

  private void line(String text) {
    indent();
    out.append(text).append('\n');
  }

  private void indent() {
    for (int i = 0; i < depth; i++) {
      out.append(GradClassEmitter.INDENT);
    }
  }

  /** Appends a declaration, assignment or return, without its semicolon, to {@code into}. */
  private static void simple(Stmt stmt, StringBuilder into) {
    if (stmt instanceof Stmt.Declare d) {
      into.append(d.type()).append(' ').append(d.name());
      if (d.init() != null) {
        into.append(" = ");
        ExprPrinter.print(d.init(), into);
      }
    } else if (stmt instanceof Stmt.Assign a) {
      ExprPrinter.print(a.target(), into);
      if (a.value() instanceof Expr.Literal l && l.isOne() && l.type().equals(JType.INT)
          && (a.op() == AssignOp.ADD || a.op() == AssignOp.SUBTRACT)) {
        into.append(a.op() == AssignOp.ADD ? "++" : "--");
      } else {
        into.append(' ').append(a.op().symbol()).append(' ');
        ExprPrinter.print(a.value(), into);
      }
    } else if (stmt instanceof Stmt.Return r) {
      into.append("return ");
      ExprPrinter.print(r.value(), into);
    } else if (stmt instanceof Stmt.Eval e) {
      ExprPrinter.print(e.call(), into);
    } else {
      throw new IllegalArgumentException("not a simple statement: " + stmt);
    }
  }
}
