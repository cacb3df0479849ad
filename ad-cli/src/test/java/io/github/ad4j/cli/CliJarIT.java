package io.github.ad4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as a user does, {@code java -jar ad-cli.jar ...}, in a process of its
 * own: its manifest, the shaded dependencies and the exit status are real.
 */
class CliJarIT {

  @TempDir Path dir;

  /** What a finished process printed, and its exit status. */
  private record Result(int status, String out, String err) {}

  private Result java(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("ad4j.cli.jar"));
    assertThat(jar).isRegularFile();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void printsTheDerivativesOfAFile() throws Exception {
    Path source = dir.resolve("Functions.java");
    Files.writeString(source, MainTest.FUNCTIONS);
    Result result = java(source.toString());
    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.out())
        .contains("public final class FunctionsGrad {")
        .contains("∂f/∂x of {@link Functions#f(double, double)}.")
        .contains("double dx = 2 * x + 3 * y;");
  }

  @Test
  void exitsWithOneAndPositionedErrorsOnBadInput() throws Exception {
    Path source = dir.resolve("Bad.java");
    Files.writeString(source, MainTest.BAD);
    Result result = java("--method", "relu", source.toString());
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).startsWith(source + ":8:5: switch statement");
  }

  @Test
  void exitsWithTwoOnAUsageError() throws Exception {
    Result result = java();
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("no Java files given");
  }
}
