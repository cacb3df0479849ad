package io.github.ad4j.core.randomized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ad4j.core.randomized.ProgramGenerator.Level;
import io.github.ad4j.core.randomized.ProgramGenerator.Program;
import io.github.ad4j.core.testing.Differentiated;
import io.github.ad4j.core.testing.GradientCheck;
import io.github.ad4j.core.testing.MethodBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random valid differentiable methods ({@link ProgramGenerator}), each generated, compiled and
 * checked in every generated form against finite differences of the original ({@link
 * GradientCheck}) at {@value #POINTS} points.
 *
 * <p>Programs come in four levels, a quarter of the run each: straight-line code (with ternaries
 * and {@code Math}), then {@code if}/{@code else} and early returns, then loops with
 * data-dependent trip counts, {@code break}, {@code continue} and labels, then arrays and
 * matrices (parameters and locals, reads, writes, {@code .length}, enhanced {@code for}). The
 * programs of a level are compiled {@value #BATCH} to a class ({@link MethodBatch}).
 *
 * <p><b>Finite-difference safety.</b> A drawn point is skipped (the program is not) when
 * finite differences cannot be trusted there: when any branch decision of the original (a
 * comparison, a loop's trip count, which argument of {@code max}/{@code min} wins, the sign
 * under {@code abs}) differs anywhere in the finite-difference stencil from the point's, which
 * an instrumented copy of the original reports exactly ({@link
 * io.github.ad4j.core.testing.BranchTrace}); or when the derivatives from two step sizes disagree
 * by more than {@value #CONSISTENCY} relative (the function varies too fast for the oracle). Up to
 * {@value #MAX_DRAWS} points are drawn per program; a program without any safe point is counted
 * as unchecked, and the run fails if more than a tenth are.
 *
 * <p>Run more by hand: {@code -Dad4j.random.count=N -Dad4j.random.seed=S}; a failure names its
 * program's seed and level, and {@code -Dad4j.random.program=SEED:LEVEL} reruns that program
 * alone. Every failure prints the program's source.
 */
class RandomProgramTest {

  static final int COUNT = Integer.getInteger("ad4j.random.count", 400);
  static final long SEED = Long.getLong("ad4j.random.seed", 20240601L);
  static final String ONLY = System.getProperty("ad4j.random.program");

  static final int BATCH = 25;
  static final int POINTS = 2;
  static final int MAX_DRAWS = 8;
  static final double CONSISTENCY = 1e-8;

  /** Per program, including the first program's compilation of its batch. */
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static final AtomicInteger generated = new AtomicInteger();
  private static final AtomicInteger clean = new AtomicInteger();
  private static final AtomicInteger failed = new AtomicInteger();
  private static final AtomicInteger unchecked = new AtomicInteger();
  private static final AtomicInteger pointsChecked = new AtomicInteger();
  private static final AtomicInteger pointsSkippedBranch = new AtomicInteger();
  private static final AtomicInteger pointsSkippedSteep = new AtomicInteger();
  private static final AtomicInteger pointsSkippedOther = new AtomicInteger();

  @TestFactory
  Stream<DynamicNode> randomProgramsMatchFiniteDifferencesInEveryForm() {
    List<DynamicNode> nodes = new ArrayList<>();
    long start = System.nanoTime();
    for (AtomicInteger counter :
        List.of(generated, clean, failed, unchecked, pointsChecked, pointsSkippedBranch,
            pointsSkippedSteep, pointsSkippedOther)) {
      counter.set(0); // the summary is of this run only, not of other classes calling check
    }
    if (ONLY != null) {
      String[] parts = ONLY.split(":");
      Program p =
          ProgramGenerator.generate("r0", Long.parseLong(parts[0]), Level.valueOf(parts[1]));
      nodes.add(batchNode("Only", List.of(p)));
    } else {
      Level[] levels = Level.values();
      for (Level level : levels) {
        int count = COUNT / levels.length + (level.ordinal() < COUNT % levels.length ? 1 : 0);
        List<Program> programs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
          long seed = programSeed(SEED, level, k);
          programs.add(ProgramGenerator.generate("r" + (k % BATCH), seed, level));
        }
        List<DynamicNode> batches = new ArrayList<>();
        for (int b = 0; b * BATCH < programs.size(); b++) {
          String className = camel(level) + b;
          batches.add(
              batchNode(
                  className,
                  programs.subList(b * BATCH, Math.min(programs.size(), (b + 1) * BATCH))));
        }
        nodes.add(DynamicContainer.dynamicContainer(level.toString(), batches.stream()));
      }
    }
    nodes.add(DynamicTest.dynamicTest("summary", () -> summary(start)));
    return nodes.stream();
  }

  static long programSeed(long seed, Level level, int k) {
    long z = seed * 0x9E3779B97F4A7C15L + level.ordinal() * 0xBF58476D1CE4E5B9L + k;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }

  private static String camel(Level level) {
    StringBuilder s = new StringBuilder();
    for (String part : level.name().split("_")) {
      s.append(part.charAt(0)).append(part.substring(1).toLowerCase());
    }
    return s.toString();
  }

  private static DynamicNode batchNode(String className, List<Program> programs) {
    List<MethodBatch.Member> members = new ArrayList<>();
    for (Program p : programs) {
      members.add(new MethodBatch.Member(p.name(), p.source()));
    }
    MethodBatch batch = MethodBatch.of(className, members);
    return DynamicContainer.dynamicContainer(
        className,
        programs.stream()
            .map(
                p ->
                    DynamicTest.dynamicTest(
                        p.name() + " (seed " + p.seed() + ")",
                        () -> assertTimeoutPreemptively(TIMEOUT, () -> check(batch, p),
                            () -> "timed out (does the generated code terminate?)\n"
                                + header(p)))));
  }

  private static String header(Program p) {
    return "random program " + p.name() + " (level " + p.level() + ", seed " + p.seed()
        + "; rerun it alone with -Dad4j.random.program=" + p.seed() + ":" + p.level() + ")\n"
        + p.source();
  }

  /** Checks {@code p}; false when no point was safe for finite differences, so nothing was. */
  static boolean check(MethodBatch batch, Program p) {
    generated.incrementAndGet();
    MethodBatch.Points chosen;
    try {
      chosen =
          batch.safePoints(
              p.name(),
              p.wrtIndex(),
              p::draw,
              new Random(p.seed() ^ 0x5DEECE66DL),
              POINTS,
              MAX_DRAWS,
              CONSISTENCY);
    } catch (AssertionError e) {
      failed.incrementAndGet();
      throw new AssertionError(
          "the original does not compile or run (a bug of the program generator): "
              + e.getMessage() + "\n" + header(p),
          e);
    }
    for (String why : chosen.rejections()) {
      if (why.contains("branch decision")) {
        pointsSkippedBranch.incrementAndGet();
      } else if (why.contains("disagree")) {
        pointsSkippedSteep.incrementAndGet();
      } else {
        pointsSkippedOther.incrementAndGet();
      }
    }
    if (chosen.points().isEmpty()) {
      unchecked.incrementAndGet();
      return false;
    }
    try {
      Differentiated d = batch.differentiated(p.name());
      GradientCheck.verify(d, p.name(), p.wrtNames(), p.wrtIndex(), chosen.points());
    } catch (AssertionError e) {
      failed.incrementAndGet();
      throw new AssertionError(header(p) + "\n" + e.getMessage(), e);
    }
    clean.incrementAndGet();
    pointsChecked.addAndGet(chosen.points().size());
    return true;
  }

  private static void summary(long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    int skipped = pointsSkippedBranch.get() + pointsSkippedSteep.get() + pointsSkippedOther.get();
    String report =
        String.format(
            "random programs (%s): %d run, %d checked clean at %d points, %d failed,"
                + " %d without a safe point; points skipped: %d (%d a branch decision changes"
                + " within the stencil, %d finite differences inconsistent, %d other); %.1f s",
            ONLY != null ? "program " + ONLY : "seed " + SEED,
            generated.get(),
            clean.get(),
            pointsChecked.get(),
            failed.get(),
            unchecked.get(),
            skipped,
            pointsSkippedBranch.get(),
            pointsSkippedSteep.get(),
            pointsSkippedOther.get(),
            seconds);
    System.out.println(report);
    assertThat(unchecked.get())
        .as("programs without a point safe for finite differences: %s", report)
        .isLessThanOrEqualTo(generated.get() / 10);
  }
}
