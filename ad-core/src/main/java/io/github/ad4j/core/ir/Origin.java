package io.github.ad4j.core.ir;

import static java.util.Objects.requireNonNull;

/**
 * Where a statement or construct came from in the user's source.
 *
 * @param file the file's path as given by the user, for diagnostics
 * @param fileName the file's simple name, for generated comments
 * @param line 1-based line
 * @param column 1-based column
 * @param text the source text, on one line
 */
public record Origin(String file, String fileName, int line, int column, String text) {
  public Origin {
    requireNonNull(file, "file");
    requireNonNull(fileName, "fileName");
    requireNonNull(text, "text");
  }
}
