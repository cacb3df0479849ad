package io.github.ad4j.core;

import static java.util.Objects.requireNonNull;

/**
 * A problem found in the user's sources, positioned at a file, line and column (both 1-based).
 *
 * @param severity how bad it is
 * @param file the path of the source file, as given in its {@link SourceFile}
 * @param line the line, from 1
 * @param column the column, from 1
 * @param message what is wrong and what to do instead
 */
public record Diagnostic(Severity severity, String file, int line, int column, String message) {
  public Diagnostic {
    requireNonNull(severity, "severity");
    requireNonNull(file, "file");
    requireNonNull(message, "message");
  }

  /** How bad a diagnostic is. */
  public enum Severity {
    /** The method it names cannot be differentiated; no derivative is generated for it. */
    ERROR,
    /** Generation went ahead, but the user should know. */
    WARNING
  }

  /** Formats the diagnostic as compilers do: {@code path:line:col: message}. */
  public String format() {
    return file + ":" + line + ":" + column + ": " + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
