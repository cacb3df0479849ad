package io.github.ad4j.core.emit;

import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.StmtRewriter;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code java.lang.Math} for {@code Math} (and likewise {@code StrictMath}) where the
 * generated class's package has a class of that name, which would otherwise shadow it. The IR
 * names the library classes by their simple names, and the user's classes of those names by
 * their qualified names, so the two never mix.
 */
public final class JavaLangQualifier {

  private JavaLangQualifier() {}

  /** {@code body} with each library class in {@code shadowed} written fully qualified. */
  public static List<Stmt> qualify(List<Stmt> body, Set<String> shadowed) {
    if (shadowed.isEmpty()) {
      return body;
    }
    return StmtRewriter.rewrite(body, e -> ExprRewriter.transform(e, x -> qualify(x, shadowed)));
  }

  private static Expr qualify(Expr expr, Set<String> shadowed) {
    if (expr instanceof Expr.Call c && shadowed.contains(c.owner())) {
      return new Expr.Call("java.lang." + c.owner(), c.name(), c.args(), c.type());
    }
    if (expr instanceof Expr.FieldRef f && shadowed.contains(f.owner())) {
      return new Expr.FieldRef("java.lang." + f.owner(), f.name(), f.type());
    }
    return expr;
  }
}
