package io.github.ad4j.samples.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each workload's primal and its gradient five ways, side by side in one JMH run. Each fork has
 * a fixed, pre-touched heap: on small machines an allocation-heavy benchmark (Hipparchus)
 * otherwise shows random slow iterations. Three forks, since a benchmark of a few nanoseconds
 * (Rosenbrock with 10 inputs, Black-Scholes) differs by up to a third from one JVM to the next
 * (code layout, inlining decisions), more than from one iteration to the next; short iterations,
 * since the ratios are what is reported.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class GradientBenchmark {

  /** The workload, by {@link Workload#named(String)}. */
  @Param({
    "rosenbrock10", "rosenbrock100", "rosenbrock1000", "logistic", "mlp", "pendulum",
    "blackScholes", "whileLoop"
  })
  public String workload;

  private Workload function;
  private double[][] gradient;

  /** Builds the workload and one gradient buffer, reused by every call. */
  @Setup
  public void setUp() {
    function = Workload.named(workload);
    gradient = function.newGradient();
  }

  /** The function alone. */
  @Benchmark
  public double primal() {
    return function.primal();
  }

  /**
   * The generated allocation-free form, after clearing its accumulators, with the workload's
   * workspace where the method has one.
   */
  @Benchmark
  public double generated() {
    Workload.clear(gradient);
    return function.generated(gradient);
  }

  /** The generated form that returns a record (allocates the record and its arrays). */
  @Benchmark
  public double generatedRecord() {
    return function.generatedRecord(gradient);
  }

  /** The hand-written adjoint with preallocated buffers. */
  @Benchmark
  public double handWritten() {
    return function.handWritten(gradient);
  }

  /** Hipparchus' forward-mode Gradient. */
  @Benchmark
  public double hipparchus() {
    return function.hipparchus(gradient);
  }

  /** Central finite differences: 2n + 1 calls of the primal. */
  @Benchmark
  public double finiteDifferences() {
    return function.finiteDifferences(gradient);
  }
}
