package io.github.ad4j.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathPatternTest {

  @Test
  void doubleStarSlashMatchesAnyDepthIncludingNone() {
    PathPattern java = PathPattern.compile("**/*.java");

    assertThat(java.matches("C.java")).isTrue();
    assertThat(java.matches("p/C.java")).isTrue();
    assertThat(java.matches("p/q/r/C.java")).isTrue();
    assertThat(java.matches("p/C.java.orig")).isFalse();
    assertThat(java.matches("p/C.txt")).isFalse();
  }

  @Test
  void singleStarStaysWithinOneSegment() {
    PathPattern pattern = PathPattern.compile("p/*.java");

    assertThat(pattern.matches("p/C.java")).isTrue();
    assertThat(pattern.matches("p/q/C.java")).isFalse();
    assertThat(pattern.matches("C.java")).isFalse();
  }

  @Test
  void doubleStarInTheMiddleMatchesWholeDirectories() {
    PathPattern pattern = PathPattern.compile("**/internal/**");

    assertThat(pattern.matches("internal/A.java")).isTrue();
    assertThat(pattern.matches("p/internal/q/A.java")).isTrue();
    assertThat(pattern.matches("p/internals/A.java")).isFalse();
  }

  @Test
  void questionMarkMatchesOneCharacterButNoSeparator() {
    PathPattern pattern = PathPattern.compile("p?/C.java");

    assertThat(pattern.matches("p1/C.java")).isTrue();
    assertThat(pattern.matches("p12/C.java")).isFalse();
    assertThat(pattern.matches("p//C.java")).isFalse();
  }

  @Test
  void trailingSlashMeansEverythingBelow() {
    PathPattern pattern = PathPattern.compile("generated/");

    assertThat(pattern.matches("generated/A.java")).isTrue();
    assertThat(pattern.matches("generated/x/A.java")).isTrue();
    assertThat(pattern.matches("other/A.java")).isFalse();
  }

  @Test
  void backslashesAndLeadingSlashesAreNormalised() {
    assertThat(PathPattern.compile("p\\*.java").matches("p/C.java")).isTrue();
    assertThat(PathPattern.compile("/p/C.java").matches("p/C.java")).isTrue();
  }

  @Test
  void regexMetacharactersAreLiteral() {
    PathPattern pattern = PathPattern.compile("a+b/(c).java");

    assertThat(pattern.matches("a+b/(c).java")).isTrue();
    assertThat(pattern.matches("aab/c.java")).isFalse();
  }

  @Test
  void blankPatternIsRejected() {
    assertThatThrownBy(() -> PathPattern.compile(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
