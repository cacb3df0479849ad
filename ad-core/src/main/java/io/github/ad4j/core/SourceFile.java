package io.github.ad4j.core;

import static java.util.Objects.requireNonNull;

/**
 * A Java source file handed to the generator.
 *
 * @param path the path diagnostics name, as the user knows it (relative or absolute)
 * @param content the file's text
 */
public record SourceFile(String path, String content) {
  public SourceFile {
    requireNonNull(path, "path");
    requireNonNull(content, "content");
  }

  /** The file's simple name, as quoted in generated comments ({@code C.java}). */
  public String fileName() {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
