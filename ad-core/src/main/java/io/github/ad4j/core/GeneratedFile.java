package io.github.ad4j.core;

import static java.util.Objects.requireNonNull;

/**
 * A generated Java source file.
 *
 * @param relativePath where it belongs below a source root, with {@code /} separators ({@code
 *     p/CGrad.java})
 * @param content the file's text, deterministic for a given input
 */
public record GeneratedFile(String relativePath, String content) {
  public GeneratedFile {
    requireNonNull(relativePath, "relativePath");
    requireNonNull(content, "content");
  }
}
