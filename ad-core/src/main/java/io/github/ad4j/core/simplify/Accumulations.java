package io.github.ad4j.core.simplify;

import io.github.ad4j.core.ir.AssignOp;
import io.github.ad4j.core.ir.BinaryOp;
import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.ExprRewriter;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Storage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges two additions into one adjoint element of a straight-line block into the first: {@code
 * dx[i] += -du; dx[i + 1] += dt; dx[i] += -2 * dt * x[i];} becomes {@code dx[i] += -du - 2 * dt *
 * x[i]; dx[i + 1] += dt;}, as a person writes it.
 *
 * <p>Why: the JIT cannot know that the adjoint array and the arrays the method reads are distinct
 * objects, so after each store into {@code dx} it loads {@code dx[i]} and {@code x[i]} again; one
 * store per element instead of two is the difference between the generated loop of a sum such as
 * Rosenbrock's and a hand-written one. The second value moves up only where nothing between the
 * two reads or writes what it reads or the element, and where it is only arithmetic. Like {@link
 * LoopFusion}, it assumes the caller's accumulators are not the method's own input arrays.
 */
final class Accumulations {

  private final ExprSimplifier simplifier;

  private Accumulations(ExprSimplifier simplifier) {
    this.simplifier = simplifier;
  }

  /** {@code block} and the blocks inside it, with additions into one element merged. */
  static List<Stmt> merge(List<Stmt> block, ExprSimplifier simplifier) {
    return new Accumulations(simplifier).block(block);
  }

  private List<Stmt> block(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      out.add(inside(s));
    }
    for (int k = 0; k < out.size(); k++) {
      if (!(out.get(k) instanceof Stmt.Assign later) || !isAccumulation(later)) {
        continue;
      }
      Set<String> read = new HashSet<>();
      ExprRewriter.variables(later.value(), read);
      ExprRewriter.variables(later.target(), read);
      String array = Storage.root(later.target());
      for (int j = k - 1; j >= 0; j--) {
        if (out.get(j) instanceof Stmt.Assign earlier
            && isAccumulation(earlier)
            && earlier.target().equals(later.target())) {
          Expr sum = new Expr.Binary(BinaryOp.ADD, earlier.value(), later.value());
          out.set(j, new Stmt.Assign(earlier.target(), AssignOp.ADD, simplifier.simplify(sum), null));
          out.remove(k);
          k--;
          break;
        }
        if (!canPass(out.get(j), later, read, array)) {
          break;
        }
      }
    }
    return out;
  }

  private Stmt inside(Stmt s) {
    return Statements.mapBlocks(s, this::block);
  }

  /**
   * {@code a[e] += v} of the generated code (the user's own statements stay as written), with
   * {@code v} arithmetic alone. Generated code adds only into adjoint arrays, of doubles, so
   * merging two sums changes only their rounding.
   */
  private static boolean isAccumulation(Stmt.Assign a) {
    return a.origin() == null
        && a.op() == AssignOp.ADD
        && a.target() instanceof Expr.ArrayAccess access
        && !(access.array() instanceof Expr.ArrayAccess)
        && isArithmetic(a.value())
        && isArithmetic(access.index());
  }

  /**
   * Whether {@code later} may move up past {@code s}: {@code s} is a comment, a declaration or
   * an assignment of arithmetic alone that neither writes what {@code later} reads nor writes or
   * reads {@code later}'s element.
   *
   * @param read the variables {@code later} reads, its array included
   * @param array {@code later}'s array
   */
  private static boolean canPass(Stmt s, Stmt.Assign later, Set<String> read, String array) {
    if (s instanceof Stmt.Comment) {
      return true;
    }
    if (s instanceof Stmt.Declare d) {
      return d.init() != null
          && isArithmetic(d.init())
          && !read.contains(d.name())
          && !mentions(d.init(), array);
    }
    if (!(s instanceof Stmt.Assign a) || !isArithmetic(a.value()) || !isArithmetic(a.target())) {
      return false;
    }
    if (a.target() instanceof Expr.Var v && read.contains(v.name())) {
      return false;
    }
    if (mentions(a.value(), array)) {
      return false;
    }
    if (a.target() instanceof Expr.ArrayAccess target) {
      String root = Storage.root(target);
      if (root.equals(array)) {
        // the same array: only another element, told apart by its index
        return target.array().equals(((Expr.ArrayAccess) later.target()).array())
            && distinct(target.index(), ((Expr.ArrayAccess) later.target()).index());
      }
      return !read.contains(root);
    }
    return true; // a variable later does not read
  }

  /** Whether two indices differ whatever the variables hold: {@code i + 1} and {@code i}. */
  private static boolean distinct(Expr a, Expr b) {
    Offset x = Offset.of(a);
    Offset y = Offset.of(b);
    return x != null && y != null && x.base().equals(y.base()) && x.constant() != y.constant();
  }

  /** An index as {@code base + constant}; base null for a constant. */
  private record Offset(Expr base, long constant) {
    static Offset of(Expr e) {
      if (e instanceof Expr.Literal l && l.type().equals(JType.INT)) {
        return new Offset(Expr.Literal.ofInt(0), l.integral());
      }
      if (e instanceof Expr.Var) {
        return new Offset(e, 0);
      }
      if (e instanceof Expr.Binary b
          && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)
          && b.left() instanceof Expr.Var
          && b.right() instanceof Expr.Literal l
          && l.type().equals(JType.INT)) {
        return new Offset(b.left(), b.op() == BinaryOp.ADD ? l.integral() : -l.integral());
      }
      return null;
    }
  }

  private static boolean mentions(Expr e, String array) {
    Set<String> names = new HashSet<>();
    ExprRewriter.variables(e, names);
    return names.contains(array);
  }

  /** Arithmetic on variables and elements, and functions of {@code Math}: nothing it changes. */
  private static boolean isArithmetic(Expr e) {
    if (e instanceof Expr.Step || e instanceof Expr.NewArray || e instanceof Expr.NewRecord) {
      return false;
    }
    if (e instanceof Expr.Call c && !Expr.Call.LIBRARY_OWNERS.contains(c.owner())) {
      return false;
    }
    return ExprRewriter.allChildren(e, Accumulations::isArithmetic);
  }
}
