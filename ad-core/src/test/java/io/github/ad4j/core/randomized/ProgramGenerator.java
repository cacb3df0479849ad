package io.github.ad4j.core.randomized;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Writes random valid {@code @Differentiable} methods: every program compiles (also under {@code
 * -Xlint:all -Werror}), terminates, indexes arrays in bounds, calls {@code Math} functions inside
 * their domains, and keeps its doubles bounded, whatever the arguments {@link Program#draw} gives.
 *
 * <p>How each guarantee is kept:
 *
 * <ul>
 *   <li><b>Bounded values.</b> Parameters and array elements are drawn in [-1.5, 1.5]. Every
 *       double variable is kept within [-2, 2]: it is only ever assigned a squashed value ({@code
 *       tanh sin cos atan}, all within ±1.58), a copy of another variable, a convex mix of itself
 *       and a squashed value ({@code v += 0.25 * (S - v)}, {@code v = 0.5 * v + 0.5 * S}), a
 *       product with a sine or tanh, or a quotient by {@code 2 + S} (at least 1). Expressions over
 *       such variables stay within a few tens, and products only combine atoms, so no value grows
 *       with the number of loop iterations.
 *   <li><b>Domains.</b> Logarithms and square roots only see {@code 1 + e * e}; divisions only
 *       {@code 2 + S} or {@code 1 + e * e}; {@code exp} only a sine or {@code -e * e}.
 *   <li><b>Termination.</b> {@code for} loops count up to a bound that is a small non-negative
 *       int ({@code n} in 0..5, a literal 1..4, an array's length, an outer index plus one), or
 *       down from it; {@code while} and {@code do} loops increment a counter first thing in the
 *       body and test {@code k < bound && condition}, so {@code continue} cannot skip it. Loops
 *       nest at most two deep.
 *   <li><b>Indices.</b> An array is indexed by a loop index whose bound is that array's length,
 *       by a non-negative int modulo its length, by 0, or by {@code length - 1}; arrays are never
 *       empty and matrices are rectangular.
 *   <li><b>The supported subset.</b> A matrix is not written inside an enhanced {@code for}
 *       over its rows (the row would alias what is written): ad4j refuses that, with a message.
 *   <li><b>Bug-prone patterns, on purpose.</b> Now and then a variable is assigned a value that
 *       does not depend on the inputs (its adjoint must be reset), and an element is assigned
 *       from another element of the same array under another index (which may be the same
 *       element at run time).
 *   <li><b>Out-parameters.</b> {@link #generateWriter} writes callees for callers that hand them
 *       an array to update: a parameter {@code a}, always among the {@code wrt}, which the
 *       program writes into (element assignments, {@code +=}, {@code *=}, in loops and branches,
 *       at least one sweep over {@code a.length} at its top level) and reads; no matrix.
 *   <li><b>javac.</b> Every local is initialised where it is declared, names are never reused,
 *       and {@code break}, {@code continue} and early {@code return} only appear alone in the body
 *       of an {@code if}, so nothing is unreachable.
 * </ul>
 */
final class ProgramGenerator {

  /** How much of the language a program may use; each level includes the ones before. */
  enum Level {
    STRAIGHT_LINE,
    BRANCHES,
    LOOPS,
    ARRAYS
  }

  /** A parameter. */
  record Param(String type, String name) {}

  /** A generated method. */
  record Program(
      String name,
      long seed,
      Level level,
      String source,
      List<Param> params,
      String[] wrtNames,
      int[] wrtIndex) {

    /** Draws an argument list: doubles in [-1.5, 1.5], n in 0..5, arrays of 1..4 elements. */
    Object[] draw(Random r) {
      Object[] args = new Object[params.size()];
      int rows = 1 + r.nextInt(3);
      int cols = 1 + r.nextInt(3);
      for (int i = 0; i < args.length; i++) {
        switch (params.get(i).type()) {
          case "double":
            args[i] = value(r);
            break;
          case "int":
            args[i] = r.nextInt(6);
            break;
          case "double[]":
            double[] v = new double[1 + r.nextInt(4)];
            for (int k = 0; k < v.length; k++) {
              v[k] = value(r);
            }
            args[i] = v;
            break;
          case "double[][]":
            double[][] m = new double[rows][cols];
            for (double[] row : m) {
              for (int k = 0; k < row.length; k++) {
                row[k] = value(r);
              }
            }
            args[i] = m;
            break;
          default:
            throw new IllegalStateException(params.get(i).type());
        }
      }
      return args;
    }

    private static double value(Random r) {
      return -1.5 + 3 * r.nextDouble();
    }
  }

  private enum Kind {
    DOUBLE,
    INT,
    ARRAY,
    MATRIX
  }

  /**
   * A variable in scope. {@code length} is the Java expression of an array's length (of a
   * matrix's row count), {@code columns} of a matrix's column count; {@code bound} is, for a loop
   * index, the expression it stays below.
   */
  private record Var(
      String name, Kind kind, boolean assignable, String length, String columns, String bound) {}

  private record Loop(String label) {}

  private static final String[] SQUASH = {"Math.tanh", "Math.sin", "Math.cos", "Math.atan"};
  private static final String[] UNIT_SQUASH = {"Math.tanh", "Math.sin", "Math.cos"};
  private static final String[] CONSTANTS = {
    "0.5", "1.5", "(-0.75)", "2.0", "0.25", "(-1.25)", "3"
  };

  private final Random r;
  private final Level level;
  /** Whether the program writes into its array parameter {@code a} ({@link #generateWriter}). */
  private final boolean writer;
  private final StringBuilder out = new StringBuilder();
  private final Deque<List<Var>> scopes = new ArrayDeque<>();
  private final Deque<Loop> loops = new ArrayDeque<>();
  /** Matrices whose rows an enclosing enhanced {@code for} is iterating: not written. */
  private final List<String> iterated = new ArrayList<>();
  private int fresh;
  private int indent;
  private int statements;

  private ProgramGenerator(Random r, Level level, boolean writer) {
    this.r = r;
    this.level = level;
    this.writer = writer;
  }

  /** A program named {@code name}, entirely determined by {@code seed} and {@code level}. */
  static Program generate(String name, long seed, Level level) {
    return new ProgramGenerator(new Random(seed), level, false).program(name, seed);
  }

  /**
   * A program of level {@link Level#ARRAYS} that takes an array {@code a}, differentiates with
   * respect to it, and writes into it, for callers to call with an array of their own to update
   * (an out-parameter); entirely determined by {@code seed}.
   */
  static Program generateWriter(String name, long seed) {
    return new ProgramGenerator(new Random(seed), Level.ARRAYS, true).program(name, seed);
  }

  private boolean at(Level l) {
    return level.compareTo(l) >= 0;
  }

  private Program program(String name, long seed) {
    List<Param> params = new ArrayList<>();
    int doubles = 1 + r.nextInt(3);
    for (int i = 0; i < doubles; i++) {
      params.add(new Param("double", "x" + i));
    }
    if (at(Level.ARRAYS) && (r.nextDouble() < 0.8 || writer)) {
      params.add(r.nextInt(params.size() + 1), new Param("double[]", "a"));
    }
    if (at(Level.ARRAYS) && r.nextDouble() < 0.45 && !writer) {
      params.add(new Param("double[][]", "m"));
    }
    if (at(Level.LOOPS) && r.nextDouble() < 0.7) {
      params.add(r.nextInt(params.size() + 1), new Param("int", "n"));
    }
    List<String> wrt = new ArrayList<>();
    List<Integer> wrtIndex = new ArrayList<>();
    boolean explicit = r.nextDouble() < 0.2;
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      if (!p.type().equals("int")
          && (!explicit || wrt.isEmpty() || r.nextBoolean() || writer && p.name().equals("a"))) {
        wrt.add(p.name());
        wrtIndex.add(i);
      }
    }
    explicit &= wrt.size() < params.stream().filter(p -> !p.type().equals("int")).count();

    scopes.push(new ArrayList<>());
    for (Param p : params) {
      switch (p.type()) {
        case "double":
          declare(new Var(p.name(), Kind.DOUBLE, true, null, null, null));
          break;
        case "int":
          declare(new Var(p.name(), Kind.INT, false, null, null, null));
          break;
        case "double[]":
          declare(new Var(p.name(), Kind.ARRAY, true, p.name() + ".length", null, null));
          break;
        default:
          declare(new Var(p.name(), Kind.MATRIX, true, p.name() + ".length",
              p.name() + "[0].length", null));
          break;
      }
    }
    indent = 2;
    int count = 3 + r.nextInt(5);
    if (writer) {
      int sweepAt = r.nextInt(count + 1);
      block(sweepAt, 0);
      sweep();
      block(count - sweepAt, 0);
    } else {
      block(count, 0);
    }
    line("return " + finalExpression() + ";");
    scopes.pop();

    StringBuilder source = new StringBuilder();
    source.append("  // program ").append(name).append(", level ").append(level)
        .append(", seed ").append(seed).append('\n');
    if (explicit) {
      source.append("  @Differentiable(wrt = {");
      for (int i = 0; i < wrt.size(); i++) {
        source.append(i == 0 ? "" : ", ").append('"').append(wrt.get(i)).append('"');
      }
      source.append("})\n");
    } else {
      source.append("  @Differentiable\n");
    }
    source.append("  static double ").append(name).append('(');
    for (int i = 0; i < params.size(); i++) {
      source.append(i == 0 ? "" : ", ").append(params.get(i).type()).append(' ')
          .append(params.get(i).name());
    }
    source.append(") {\n").append(out).append("  }\n");
    return new Program(
        name,
        seed,
        level,
        source.toString(),
        List.copyOf(params),
        wrt.toArray(new String[0]),
        wrtIndex.stream().mapToInt(Integer::intValue).toArray());
  }

  // ---- scopes ----

  private void declare(Var v) {
    scopes.peek().add(v);
  }

  private List<Var> visible(Kind kind, boolean assignable) {
    List<Var> vars = new ArrayList<>();
    for (List<Var> scope : scopes) {
      for (Var v : scope) {
        if (v.kind() == kind && (!assignable || v.assignable() && !iterated.contains(v.name()))) {
          vars.add(v);
        }
      }
    }
    return vars;
  }

  private <T> T pick(List<T> options) {
    return options.get(r.nextInt(options.size()));
  }

  private String pick(String[] options) {
    return options[r.nextInt(options.length)];
  }

  private String name(String prefix) {
    return prefix + fresh++;
  }

  private void line(String text) {
    out.append(" ".repeat(indent * 2)).append(text).append('\n');
    statements++;
  }

  // ---- statements ----

  private void block(int count, int depth) {
    for (int i = 0; i < count; i++) {
      statement(depth);
    }
  }

  private void nested(String header, int count, int depth, String footer) {
    line(header + " {");
    indent++;
    scopes.push(new ArrayList<>());
    block(count, depth + 1);
    scopes.pop();
    indent--;
    line(footer);
  }

  private void statement(int depth) {
    boolean arrays = at(Level.ARRAYS);
    double declare = 3;
    double assign = visible(Kind.DOUBLE, true).isEmpty() ? 0 : 4;
    double branch = at(Level.BRANCHES) && depth < 3 && statements < 40 ? 2 : 0;
    double loop = at(Level.LOOPS) && loops.size() < 2 && depth < 3 && statements < 40 ? 2 : 0;
    double jump = loops.isEmpty() ? 0 : 1.2;
    double earlyReturn = at(Level.BRANCHES) ? 0.4 : 0;
    double element = arrays && (!visible(Kind.ARRAY, true).isEmpty()
        || !visible(Kind.MATRIX, true).isEmpty()) ? (writer ? 5 : 3) : 0;
    double newArray = arrays && depth < 2 ? 1.0 : 0;
    double total = declare + assign + branch + loop + jump + earlyReturn + element + newArray;
    double u = r.nextDouble() * total;
    if ((u -= declare) < 0) {
      String v = name("t");
      line("double " + v + " = " + (r.nextDouble() < 0.2 && !visible(Kind.DOUBLE, false).isEmpty()
          ? pick(visible(Kind.DOUBLE, false)).name()
          : squashed(2)) + ";");
      declare(new Var(v, Kind.DOUBLE, true, null, null, null));
    } else if ((u -= assign) < 0) {
      assign(pick(visible(Kind.DOUBLE, true)).name());
    } else if ((u -= branch) < 0) {
      branch(depth);
    } else if ((u -= loop) < 0) {
      loop(depth);
    } else if ((u -= jump) < 0) {
      jump(depth);
    } else if ((u -= earlyReturn) < 0) {
      line("if (" + condition() + ") {");
      indent++;
      line("return " + expression(2) + ";");
      indent--;
      line("}");
    } else if ((u -= element) < 0) {
      String[] places = elementPlaces();
      if (r.nextDouble() < 0.4) {
        // the value reads another element of the same array, which may be the same element
        if (r.nextBoolean()) {
          line(places[0] + " = 0.5 * " + places[1] + " + 0.5 * " + squashed(2) + ";");
        } else {
          line(places[0] + " = " + pick(SQUASH) + "(" + places[1] + " * " + factor(1) + " + "
              + places[0] + ");");
        }
      } else {
        assign(places[0]);
      }
    } else {
      newArray();
    }
  }

  /** One of the assignment forms that keep |v| within 2. */
  private void assign(String v) {
    if (r.nextDouble() < 0.08) {
      // a value that does not depend on the inputs: the adjoint of v must be reset
      line(v + " = " + inactive() + ";");
      return;
    }
    switch (r.nextInt(8)) {
      case 0:
      case 1:
        line(v + " = " + squashed(2) + ";");
        break;
      case 2:
        line(v + " = 0.5 * " + v + " + 0.5 * " + squashed(2) + ";");
        break;
      case 3:
        line(v + " += 0.25 * (" + squashed(2) + " - " + v + ");");
        break;
      case 4:
        line(v + " -= 0.25 * (" + v + " + " + squashed(2) + ");");
        break;
      case 5:
        line(v + " *= " + pick(UNIT_SQUASH) + "(" + expression(2) + ");");
        break;
      case 6:
        line(v + " /= 2 + " + pick(UNIT_SQUASH) + "(" + expression(2) + ");");
        break;
      default:
        List<Var> others = visible(Kind.DOUBLE, false);
        if (at(Level.BRANCHES) || r.nextBoolean()) {
          line(v + " = " + condition() + " ? " + squashed(1) + " : " + pick(others).name() + ";");
        } else {
          line(v + " = " + pick(others).name() + ";");
        }
        break;
    }
  }

  private void branch(int depth) {
    line("if (" + condition() + ") {");
    body(1 + r.nextInt(3), depth);
    int shape = r.nextInt(4);
    if (shape == 1) {
      line("} else if (" + condition() + ") {");
      body(1 + r.nextInt(2), depth);
    }
    if (shape >= 1) {
      line("} else {");
      body(1 + r.nextInt(3), depth);
    }
    line("}");
  }

  private void body(int count, int depth) {
    indent++;
    scopes.push(new ArrayList<>());
    block(count, depth + 1);
    scopes.pop();
    indent--;
  }

  private void loop(int depth) {
    String label = null;
    if (loops.isEmpty() && r.nextDouble() < 0.35) {
      label = name("outer");
    }
    int count = 1 + r.nextInt(3);
    int kind = r.nextInt(at(Level.ARRAYS) ? 6 : 4);
    scopes.push(new ArrayList<>());
    loops.push(new Loop(label));
    String prefix = label == null ? "" : label + ":\n" + " ".repeat(indent * 2);
    switch (kind) {
      case 0:
      case 1:
        {
          String i = name("i");
          String bound = loopBound();
          boolean down = kind == 1 && r.nextBoolean();
          String header =
              down
                  ? "for (int " + i + " = " + bound + " - 1; " + i + " >= 0; " + i + "--)"
                  : "for (int " + i + " = 0; " + i + " < " + bound + "; " + i + "++)";
          declare(new Var(i, Kind.INT, false, null, null, bound));
          nestedLoop(prefix + header, count, depth, "}");
          break;
        }
      case 2:
        {
          String k = name("k");
          line("int " + k + " = 0;");
          declare(new Var(k, Kind.INT, false, null, null, null));
          String guard = k + " < " + loopBound() + " && (" + condition() + ")";
          line(prefix + "while (" + guard + ") {");
          indent++;
          line(k + "++;");
          indent--;
          nestedBody(count, depth);
          line("}");
          break;
        }
      case 3:
        {
          String k = name("k");
          line("int " + k + " = 0;");
          declare(new Var(k, Kind.INT, false, null, null, null));
          line(prefix + "do {");
          indent++;
          line(k + "++;");
          indent--;
          nestedBody(count, depth);
          line("} while (" + k + " < " + loopBound() + " && (" + condition() + "));");
          break;
        }
      default:
        {
          List<Var> arrays = new ArrayList<>(visible(Kind.ARRAY, false));
          List<Var> matrices = visible(Kind.MATRIX, false);
          if (!matrices.isEmpty() && (arrays.isEmpty() || r.nextDouble() < 0.3)) {
            Var matrix = pick(matrices);
            String row = name("row");
            declare(new Var(row, Kind.ARRAY, false, matrix.columns(), null, null));
            iterated.add(matrix.name());
            nestedLoop(prefix + "for (double[] " + row + " : " + matrix.name() + ")", count, depth,
                "}");
            iterated.remove(matrix.name());
          } else if (!arrays.isEmpty()) {
            String e = name("e");
            declare(new Var(e, Kind.DOUBLE, false, null, null, null));
            nestedLoop(prefix + "for (double " + e + " : " + pick(arrays).name() + ")", count,
                depth, "}");
          } else {
            String i = name("i");
            declare(new Var(i, Kind.INT, false, null, null, "3"));
            nestedLoop(prefix + "for (int " + i + " = 0; " + i + " < 3; " + i + "++)", count,
                depth, "}");
          }
          break;
        }
    }
    loops.pop();
    scopes.pop();
  }

  private void nestedLoop(String header, int count, int depth, String footer) {
    line(header + " {");
    nestedBody(count, depth);
    line(footer);
  }

  private void nestedBody(int count, int depth) {
    indent++;
    scopes.push(new ArrayList<>());
    block(count, depth + 1);
    scopes.pop();
    indent--;
  }

  /** A small non-negative int bound. */
  private String loopBound() {
    List<String> bounds = new ArrayList<>();
    bounds.add(Integer.toString(1 + r.nextInt(4)));
    for (Var v : visible(Kind.INT, false)) {
      if (v.name().equals("n")) {
        bounds.add("n");
        bounds.add("n");
      } else if (v.bound() != null) {
        bounds.add(v.name() + " + 1");
      }
    }
    for (Var v : visible(Kind.ARRAY, false)) {
      bounds.add(v.length());
    }
    for (Var v : visible(Kind.MATRIX, false)) {
      bounds.add(v.length());
      bounds.add(v.columns());
    }
    return pick(bounds);
  }

  /**
   * {@code for (int i = 0; i < a.length; i++) { ... a[i] ... }}: writes the elements of the
   * parameter {@code a}, by one of the assignment forms or from another element, now and then
   * under a condition (which, like a {@code break} or {@code continue} in the body, may skip
   * some); for {@link #generateWriter}.
   */
  private void sweep() {
    String i = name("i");
    scopes.push(new ArrayList<>());
    loops.push(new Loop(null));
    declare(new Var(i, Kind.INT, false, null, null, "a.length"));
    line("for (int " + i + " = 0; " + i + " < a.length; " + i + "++) {");
    indent++;
    scopes.push(new ArrayList<>());
    boolean guarded = r.nextDouble() < 0.35;
    if (guarded) {
      line("if (" + condition() + ") {");
      indent++;
    }
    String place = "a[" + i + "]";
    if (r.nextDouble() < 0.3) {
      line(place + " = 0.5 * " + place + " + 0.5 * " + pick(SQUASH) + "(a[(" + i + " + 1) % a.length] * "
          + factor(1) + ");");
    } else {
      assign(place);
    }
    if (guarded) {
      indent--;
      if (r.nextBoolean()) {
        line("} else {");
        indent++;
        assign(place);
        indent--;
      }
      line("}");
    }
    if (r.nextBoolean()) {
      statement(1);
    }
    scopes.pop();
    indent--;
    line("}");
    loops.pop();
    scopes.pop();
  }

  private void jump(int depth) {
    List<String> targets = new ArrayList<>();
    targets.add("");
    for (Loop l : loops) {
      if (l.label() != null && loops.size() > 1) {
        targets.add(" " + l.label());
      }
    }
    String target = pick(targets);
    line("if (" + condition() + ") {");
    indent++;
    line((r.nextBoolean() ? "break" : "continue") + target + ";");
    indent--;
    line("}");
  }

  private void newArray() {
    if (r.nextDouble() < 0.7) {
      String t = name("v");
      List<String> lengths = new ArrayList<>(List.of("3", "2"));
      if (visible(Kind.INT, false).stream().anyMatch(v -> v.name().equals("n"))) {
        lengths.add("n + 1");
      }
      for (Var a : visible(Kind.ARRAY, false)) {
        lengths.add(a.length());
      }
      String length = pick(lengths);
      line("double[] " + t + " = new double[" + length + "];");
      declare(new Var(t, Kind.ARRAY, true, length, null, null));
    } else {
      String g = name("g");
      List<String> lengths = new ArrayList<>(List.of("3", "2"));
      if (visible(Kind.INT, false).stream().anyMatch(v -> v.name().equals("n"))) {
        lengths.add("n + 1");
      }
      String rows = pick(lengths);
      String cols = pick(lengths);
      line("double[][] " + g + " = new double[" + rows + "][" + cols + "];");
      declare(new Var(g, Kind.MATRIX, true, rows, cols, null));
    }
  }

  // ---- places and indices ----

  /** An element of a visible array or matrix: {@code a[i]}, {@code m[i][j]}. */
  private String elementPlace(boolean assignable) {
    return elementPlaces(assignable)[0];
  }

  /** Two elements, independently indexed, of one assignable array or matrix. */
  private String[] elementPlaces() {
    return elementPlaces(true);
  }

  private String[] elementPlaces(boolean assignable) {
    List<Var> arrays = visible(Kind.ARRAY, assignable);
    List<Var> matrices = visible(Kind.MATRIX, assignable);
    String[] places = new String[2];
    if (!matrices.isEmpty() && (arrays.isEmpty() || r.nextDouble() < 0.35)) {
      Var m = pick(matrices);
      for (int k = 0; k < 2; k++) {
        places[k] = m.name() + "[" + index(m.name() + ".length", m.length()) + "]["
            + index(m.name() + "[0].length", m.columns()) + "]";
      }
      return places;
    }
    Var a = pick(arrays);
    if (writer && assignable && r.nextDouble() < 0.5) {
      a = arrays.stream().filter(v -> v.name().equals("a")).findFirst().orElse(a);
    }
    for (int k = 0; k < 2; k++) {
      places[k] = a.name() + "[" + index(a.name() + ".length", a.length()) + "]";
    }
    return places;
  }

  /**
   * An index below {@code lengthExpr} (how Java reads this array's length) whose length was
   * declared as {@code declared}: a loop index bounded by the same expression, or a non-negative
   * int modulo the length, or 0, or the last index.
   */
  private String index(String lengthExpr, String declared) {
    List<String> options = new ArrayList<>();
    for (Var v : visible(Kind.INT, false)) {
      if (v.bound() != null && (v.bound().equals(declared) || v.bound().equals(lengthExpr))) {
        options.add(v.name());
        options.add(v.name());
        options.add(v.name());
      }
    }
    options.add("0");
    options.add(lengthExpr + " - 1");
    options.add("(" + nonNegativeInt() + ") % " + lengthExpr);
    options.add("(" + nonNegativeInt() + ") % " + lengthExpr);
    return pick(options);
  }

  private String nonNegativeInt() {
    List<String> options = new ArrayList<>();
    options.add(Integer.toString(r.nextInt(5)));
    for (Var v : visible(Kind.INT, false)) {
      options.add(v.name());
      options.add(v.name() + " + 1");
      options.add("2 * " + v.name() + " + " + r.nextInt(3));
    }
    return pick(options);
  }

  // ---- expressions ----

  /** A value that does not depend on the inputs, within ±2: a constant or a function of ints. */
  private String inactive() {
    List<Var> ints = visible(Kind.INT, false);
    if (ints.isEmpty() || r.nextBoolean()) {
      return r.nextBoolean() ? pick(CONSTANTS) : pick(SQUASH) + "(" + pick(CONSTANTS) + ")";
    }
    return pick(SQUASH) + "(0.25 * " + pick(ints).name() + ")";
  }

  /** A squashed expression: within ±1.58. */
  private String squashed(int depth) {
    return pick(SQUASH) + "(" + expression(depth) + ")";
  }

  /** An atom: a variable, an element, a constant, a scaled int. Within ±3. */
  private String atom() {
    List<Var> doubles = visible(Kind.DOUBLE, false);
    boolean hasElements = at(Level.ARRAYS) && (!visible(Kind.ARRAY, false).isEmpty()
        || !visible(Kind.MATRIX, false).isEmpty());
    List<Var> ints = visible(Kind.INT, false);
    double u = r.nextDouble();
    if (hasElements && u < 0.3) {
      return elementPlace(false);
    }
    if (u < 0.85 && !doubles.isEmpty()) {
      return pick(doubles).name();
    }
    if (u < 0.93 && !ints.isEmpty()) {
      return "0.25 * " + pick(ints).name();
    }
    return pick(CONSTANTS);
  }

  /** An atom or a bounded function of an expression: what products may combine. */
  private String factor(int depth) {
    if (depth > 0 && r.nextDouble() < 0.35) {
      return squashed(depth - 1);
    }
    return atom();
  }

  private String expression(int depth) {
    if (depth <= 0) {
      return atom();
    }
    int choice = r.nextInt(20);
    switch (choice) {
      case 0:
      case 1:
      case 2:
        return atom();
      case 3:
      case 4:
        return expression(depth - 1) + " + " + expression(depth - 1);
      case 5:
        return expression(depth - 1) + " - " + factor(depth - 1);
      case 6:
      case 7:
        return factor(depth - 1) + " * " + factor(depth - 1);
      case 8:
        return "-" + factor(depth - 1);
      case 9:
        return squashed(depth - 1);
      case 10:
        return "Math.exp(Math.sin(" + expression(depth - 1) + "))";
      case 11:
        {
          String f = factor(depth - 1);
          return "Math.log(1 + " + f + " * " + f + ")";
        }
      case 12:
        {
          String f = factor(depth - 1);
          return r.nextBoolean()
              ? "Math.sqrt(1 + " + f + " * " + f + ")"
              : "Math.hypot(" + f + ", 0.5)";
        }
      case 13:
        return "(" + expression(depth - 1) + ") / (2 + " + pick(UNIT_SQUASH) + "("
            + expression(depth - 1) + "))";
      case 14:
        {
          String f = factor(depth - 1);
          return "Math.exp(-" + f + " * " + f + ")";
        }
      case 15:
        return "(" + condition() + " ? " + expression(depth - 1) + " : "
            + expression(depth - 1) + ")";
      case 16:
        return "Math.atan2(" + factor(depth - 1) + ", 2 + " + pick(UNIT_SQUASH) + "("
            + factor(depth - 1) + "))";
      case 17:
        return "Math.abs(" + expression(depth - 1) + ")";
      case 18:
        return "Math." + (r.nextBoolean() ? "max" : "min") + "(" + expression(depth - 1) + ", "
            + expression(depth - 1) + ")";
      default:
        return "(" + expression(depth - 1) + ")";
    }
  }

  private String condition() {
    double u = r.nextDouble();
    List<Var> ints = visible(Kind.INT, false);
    if (u < 0.15 && !ints.isEmpty()) {
      Var i = pick(ints);
      return r.nextBoolean() ? i.name() + " % 2 == 0" : i.name() + " > " + r.nextInt(3);
    }
    String c;
    if (u < 0.55) {
      c = expression(1) + " < " + expression(1);
    } else if (u < 0.9) {
      c = atom() + (r.nextBoolean() ? " > " : " < ") + pick(new String[] {"0", "0.5", "-0.5", "1"});
    } else {
      c = "!(" + expression(1) + " > " + atom() + ")";
    }
    if (r.nextDouble() < 0.15) {
      c = c + (r.nextBoolean() ? " && " : " || ") + atom() + " > " + "0";
    }
    return c;
  }

  private String finalExpression() {
    StringBuilder e = new StringBuilder(expression(2));
    List<Var> doubles = visible(Kind.DOUBLE, false);
    for (int i = 0; i < 2 && !doubles.isEmpty(); i++) {
      e.append(i == 0 ? " + 0.5 * " : " - 0.25 * ").append(pick(doubles).name());
    }
    if (at(Level.ARRAYS) && (!visible(Kind.ARRAY, false).isEmpty()
        || !visible(Kind.MATRIX, false).isEmpty())) {
      e.append(" + 0.5 * ").append(elementPlace(false));
    }
    return e.toString();
  }
}
