package io.github.ad4j.core.emit;

import io.github.ad4j.core.ir.Expr;
import io.github.ad4j.core.ir.JType;
import io.github.ad4j.core.ir.Statements;
import io.github.ad4j.core.ir.Stmt;
import io.github.ad4j.core.ir.Tapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a generated method tapes, read off its final code: each tape, its element type, and the
 * loops around each statement that pushes on it, so the memory it takes can be written as a
 * formula of the loops' trip counts. For the generated Javadoc and the generation report.
 *
 * @param tapes the tapes, in the order their first push appears
 */
public record TapeReport(List<Tape> tapes) {

  /** The helpers that copy an array onto a tape ({@code Arrays.copyOf}, the generated deep copy). */
  private static final Set<String> COPIES = Set.of("copyOf", "deepCopy");

  public TapeReport {
    tapes = List.copyOf(tapes);
  }

  /**
   * One tape.
   *
   * @param name the tape's array variable
   * @param element the type of what it holds
   * @param sites for each statement that pushes on it, the source lines of the loops around it,
   *     outermost first (empty: pushed at most once per call)
   * @param copies whether it holds copies made for it (of the arrays a call writes into), whose
   *     elements take memory of their own, rather than references to the method's own arrays
   */
  public record Tape(String name, JType element, List<List<Integer>> sites, boolean copies) {
    public Tape {
      sites = sites.stream().map(List::copyOf).toList();
    }

    /**
     * Bytes per value on the tape itself: 8 for a double or long, 4 for a float or int, a
     * compressed reference for an array. The arrays referred to are the method's own, except for
     * {@link #copies}, whose elements take memory besides (which {@link #describe} says).
     */
    public int bytes() {
      if (element.dimensions() > 0) {
        return 4;
      }
      switch (element.primitive()) {
        case DOUBLE:
        case LONG:
          return 8;
        case BOOLEAN:
        case BYTE:
          return 1;
        case SHORT:
        case CHAR:
          return 2;
        default:
          return 4;
      }
    }

    /** The memory it takes as a formula of the trip counts: {@code 8·n12 + 8·n12·n14}. */
    String estimate() {
      List<String> terms = new ArrayList<>();
      for (List<Integer> loops : sites) {
        StringBuilder term = new StringBuilder().append(bytes());
        for (int line : loops) {
          term.append("·n").append(line);
        }
        terms.add(term.toString());
      }
      return String.join(" + ", terms);
    }
  }

  /** The tapes of {@code body}, a generated method's final code, whose variables are typed. */
  public static TapeReport of(List<Stmt> body, Map<String, JType> variables) {
    Map<String, List<List<Integer>>> sites = new LinkedHashMap<>();
    Set<String> copying = new HashSet<>();
    collect(body, new ArrayList<>(), sites, copying);
    List<Tape> tapes = new ArrayList<>();
    sites.forEach(
        (name, at) -> {
          JType array = variables.get(name);
          tapes.add(
              new Tape(name, new JType(array.primitive(), array.dimensions() - 1), at,
                  copying.contains(name)));
        });
    return new TapeReport(tapes);
  }

  private static void collect(
      List<Stmt> block,
      List<Integer> loops,
      Map<String, List<List<Integer>>> sites,
      Set<String> copying) {
    for (Stmt s : block) {
      String tape = Tapes.pushedTape(s);
      if (tape != null) {
        sites.computeIfAbsent(tape, k -> new ArrayList<>()).add(List.copyOf(loops));
        Expr pushed = Tapes.pushedValue(s);
        if (pushed instanceof Expr.Call copy && COPIES.contains(copy.name())) {
          copying.add(tape);
        }
      }
      boolean loop = s instanceof Stmt.Loop;
      if (loop) {
        Stmt.Loop l = (Stmt.Loop) s;
        loops.add(l.origin() == null ? 0 : l.origin().line());
      }
      for (List<Stmt> inner : Statements.blocks(s)) {
        collect(inner, loops, sites, copying);
      }
      if (loop) {
        loops.remove(loops.size() - 1);
      }
    }
  }

  /** Whether nothing is taped. */
  public boolean isEmpty() {
    return tapes.isEmpty();
  }

  /**
   * What is taped, where, and its memory as a formula of the trip counts ({@code nL}: the trips of
   * the loop at line L), with names between {@code code} and {@code codeEnd}.
   */
  public String describe(String code, String codeEnd) {
    if (tapes.isEmpty()) {
      return "Nothing is taped.";
    }
    return "Taped for the backward sweep: "
        + tapes.stream()
            .map(t -> code + t.name() + codeEnd + " (" + t.element()
                + (t.copies() ? " copies of an array a call writes into" : "") + ", " + t.bytes()
                + " bytes a value" + (t.copies() ? " plus the copy's elements" : "")
                + ", pushed " + where(t) + ")")
            .collect(Collectors.joining("; "))
        + ". Tape memory about "
        + tapes.stream().map(Tape::estimate).collect(Collectors.joining(" + "))
        + " bytes" + (tapes.stream().anyMatch(Tape::copies) ? " plus the copies" : "") + (tapes.stream().allMatch(t -> t.sites().stream().allMatch(List::isEmpty))
            ? "." : ", nL being the number of trips of the loop at line L.");
  }

  private static String where(Tape t) {
    List<String> places = new ArrayList<>();
    for (List<Integer> loops : t.sites()) {
      if (loops.isEmpty()) {
        places.add("at most once");
      } else if (loops.size() == 1) {
        places.add("once a trip of the loop at line " + loops.get(0));
      } else {
        places.add("once a trip of the loops at lines "
            + loops.stream().map(String::valueOf).collect(Collectors.joining(", ")));
      }
    }
    return String.join(" and ", places);
  }
}
