package io.github.ad4j.maven;

import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, as Maven's {@code <includes>} and {@code <excludes>} are written.
 *
 * <p>{@code *} matches any run of characters within one path segment, {@code ?} one character
 * within a segment, and {@code **} any number of whole segments, including none, so {@code
 * **}{@code /*.java} matches {@code C.java} as well as {@code p/q/C.java}. A pattern ending in
 * {@code /} matches everything below that directory. Paths and patterns use {@code /} separators;
 * a {@code \} in a pattern is read as {@code /} so Windows-style patterns work too.
 */
final class PathPattern {

  private final String pattern;
  private final Pattern regex;

  private PathPattern(String pattern, Pattern regex) {
    this.pattern = pattern;
    this.regex = regex;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException if the pattern is blank
   */
  static PathPattern compile(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("empty include/exclude pattern");
    }
    String normalised = pattern.trim().replace('\\', '/');
    while (normalised.startsWith("/")) {
      normalised = normalised.substring(1);
    }
    if (normalised.endsWith("/") || normalised.isEmpty()) {
      normalised = normalised + "**";
    }
    return new PathPattern(pattern, Pattern.compile(toRegex(normalised)));
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("**/", i)) {
        regex.append("(?:.*/)?"); // zero or more whole directories
        i += 3;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else {
        char c = glob.charAt(i++);
        if (c == '*') {
          regex.append("[^/]*");
        } else if (c == '?') {
          regex.append("[^/]");
        } else {
          regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
    }
    return regex.toString();
  }

  /** Whether {@code relativePath} (with {@code /} separators) matches this pattern. */
  boolean matches(String relativePath) {
    return regex.matcher(relativePath).matches();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
