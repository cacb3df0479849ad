package io.github.ad4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.testing.InMemoryCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A bounded, fixed-seed fuzz test of {@link DerivativeGenerator#generate}: the golden inputs,
 * mutated token by token (deleted, duplicated, swapped, operators and identifiers replaced,
 * punctuation inserted, truncated), must never make the generator throw or report an internal
 * error, and every diagnostic must be well formed. For a sample of the inputs that are still valid
 * Java and for which something was generated, the generated file must compile with its input.
 *
 * <p>About 2,000 inputs by default; for a longer run by hand: {@code mvn -o -f ad-core/pom.xml test
 * -Dtest=GeneratorFuzzTest -Dad4j.fuzz.count=20000 -Dad4j.fuzz.seed=7}. Every distinct finding is
 * minimised and printed (and written to {@code target/fuzz-findings.txt}); findings already
 * recorded in {@link FuzzFindingsTest} are reported but do not fail the run.
 */
class GeneratorFuzzTest {

  private static final int COUNT = Integer.getInteger("ad4j.fuzz.count", 2000);
  private static final long SEED = Long.getLong("ad4j.fuzz.seed", 4L);
  /** Of every how many inputs with generated files one is compiled (if the input compiles). */
  private static final int COMPILE_EVERY = 5;

  /**
   * Known bugs, each with a disabled reproducer in {@link FuzzFindingsTest}: a finding whose key
   * contains one of these is reported, not failed.
   */
  static final List<String> KNOWN =
      List.of(); // every finding so far is fixed and kept in FuzzFindingsTest

  private static final String[] OPERATORS = {"+", "-", "*", "/", "<", ">", "==", "&&", "||"};
  private static final String[] KEYWORDS = {
    "int", "double", "float", "long", "boolean", "void", "var", "return", "if", "else", "for",
    "while", "do", "new", "this", "super", "null", "true", "false", "static", "final", "class",
    "break", "continue", "switch", "case", "default", "try", "catch", "throw", "instanceof",
    "synchronized", "assert", "yield", "record", "Math", "String", "Object", "Differentiable"
  };
  private static final String[] FRESH = {"zz", "x", "y", "i", "n", "r", "a", "f", "p", "C", "sum"};
  private static final String[] LITERALS = {
    "0", "1", "2", "0.0", "1e308", "-1", "1L", "3f", "'a'", "\"s\"", "0x1p3", "Double.NaN"
  };
  private static final String[] PUNCTUATION = {";", "{", "}", "(", ")", ",", "=", "[", "]", "."};

  private final DerivativeGenerator generator = DerivativeGenerator.create();

  @Test
  void mutatedGoldenInputsNeverCrashTheGenerator() throws IOException {
    long start = System.nanoTime();
    Random random = new Random(SEED);
    Map<String, List<String>> bases = new LinkedHashMap<>();
    for (String name : FuzzSupport.GOLDEN) {
      bases.put(name, FuzzSupport.tokens(FuzzSupport.resource("/golden/" + name + ".java")));
    }
    List<String> names = new ArrayList<>(bases.keySet());

    Map<String, Finding> findings = new LinkedHashMap<>();
    int diagnostics = 0;
    int withFiles = 0;
    int sampled = 0;
    int sourceCompiled = 0;
    int generatedCompiled = 0;
    for (int i = 0; i < COUNT; i++) {
      String name = names.get(i % names.size());
      String path = "p/" + name + ".java";
      List<String> tokens = new ArrayList<>(bases.get(name));
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        mutate(tokens, random);
      }
      String source = String.join("", tokens);

      Outcome outcome = run(path, source);
      diagnostics += outcome.diagnostics;
      if (outcome.key != null) {
        findings.computeIfAbsent(outcome.key, k -> new Finding(k, path, source, outcome.detail)).count++;
        continue;
      }
      if (outcome.files.isEmpty()) {
        continue;
      }
      withFiles++;
      if (withFiles % COMPILE_EVERY != 0) {
        continue;
      }
      sampled++;
      if (!compiles(Map.of(path, source))) {
        continue; // not valid Java (or warns): javac's to report, nothing to compare against
      }
      sourceCompiled++;
      String compileKey = compileGenerated(path, source, outcome.files);
      if (compileKey == null) {
        generatedCompiled++;
      } else {
        findings
            .computeIfAbsent(
                compileKey, k -> new Finding(k, path, source, outcome.generatedText()))
            .count++;
      }
    }

    StringBuilder report = new StringBuilder();
    List<Finding> unknown = new ArrayList<>();
    for (Finding f : findings.values()) {
      minimise(f);
      boolean known = KNOWN.stream().anyMatch(f.key::contains);
      if (!known) {
        unknown.add(f);
      }
      report
          .append("=== ")
          .append(known ? "KNOWN " : "NEW ")
          .append("finding, seen ")
          .append(f.count)
          .append(" times: ")
          .append(f.key)
          .append("\n--- minimal input (")
          .append(f.path)
          .append("):\n")
          .append(f.minimal)
          .append("\n--- detail:\n")
          .append(f.detail)
          .append('\n');
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String summary =
        String.format(
            "ad4j fuzz: seed %d, %d inputs tried, %d diagnostics seen, %d with generated files,"
                + " %d sampled, %d sampled inputs valid Java, %d generated files compiled,"
                + " %d distinct findings (%d new), %.1f s",
            SEED, COUNT, diagnostics, withFiles, sampled, sourceCompiled, generatedCompiled,
            findings.size(), unknown.size(), seconds);
    System.out.println(summary);
    System.out.print(report);
    Path out = Path.of("target", "fuzz-findings.txt");
    if (Files.isDirectory(out.getParent())) {
      Files.writeString(out, summary + "\n" + report, StandardCharsets.UTF_8);
    }
    assertThat(unknown).as("new generator crashes found by fuzzing:\n%s", report).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // running one input

  private static final class Outcome {
    String key;
    String detail;
    int diagnostics;
    List<GeneratedFile> files = List.of();

    String generatedText() {
      StringBuilder b = new StringBuilder();
      files.forEach(f -> b.append("--- ").append(f.relativePath()).append('\n').append(f.content()));
      return b.toString();
    }
  }

  /** Runs the generator; {@code key} is set if it crashed or produced a malformed diagnostic. */
  private Outcome run(String path, String source) {
    Outcome outcome = new Outcome();
    GenerationResult result;
    try {
      result = generator.generate(List.of(new SourceFile(path, source)));
    } catch (Throwable e) {
      outcome.detail = FuzzSupport.summary(e);
      outcome.key =
          "exception: " + normalise(String.valueOf(e)) + " at " + FuzzSupport.topFrame(outcome.detail);
      return outcome;
    }
    outcome.diagnostics = result.diagnostics().size();
    outcome.files = result.files();
    for (Diagnostic d : result.diagnostics()) {
      String problem = null;
      if (d.message().contains("internal error")) {
        String message = d.message();
        int colon = message.indexOf(": ");
        int report = message.indexOf("; this is a bug");
        problem =
            "internal error: "
                + normalise(message.substring(colon + 2, report < 0 ? message.length() : report));
      } else if (d.line() < 1 || d.column() < 1) {
        problem = "diagnostic position below 1: " + normalise(d.message());
      } else if (d.message().isBlank()) {
        problem = "blank diagnostic message";
      } else if (!d.file().equals(path)) {
        problem = "diagnostic names another file: " + d.file();
      }
      if (problem != null) {
        String trace = FuzzSupport.internalStackTrace(new SourceFile(path, source));
        if (trace != null) {
          problem += " at " + FuzzSupport.topFrame(trace);
        }
        outcome.key = problem;
        outcome.detail = d.format() + "\n" + (trace == null ? "(no stack trace)" : trace);
        return outcome;
      }
    }
    return outcome;
  }

  private static boolean compiles(Map<String, String> sources) {
    try {
      InMemoryCompiler.compile(sources);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /** Null if the generated files compile with their input, else a key for the first error. */
  private static String compileGenerated(String path, String source, List<GeneratedFile> files) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(path, source);
    files.forEach(f -> sources.put(f.relativePath(), f.content()));
    try {
      InMemoryCompiler.compile(sources);
      return null;
    } catch (AssertionError e) {
      String first = "";
      for (String line : e.getMessage().split("\n")) {
        int at = line.indexOf(": error: ");
        int warn = line.indexOf(": warning: ");
        if (at >= 0 || warn >= 0) {
          first = line.substring(at >= 0 ? at + 2 : warn + 2);
          break;
        }
      }
      return "generated code does not compile: " + normalise(first);
    }
  }

  /** Positions and numbers vary between inputs showing the same bug. */
  private static String normalise(String text) {
    return text.replaceAll("\\d+", "#").replaceAll("\\s+", " ").strip();
  }

  // ---------------------------------------------------------------------------------------------
  // mutations

  private static void mutate(List<String> tokens, Random random) {
    List<Integer> solid = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!FuzzSupport.isSpace(tokens.get(i))) {
        solid.add(i);
      }
    }
    if (solid.size() < 2) {
      return;
    }
    int at = solid.get(random.nextInt(solid.size()));
    String token = tokens.get(at);
    int kind = random.nextInt(20);
    if (kind < 3) { // delete
      tokens.remove(at);
    } else if (kind < 5) { // duplicate
      tokens.add(at, token);
      tokens.add(at + 1, " ");
    } else if (kind < 7) { // swap with the next solid token
      int k = solid.indexOf(at);
      int next = solid.get(Math.min(k + 1, solid.size() - 1));
      tokens.set(at, tokens.get(next));
      tokens.set(next, token);
    } else if (kind < 10) { // replace an operator
      int op = pick(tokens, solid, random, t -> t.matches("[-+*/<>%]|==|!=|<=|>=|&&|\\|\\||!"));
      tokens.set(op < 0 ? at : op, OPERATORS[random.nextInt(OPERATORS.length)]);
    } else if (kind < 14) { // replace an identifier
      int id = pick(tokens, solid, random, t -> t.matches("[A-Za-z_$][A-Za-z0-9_$]*"));
      String replacement;
      int choice = random.nextInt(3);
      if (choice == 0) {
        replacement = KEYWORDS[random.nextInt(KEYWORDS.length)];
      } else if (choice == 1) {
        replacement = FRESH[random.nextInt(FRESH.length)];
      } else { // another name from the same file: shadowing, misuse of types, recursion
        int other = pick(tokens, solid, random, t -> t.matches("[A-Za-z_$][A-Za-z0-9_$]*"));
        replacement = other < 0 ? "zz" : tokens.get(other);
      }
      tokens.set(id < 0 ? at : id, replacement);
    } else if (kind < 15) { // replace a literal
      int lit = pick(tokens, solid, random, t -> Character.isDigit(t.charAt(0)));
      tokens.set(lit < 0 ? at : lit, LITERALS[random.nextInt(LITERALS.length)]);
    } else if (kind < 19) { // insert punctuation
      tokens.add(at, PUNCTUATION[random.nextInt(PUNCTUATION.length)]);
    } else { // truncate
      tokens.subList(at, tokens.size()).clear();
    }
  }

  /** A random solid token matching {@code test}, or -1 if none does. */
  private static int pick(
      List<String> tokens, List<Integer> solid, Random random, Predicate<String> test) {
    List<Integer> matching = new ArrayList<>();
    for (int i : solid) {
      if (test.test(tokens.get(i))) {
        matching.add(i);
      }
    }
    return matching.isEmpty() ? -1 : matching.get(random.nextInt(matching.size()));
  }

  // ---------------------------------------------------------------------------------------------
  // minimising a finding

  private static final class Finding {
    final String key;
    final String path;
    final String source;
    final String detail;
    String minimal;
    int count;

    @Override
    public String toString() {
      return key;
    }

    Finding(String key, String path, String source, String detail) {
      this.key = key;
      this.path = path;
      this.source = source;
      this.detail = detail;
    }
  }

  /**
   * Deletes chunks of tokens, then single tokens, for as long as the same finding still shows.
   * Findings about generated code are only minimised while the input still compiles, which is
   * slow, so they get fewer attempts.
   */
  private void minimise(Finding finding) {
    boolean compileFinding = finding.key.startsWith("generated code");
    Predicate<String> same =
        text -> {
          Outcome o = run(finding.path, text);
          if (!compileFinding) {
            return finding.key.equals(o.key);
          }
          return o.key == null
              && !o.files.isEmpty()
              && compiles(Map.of(finding.path, text))
              && finding.key.equals(compileGenerated(finding.path, text, o.files));
        };
    int budget = compileFinding ? 150 : 4000;
    List<String> tokens = new ArrayList<>(FuzzSupport.tokens(finding.source));
    tokens.removeIf(t -> t.startsWith("/*") || t.startsWith("//"));
    for (int chunk = Math.max(1, tokens.size() / 2); chunk >= 1 && budget > 0; chunk /= 2) {
      boolean progress = true;
      while (progress && budget > 0) {
        progress = false;
        for (int from = 0; from + chunk <= tokens.size() && budget > 0; ) {
          List<String> candidate = new ArrayList<>(tokens);
          candidate.subList(from, from + chunk).clear();
          budget--;
          if (same.test(String.join("", candidate))) {
            tokens = candidate;
            progress = true;
          } else {
            from += chunk;
          }
        }
      }
    }
    // tidy the whitespace when that keeps the finding
    String text = String.join("", tokens);
    String tidy = text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    finding.minimal = same.test(tidy) ? tidy : text;
  }
}
