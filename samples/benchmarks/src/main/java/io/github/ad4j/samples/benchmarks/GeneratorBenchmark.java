package io.github.ad4j.samples.benchmarks;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The generator alone ({@link DerivativeGenerator#generate}, no Maven, no file writing) on the
 * sources of a directory: the first generation in a fresh JVM, as a build runs it, and a
 * generation in a JVM that has already run it ten times, whose code the JIT has compiled. Both
 * run with the same fixed, pre-touched heap (with the default one, G1 growing and first touching
 * the heap made single generations vary threefold), so the difference is what the cold JVM's
 * interpreting and compiling costs. {@code generator-speed.sh} runs it on its synthetic project:
 * {@code java -jar benchmarks.jar GeneratorBenchmark -p sources=DIR}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GeneratorBenchmark {

  /** The directory of {@code .java} files to generate for (read before timing). */
  @Param({""})
  public String sources;

  private List<SourceFile> files;

  /** Reads the sources, so that the timed generations do not read files. */
  @Setup
  public void read() throws IOException {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("give the sources' directory: -p sources=DIR");
    }
    files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(Path.of(sources))) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        files.add(new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
      }
    }
  }

  /** The first generation in a fresh JVM: one per fork. */
  @Benchmark
  @Fork(value = 5, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public GenerationResult coldGeneration() {
    return generate();
  }

  /** A generation once ten have warmed the JVM up. */
  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
  @Warmup(iterations = 10)
  @Measurement(iterations = 5)
  public GenerationResult warmGeneration() {
    return generate();
  }

  private GenerationResult generate() {
    GenerationResult result = DerivativeGenerator.create().generate(files);
    if (result.hasErrors() || result.files().isEmpty()) {
      throw new IllegalStateException("the sources did not generate cleanly: "
          + result.diagnostics());
    }
    return result;
  }
}
