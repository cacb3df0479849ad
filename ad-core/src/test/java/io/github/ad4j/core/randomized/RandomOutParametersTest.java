package io.github.ad4j.core.randomized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ad4j.core.testing.MethodBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random callers that hand random callees an array to update (out-parameters), checked like any
 * random program against finite differences in every form, pushforward included.
 *
 * <p>Each caller builds an array {@code w} from its inputs ({@code w[0] = x0; w[1] =
 * Math.sin(x1); ...}), or takes it as a parameter of its own (now and then one it does not
 * differentiate for, which varies only once a call wrote it), and passes it to random callees
 * that write into it, in loops and branches: two from {@link ProgramGenerator#generateWriter}
 * and a {@link #relay} that passes its array on to both. The calls are statements ({@code
 * wa0_1(w, x0, n % 4);}) or a statement's whole value ({@code double t3 = ...;}, {@code t3 =
 * ...;}, {@code return ...;}, and {@code w[1] = ...;}, into the array the call writes), in
 * sequence on the same array, inside loops and branches of the caller (whose conditions and trip
 * counts may read {@code w}), on rows of a matrix built from {@code w}, on an array declared anew
 * in each iteration of a loop, with arguments that read {@code w} itself. Between them the caller
 * writes, overwrites and reads elements of {@code w}, and its value reads {@code w} at the end
 * (every element of a local {@code w}; the first and last of a parameter). So the adjoint of the array must flow back through each callee's in/out
 * pullback, and its tangent through the in/out pushforward.
 *
 * <p>{@value #BATCH} callers and their callees are compiled to a class. Run more by hand with
 * {@code -Dad4j.random.outparams=N -Dad4j.random.seed=S}.
 */
class RandomOutParametersTest {

  static final int COUNT = Integer.getInteger("ad4j.random.outparams", 40);
  static final long SEED = Long.getLong("ad4j.random.seed", 20240601L);
  static final int BATCH = 10;
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TestFactory
  Stream<DynamicTest> callersOfMethodsThatWriteIntoTheirArraysMatchFiniteDifferences() {
    List<DynamicTest> tests = new ArrayList<>();
    AtomicInteger checked = new AtomicInteger();
    Random random = new Random(SEED ^ 0x0D7L);
    for (int b = 0; b * BATCH < COUNT; b++) {
      List<MethodBatch.Member> members = new ArrayList<>();
      List<ProgramGenerator.Program> callers = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      for (int k = 0; k < BATCH && b * BATCH + k < COUNT; k++) {
        String id = b + "_" + k;
        ProgramGenerator.Program first = ProgramGenerator.generateWriter("wa" + id, random.nextLong());
        ProgramGenerator.Program second =
            ProgramGenerator.generateWriter("wb" + id, random.nextLong());
        ProgramGenerator.Program relay = relay("relay" + id, random.nextLong(), first, second);
        ProgramGenerator.Program caller =
            caller("caller" + id, random.nextLong(), List.of(first, second, relay));
        for (ProgramGenerator.Program p : List.of(first, second, relay, caller)) {
          members.add(new MethodBatch.Member(p.name(), p.source()));
        }
        callers.add(caller);
        sources.add(first.source() + second.source() + relay.source());
      }
      MethodBatch batch = MethodBatch.of("OutParams" + b, members);
      for (int k = 0; k < callers.size(); k++) {
        ProgramGenerator.Program caller = callers.get(k);
        String callees = sources.get(k);
        tests.add(
            DynamicTest.dynamicTest(
                caller.name() + " (seed " + caller.seed() + ")",
                () ->
                    assertTimeoutPreemptively(
                        TIMEOUT,
                        () -> {
                          try {
                            if (RandomProgramTest.check(batch, caller)) {
                              checked.incrementAndGet();
                            }
                          } catch (AssertionError e) {
                            throw new AssertionError(
                                e.getMessage() + "\n--- its callees\n" + callees, e);
                          }
                        },
                        () -> "timed out\n" + caller.source() + callees)));
      }
    }
    tests.add(
        DynamicTest.dynamicTest(
            "most callers had a point safe for finite differences",
            () -> {
              System.out.printf("out-parameter callers (seed %d): %d run, %d checked clean%n",
                  SEED, COUNT, checked.get());
              assertThat(checked.get()).as("callers checked")
                  .isGreaterThanOrEqualTo(COUNT * 9 / 10);
            }));
    return tests.stream();
  }

  /**
   * A caller of {@code callees}, which take an array {@code a} to write into (from {@link
   * ProgramGenerator#generateWriter} or {@link #relay}), entirely determined by {@code seed}.
   */
  static ProgramGenerator.Program caller(
      String name, long seed, List<ProgramGenerator.Program> callees) {
    return new Caller(new Random(seed), callees).write(name, seed);
  }

  /**
   * {@code relay(double[] a, double x0, int n)}: hands its own array parameter on to {@code
   * first} and {@code second}, which write into it, and writes into it itself between the calls,
   * so it writes into its parameter through its callees (its in/out pullback calls theirs).
   */
  static ProgramGenerator.Program relay(
      String name, long seed, ProgramGenerator.Program first, ProgramGenerator.Program second) {
    Random r = new Random(seed);
    String[] inputs = {"x0", "Math.sin(x0)", "a[0]", "0.5 * a[a.length - 1]"};
    String[] ints = {"n", "n % 2", "1"};
    String source =
        "  // relay " + name + " of " + first.name() + " and " + second.name() + ", seed " + seed
            + "\n  @Differentiable\n  static double " + name + "(double[] a, double x0, int n) {\n"
            + "    double u = " + call(first, r, "a", inputs, ints) + ";\n"
            + "    a[a.length - 1] += 0.25 * (Math.sin(x0) - a[a.length - 1]);\n"
            + "    " + call(second, r, "a", inputs, ints) + ";\n"
            + "    return Math.tanh(u) + a[0] * x0;\n"
            + "  }\n";
    return new ProgramGenerator.Program(
        name, seed, ProgramGenerator.Level.ARRAYS, source,
        List.of(new ProgramGenerator.Param("double[]", "a"),
            new ProgramGenerator.Param("double", "x0"), new ProgramGenerator.Param("int", "n")),
        new String[] {"a", "x0"}, new int[] {0, 1});
  }

  /**
   * A call of {@code callee} handing it {@code array} for {@code a}, one of {@code inputs} for
   * each double it differentiates for, a constant for the others, one of {@code ints} for an int.
   */
  static String call(
      ProgramGenerator.Program callee, Random r, String array, String[] inputs, String[] ints) {
    List<String> wrt = List.of(callee.wrtNames());
    StringBuilder call = new StringBuilder(callee.name()).append('(');
    for (int k = 0; k < callee.params().size(); k++) {
      ProgramGenerator.Param p = callee.params().get(k);
      String arg;
      if (p.name().equals("a")) {
        arg = array;
      } else if (p.type().equals("int")) {
        arg = ints[r.nextInt(ints.length)];
      } else if (wrt.contains(p.name())) {
        arg = inputs[r.nextInt(inputs.length)];
      } else {
        arg = r.nextBoolean() ? "0.25" : "(-0.5)";
      }
      call.append(k == 0 ? "" : ", ").append(arg);
    }
    return call.append(')').toString();
  }

  /**
   * Writes one caller. Its doubles stay bounded as the callees' do: {@code w}'s elements are
   * only assigned squashed values, convex mixes, or products with a cosine, and the callees keep
   * them within ±2; {@code s} only grows by bounded terms in loops of at most five iterations.
   */
  private static final class Caller {

    /** Values of the inputs to build the array from and to pass; a constant now and then. */
    private static final String[] INPUTS = {
      "x0", "Math.sin(x1)", "0.5 * (x0 - x2)", "x1 * x2", "Math.tanh(x0 + x1)", "0.75"
    };

    private final Random r;
    private final List<ProgramGenerator.Program> callees;
    private final StringBuilder out = new StringBuilder();
    /** Locals holding a call's value, declared at the top level: the value reads them. */
    private final List<String> values = new ArrayList<>();
    /** The indices of the enclosing loops. */
    private final List<String> indices = new ArrayList<>();
    private boolean parameter;
    private int length;
    private int fresh;
    private int calls;

    Caller(Random r, List<ProgramGenerator.Program> callees) {
      this.r = r;
      this.callees = callees;
    }

    ProgramGenerator.Program write(String name, long seed) {
      parameter = r.nextDouble() < 0.25;
      // a parameter the caller does not differentiate for: it varies only after the first call
      boolean constantParameter = parameter && r.nextDouble() < 0.4;
      length = 1 + r.nextInt(4);
      if (!parameter) {
        line(2, "double[] w = new double[" + length + "];");
        for (int j = 0; j < length; j++) {
          line(2, "w[" + j + "] = " + pick(INPUTS) + ";");
        }
      }
      line(2, "double s = 0.5 * x2;");
      int sites = 2 + r.nextInt(3);
      for (int k = 0; k < sites; k++) {
        site(2, 0);
      }
      while (calls < 2) {
        line(2, call("w") + ";");
      }
      line(2, "return " + result() + ";");

      List<ProgramGenerator.Param> params = new ArrayList<>();
      params.add(new ProgramGenerator.Param("double", "x0"));
      if (parameter) {
        params.add(new ProgramGenerator.Param("double[]", "w"));
      }
      params.add(new ProgramGenerator.Param("double", "x1"));
      params.add(new ProgramGenerator.Param("double", "x2"));
      params.add(new ProgramGenerator.Param("int", "n"));
      List<String> wrt = new ArrayList<>();
      List<Integer> wrtIndex = new ArrayList<>();
      StringBuilder signature = new StringBuilder();
      for (int i = 0; i < params.size(); i++) {
        ProgramGenerator.Param p = params.get(i);
        signature.append(i == 0 ? "" : ", ").append(p.type()).append(' ').append(p.name());
        if (!p.type().equals("int") && !(constantParameter && p.name().equals("w"))) {
          wrt.add(p.name());
          wrtIndex.add(i);
        }
      }
      String source =
          "  // caller " + name + ", seed " + seed + "\n  @Differentiable"
              + (constantParameter ? "(wrt = {\"x0\", \"x1\", \"x2\"})" : "")
              + "\n  static double " + name + "("
              + signature + ") {\n" + out + "  }\n";
      return new ProgramGenerator.Program(
          name, seed, ProgramGenerator.Level.ARRAYS, source, List.copyOf(params),
          wrt.toArray(new String[0]), wrtIndex.stream().mapToInt(Integer::intValue).toArray());
    }

    private void site(int indent, int depth) {
      double u = r.nextDouble() * 20;
      if ((u -= 3) < 0) {
        line(indent, call("w") + ";");
      } else if ((u -= 3) < 0) {
        String t = "t" + fresh++;
        line(indent, "double " + t + " = " + call("w") + ";");
        if (depth == 0) {
          values.add(t);
        } else {
          line(indent, "s = 0.5 * s + 0.5 * Math.tanh(" + t + ");");
        }
      } else if ((u -= 1) < 0 && !values.isEmpty()) {
        line(indent, pick(values) + " = " + call("w") + ";");
      } else if ((u -= 2) < 0 && depth < 2) {
        String i = "i" + fresh++;
        String bound = pick(new String[] {"n % 3 + 1", "n", "2", "w.length"});
        line(indent, "for (int " + i + " = 0; " + i + " < " + bound + "; " + i + "++) {");
        indices.add(i);
        int count = 1 + r.nextInt(2);
        for (int k = 0; k < count; k++) {
          site(indent + 1, depth + 1);
        }
        indices.remove(i);
        line(indent, "}");
      } else if ((u -= 2) < 0 && depth < 2) {
        line(indent, "if (" + condition() + ") {");
        site(indent + 1, depth + 1);
        if (r.nextBoolean()) {
          line(indent, "} else {");
          site(indent + 1, depth + 1);
        }
        line(indent, "}");
      } else if ((u -= 1.5) < 0) {
        String e = element();
        switch (r.nextInt(3)) {
          case 0:
            line(indent, e + " = 0.5 * " + e + " + 0.5 * Math.sin(x0 * " + element() + ");");
            break;
          case 1:
            line(indent, e + " += 0.25 * (Math.tanh(x1) - " + e + ");");
            break;
          default:
            line(indent, e + " *= Math.cos(x2);");
            break;
        }
      } else if ((u -= 1) < 0) {
        line(indent, "s += 0.25 * " + element() + " * Math.sin(x1);");
      } else if ((u -= 1) < 0 && depth == 0) {
        rows(indent);
      } else if ((u -= 0.5) < 0) {
        line(indent, "if (" + condition() + ") {");
        line(indent + 1, "return " + call("w") + ";");
        line(indent, "}");
      } else if ((u -= 1) < 0 && depth < 2) {
        // an array declared in a loop's body: a new one each iteration, written by a call
        String i = "i" + fresh++;
        String v = "v" + fresh++;
        line(indent, "for (int " + i + " = 0; " + i + " < n % 3 + 1; " + i + "++) {");
        indices.add(i);
        line(indent + 1, "double[] " + v + " = new double[2];");
        line(indent + 1, v + "[0] = " + element() + ";");
        line(indent + 1, v + "[1] = " + pick(INPUTS) + ";");
        line(indent + 1, call(v) + ";");
        line(indent + 1, element() + " = 0.5 * " + v + "[0] + 0.5 * Math.sin(" + v + "[1]);");
        indices.remove(i);
        line(indent, "}");
      } else if ((u -= 1) < 0 && depth < 2) {
        // a loop whose trip count reads the array its body's call writes
        String k = "k" + fresh++;
        line(indent, "int " + k + " = 0;");
        line(indent, "while (" + k + " < 3 && " + element() + " > -0.5) {");
        line(indent + 1, k + "++;");
        site(indent + 1, depth + 1);
        line(indent + 1, call("w") + ";");
        line(indent, "}");
      } else if ((u -= 0.6) < 0) {
        // the call's value into an element of the array it writes, which Java locates first
        line(indent, element() + " = " + call("w") + ";");
      } else if ((u -= 0.7) < 0) {
        // overwritten: the adjoint of the element before must be zero
        line(indent, element() + " = " + pick(INPUTS) + ";");
      } else if ((u -= 0.7) < 0) {
        String e = "e" + fresh++;
        line(indent, "for (double " + e + " : w) {");
        line(indent + 1, "s = 0.5 * s + 0.5 * Math.sin(" + e + " * x1);");
        line(indent, "}");
      } else {
        line(indent, call("w") + ";");
      }
    }

    /** A matrix built from {@code w} and the inputs, whose rows a loop hands to a callee. */
    private void rows(int indent) {
      String g = "g" + fresh++;
      int columns = 1 + r.nextInt(3);
      line(indent, "double[][] " + g + " = new double[2][" + columns + "];");
      for (int row = 0; row < 2; row++) {
        for (int j = 0; j < columns; j++) {
          line(indent, g + "[" + row + "][" + j + "] = "
              + (r.nextBoolean() ? element() : pick(INPUTS)) + ";");
        }
      }
      String i = "i" + fresh++;
      line(indent, "for (int " + i + " = 0; " + i + " < " + g + ".length; " + i + "++) {");
      indices.add(i);
      line(indent + 1, call(g + "[" + i + "]") + ";");
      indices.remove(i);
      line(indent, "}");
      line(indent, "s += 0.5 * " + g + "[0][0] * " + g + "[1][" + (columns - 1) + "];");
    }

    /** A call of one of the callees, handing it {@code array} to write into. */
    private String call(String array) {
      calls++;
      ProgramGenerator.Program callee = callees.get(r.nextInt(callees.size()));
      List<String> inputs = new ArrayList<>(List.of(INPUTS));
      inputs.add("Math.tanh(s)");
      for (int k = 0; k < 3; k++) {
        inputs.add(element()); // read before the call writes
      }
      List<String> ints = new ArrayList<>(List.of("n % 4", "2"));
      ints.addAll(indices);
      return RandomOutParametersTest.call(
          callee, r, array, inputs.toArray(new String[0]), ints.toArray(new String[0]));
    }

    private String condition() {
      switch (r.nextInt(4)) {
        case 0:
          return element() + " > " + pick(new String[] {"0", "0.2", "-0.3"});
        case 1:
          return "x0 < x1";
        case 2:
          return "n % 2 == 0";
        default:
          return "s > 0";
      }
    }

    /** An element of {@code w}, in bounds whatever its length. */
    private String element() {
      if (parameter) {
        return "w[" + pick(new String[] {"0", "w.length - 1", "n % w.length"}) + "]";
      }
      return "w[" + r.nextInt(length) + "]";
    }

    /** The value: reads every element of {@code w} (the parameter's first and last), s, values. */
    private String result() {
      StringBuilder e = new StringBuilder("0.5 * s");
      if (parameter) {
        e.append(" + w[0] * x1 + 0.5 * Math.sin(w[w.length - 1])");
      } else {
        for (int j = 0; j < length; j++) {
          e.append(r.nextBoolean() ? " + " : " - ")
              .append(r.nextBoolean() ? "w[" + j + "] * " + pick(INPUTS) : "Math.sin(w[" + j + "])");
        }
      }
      for (String t : values) {
        e.append(" + 0.5 * Math.tanh(").append(t).append(")");
      }
      return e.toString();
    }

    private String pick(String[] options) {
      return options[r.nextInt(options.length)];
    }

    private String pick(List<String> options) {
      return options.get(r.nextInt(options.size()));
    }

    private void line(int indent, String text) {
      out.append(" ".repeat(indent * 2)).append(text).append('\n');
    }
  }
}
