package io.github.ad4j.core.parse;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Processor;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.validator.postprocessors.Java17PostProcessor;
import com.github.javaparser.ast.CompilationUnit;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Java 17 sources with JavaParser.
 *
 * <p>A new {@link JavaParser} per file: {@code StaticJavaParser} keeps its configuration in a
 * thread-local that Maven's threads share, and the default language level rejects records.
 *
 * <p>The tree is the one the {@code JAVA_17} language level gives (its post-processing turns
 * {@code var} into a {@code VarType}), without that level's validators: they walk every file's
 * tree about twenty times looking for what javac reports anyway when it compiles the same file
 * (a {@code yield} used as a name, a misplaced modifier), and took a third of the parsing time.
 */
public final class SourceParser {

  /** JavaParser's Java 17 post-processing, run where its language level would run it. */
  private static final class Java17Trees extends Processor {
    private final Java17PostProcessor postProcessor = new Java17PostProcessor();

    @Override
    public void postProcess(
        ParseResult<? extends Node> result, ParserConfiguration configuration) {
      postProcessor.postProcess(result, configuration);
    }
  }

  /** The outcome of parsing one file: a tree, or the parser's positioned messages. */
  public record Result(ParsedSource source, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** Parses {@code file}; syntax errors come back as diagnostics, never as exceptions. */
  public Result parse(SourceFile file) {
    ParserConfiguration configuration =
        new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
            .setAttributeComments(false);
    configuration.getProcessors().add(Java17Trees::new);
    JavaParser parser = new JavaParser(configuration);
    ParseResult<CompilationUnit> result = parser.parse(file.content());
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Problem problem : result.getProblems()) {
      int line = 1;
      int column = 1;
      if (problem.getLocation().isPresent()
          && problem.getLocation().get().getBegin().getRange().isPresent()) {
        var begin = problem.getLocation().get().getBegin().getRange().get().begin;
        line = begin.line;
        column = begin.column;
      }
      diagnostics.add(
          new Diagnostic(
              Diagnostic.Severity.ERROR,
              file.path(),
              line,
              column,
              "syntax error: " + firstLine(problem.getMessage())));
    }
    if (!diagnostics.isEmpty() || result.getResult().isEmpty()) {
      return new Result(null, diagnostics);
    }
    return new Result(new ParsedSource(file, result.getResult().get()), List.of());
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
