package io.github.ad4j.samples.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code docs/benchmarks.md} from JMH's CSV results ({@code -rf csv}, with {@code -prof
 * gc}), the generator-speed script's key=value output and a hand-written notes file, so that
 * the numbers in the file are never typed by hand.
 *
 * <p>Usage: {@code BenchmarkReport jmh.csv generator-speed.properties notes.md out.md
 * "load before" "load after"}; a missing generator-speed file leaves that section out.
 */
public final class BenchmarkReport {

  private static final String PRIMAL = "primal";
  private static final String GENERATED = "generated";
  private static final String RECORD = "generatedRecord";
  private static final String HAND = "handWritten";
  private static final String HIPPARCHUS = "hipparchus";
  private static final String FD = "finiteDifferences";
  private static final String ALLOCATION = "gc.alloc.rate.norm";

  /**
   * Bytes per call above the hand-written adjoint's that still count as no allocation: less than
   * the smallest array, 16 bytes.
   */
  private static final double ALLOCATION_NOISE = 8;

  /** Score of (benchmark method, workload), and bytes per op under the key method + ALLOCATION. */
  private final Map<String, Double> scores = new HashMap<>();

  private BenchmarkReport() {}

  /** Reads the inputs and writes the report. */
  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      throw new IllegalArgumentException(
          "usage: BenchmarkReport jmh.csv speed.properties notes.md out.md loadBefore loadAfter");
    }
    BenchmarkReport report = new BenchmarkReport();
    report.read(Path.of(args[0]));
    Properties speed = new Properties();
    Path speedFile = Path.of(args[1]);
    if (Files.exists(speedFile)) {
      try (var in = Files.newBufferedReader(speedFile, StandardCharsets.UTF_8)) {
        speed.load(in);
      }
    }
    String notes = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
    String markdown = report.render(speed, notes, args[4], args[5]);
    Files.writeString(Path.of(args[3]), markdown, StandardCharsets.UTF_8);
  }

  private void read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> header = fields(lines.get(0));
    int benchmark = header.indexOf("Benchmark");
    int score = header.indexOf("Score");
    int workload = header.indexOf("Param: workload");
    for (String line : lines.subList(1, lines.size())) {
      List<String> row = fields(line);
      String name = row.get(benchmark);
      // secondary metrics of the GC profiler are named "Class.method:gc.alloc.rate.norm"
      String qualified = name.replace('·', ':');
      int metric = qualified.indexOf(':');
      String method = qualified.substring(
          qualified.lastIndexOf('.', metric < 0 ? qualified.length() : metric) + 1);
      scores.put(method + "@" + row.get(workload), Double.parseDouble(row.get(score)));
    }
  }

  /** The fields of one CSV line as JMH writes it: quoted strings, unquoted numbers. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  private double score(String method, String workload) {
    Double value = scores.get(method + "@" + workload);
    return value == null ? Double.NaN : value;
  }

  private String render(Properties speed, String notes, String loadBefore, String loadAfter)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Written by `samples/benchmarks/run-benchmarks.sh` from one JMH run")
        .append(" (`BenchmarkReport` reads JMH's CSV); do not edit by hand. Machine: ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
        .append(cpuModel()).append("; JDK ").append(System.getProperty("java.vm.name"))
        .append(' ').append(System.getProperty("java.runtime.version"))
        .append("; each benchmark in 3 JMH forks (`-Xms1g -Xmx1g -XX:+AlwaysPreTouch`), each with")
        .append(" 4 warm-up and 3 measured iterations of 1 s, the mean of the 9. Load average (1, 5, 15 min) before the run: ")
        .append(loadBefore).append("; after: ").append(loadAfter).append('.');
    if (isLoaded(loadBefore) || isLoaded(loadAfter)) {
      md.append(" **The machine was shared with other builds during the run** (a load above")
          .append(" its core count), so absolute times are noisy; the ratios compare methods")
          .append(" measured moments apart and are the numbers to read.");
    }
    md.append("\n\n");

    md.append("## Time per call (ns/op)\n\n")
        .append("| workload | inputs | primal | generated | generated (record) | hand-written")
        .append(" | Hipparchus `Gradient` | finite differences |\n")
        .append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
    for (String w : Workload.NAMES) {
      md.append("| ").append(w).append(" | ").append(Workload.named(w).size());
      for (String method : new String[] {PRIMAL, GENERATED, RECORD, HAND, HIPPARCHUS, FD}) {
        md.append(" | ").append(time(score(method, w)));
      }
      md.append(" |\n");
    }

    md.append("\n## Ratios and allocation\n\n")
        .append("\"gradient\" is the generated allocation-free form `fGradient(params,")
        .append(" accumulators...)`. Bytes per call are JMH's `gc.alloc.rate.norm`.\n\n")
        .append("| workload | gradient / primal | gradient / hand-written | Hipparchus / gradient")
        .append(" | finite differences / gradient | bytes/op gradient | bytes/op hand-written")
        .append(" | bytes/op record |\n")
        .append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
    double logSum = 0;
    double worstPrimal = 0;
    double worstHand = 0;
    int allocating = 0;
    for (String w : Workload.NAMES) {
      double gradient = score(GENERATED, w);
      double toPrimal = gradient / score(PRIMAL, w);
      double toHand = gradient / score(HAND, w);
      logSum += Math.log(toPrimal);
      worstPrimal = Math.max(worstPrimal, toPrimal);
      worstHand = Math.max(worstHand, toHand);
      double bytes = score(GENERATED + ":" + ALLOCATION, w);
      // JMH's own background allocation shows as a byte or two per call on every benchmark, the
      // hand-written adjoints' (which allocate nothing) included; the smallest array is 16 bytes
      if (!(bytes < ALLOCATION_NOISE)) {
        allocating++;
      }
      md.append("| ").append(w)
          .append(" | ").append(ratio(toPrimal))
          .append(" | ").append(ratio(toHand))
          .append(" | ").append(ratio(score(HIPPARCHUS, w) / gradient))
          .append(" | ").append(ratio(score(FD, w) / gradient))
          .append(" | ").append(bytes(bytes))
          .append(" | ").append(bytes(score(HAND + ":" + ALLOCATION, w)))
          .append(" | ").append(bytes(score(RECORD + ":" + ALLOCATION, w)))
          .append(" |\n");
    }
    double geometricMean = Math.exp(logSum / Workload.NAMES.length);

    md.append("\n## Against the targets\n\n")
        .append("| target | measured | met |\n|---|---|---|\n")
        .append("| gradient / primal, geometric mean ≤ 3 | ").append(ratio(geometricMean))
        .append(" | ").append(mark(geometricMean <= 3)).append(" |\n")
        .append("| gradient / primal ≤ 4 on every workload | worst ").append(ratio(worstPrimal))
        .append(" | ").append(mark(worstPrimal <= 4)).append(" |\n")
        .append("| gradient / hand-written ≤ 1.10 on every workload | worst ")
        .append(ratio(worstHand)).append(" | ").append(mark(worstHand <= 1.10)).append(" |\n")
        .append("| 0 bytes per allocation-free gradient call once warm (below ")
        .append((int) ALLOCATION_NOISE).append(" bytes: JMH's own background allocation, which")
        .append(" the hand-written adjoint, allocating nothing, shows too) | ")
        .append(allocating == 0 ? "0 on every workload" : "allocates on " + allocating + " of "
            + Workload.NAMES.length + " workloads")
        .append(" | ").append(mark(allocating == 0)).append(" |\n");
    if (!speed.isEmpty()) {
      double without = number(speed, "without");
      double clean = number(speed, "clean");
      double unchanged = number(speed, "unchanged");
      double withoutCpu = number(speed, "withoutCpu");
      double cleanCpu = number(speed, "cleanCpu");
      double unchangedCpu = number(speed, "unchangedCpu");
      // what the plugin added in each interleaved round, the median of those
      double cleanAdds = number(speed, "cleanAdds");
      double cleanAddsCpu = number(speed, "cleanAddsCpu");
      double unchangedAdds = number(speed, "unchangedAdds");
      double unchangedAddsCpu = number(speed, "unchangedAddsCpu");
      md.append("| generator: ").append(speed.getProperty("methods"))
          .append(" methods add ≤ 2 s to `mvn generate-sources` | ")
          .append(seconds(cleanAdds)).append(" wall, ").append(seconds(cleanAddsCpu))
          .append(" CPU | ").append(mark(cleanAdds <= 2)).append(" |\n")
          .append("| generator: an unchanged rebuild adds ≤ 0.3 s | ")
          .append(seconds(unchangedAdds)).append(" wall, ")
          .append(seconds(unchangedAddsCpu)).append(" CPU | ")
          .append(mark(unchangedAdds <= 0.3)).append(" |\n");
      if (speed.getProperty("oneEditedAdds") != null) {
        md.append("| generator: one of 100 files edited (no target; incremental builds) | ")
            .append(seconds(number(speed, "oneEditedAdds"))).append(" wall, ")
            .append(seconds(number(speed, "oneEditedAddsCpu"))).append(" CPU | – |\n");
      }

      md.append("\n## Generator speed\n\n")
          .append("`samples/benchmarks/generator-speed.sh` writes a project of ")
          .append(speed.getProperty("methods"))
          .append(" `@Differentiable` methods (100 classes of 10: straight-line code with Math")
          .append(" calls, a loss over a data set with nested loops, a three-way branch calling")
          .append(" another method, a data-dependent `while` loop) and times `mvn -o")
          .append(" generate-sources` (median of ").append(speed.getProperty("runs"))
          .append(" rounds, each running the builds below one after the other; what the plugin")
          .append(" adds is the median of each round's difference; CPU is user + system time of")
          .append(" the whole Maven process). Load average")
          .append(" at the end (the builds' own processes included): ")
          .append(speed.getProperty("loadAverage")).append(".\n\n")
          .append("| build | wall | CPU |\n|---|--:|--:|\n")
          .append("| without the plugin | ").append(seconds(without)).append(" | ")
          .append(seconds(withoutCpu)).append(" |\n")
          .append("| with the plugin, from clean (").append(speed.getProperty("generatedFiles"))
          .append(" files, ").append(speed.getProperty("generatedLines"))
          .append(" lines generated) | ").append(seconds(clean)).append(" | ")
          .append(seconds(cleanCpu)).append(" |\n")
          .append("| with the plugin, unchanged rebuild | ").append(seconds(unchanged))
          .append(" | ").append(seconds(unchangedCpu)).append(" |\n");
      if (speed.getProperty("oneEdited") != null) {
        md.append("| with the plugin, one of the 100 files edited (a constant) | ")
            .append(seconds(number(speed, "oneEdited"))).append(" | ")
            .append(seconds(number(speed, "oneEditedCpu"))).append(" |\n");
      }
      if (speed.getProperty("cleanTuned") != null) {
        String options = "`MAVEN_OPTS=\"" + speed.getProperty("tunedOptions") + "\"`";
        md.append("| without the plugin, ").append(options).append(" | ")
            .append(seconds(number(speed, "withoutTuned"))).append(" | ")
            .append(seconds(number(speed, "withoutTunedCpu"))).append(" |\n")
            .append("| with the plugin, from clean, ").append(options).append(" | ")
            .append(seconds(number(speed, "cleanTuned"))).append(" | ")
            .append(seconds(number(speed, "cleanTunedCpu"))).append(" |\n")
            .append("\nWith those options (C1 only, serial GC, as a project can set in")
            .append(" `.mvn/jvm.config`) the plugin adds ")
            .append(seconds(number(speed, "cleanTunedAdds")))
            .append(" wall from clean.\n");
      }
      if (speed.getProperty("coldGenerationMs") != null) {
        double cold = number(speed, "coldGenerationMs") / 1000;
        double warm = number(speed, "warmGenerationMs") / 1000;
        md.append("\nThe generator alone (`GeneratorBenchmark`: `DerivativeGenerator.generate` on")
            .append(" the same sources, no Maven, no files written): ").append(seconds(cold))
            .append(" for the first generation in a fresh JVM, ")
            .append(seconds(warm)).append(" in a warmed-up JVM (the means of JMH's single shots;")
            .append(" both with the same fixed heap). ")
            .append(String.format(Locale.ROOT, "%.0f%%", 100 * (cold - warm) / cold))
            .append(" of a cold generation is the JVM warming up: interpreting, and compiling,")
            .append(" code that the warm JVM runs compiled.\n");
      }
    }
    md.append('\n').append(notes.strip()).append('\n');
    return md.toString();
  }

  private static boolean isLoaded(String load) {
    String[] parts = load.trim().split("\\s+");
    try {
      return Double.parseDouble(parts[0]) > Runtime.getRuntime().availableProcessors();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String cpuModel() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    }
    return System.getProperty("os.arch");
  }

  private static double number(Properties p, String key) {
    return Double.parseDouble(p.getProperty(key, "NaN"));
  }

  private static String mark(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String time(double ns) {
    if (Double.isNaN(ns)) {
      return "–";
    }
    return ns >= 100
        ? String.format(Locale.ROOT, "%,.0f", ns)
        : String.format(Locale.ROOT, "%.1f", ns);
  }

  private static String ratio(double r) {
    if (Double.isNaN(r)) {
      return "–";
    }
    return r >= 100
        ? String.format(Locale.ROOT, "%,.0f", r)
        : String.format(Locale.ROOT, "%.2f", r);
  }

  private static String bytes(double b) {
    return Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%,.0f", b);
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.2f s", s);
  }
}
