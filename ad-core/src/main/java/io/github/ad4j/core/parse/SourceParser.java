package io.github.ad4j.core.parse;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
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
 */
public final class SourceParser {

  /** The outcome of parsing one file: a tree, or the parser's positioned messages. */
  public record Result(ParsedSource source, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** Parses {@code file}; syntax errors come back as diagnostics, never as exceptions. */
  public Result parse(SourceFile file) {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(false));
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
