package io.github.ad4j.core.emit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Javadoc is broken between words into lines of at most 90 characters, paragraphs kept. */
class JavadocWrapTest {

  @Test
  void breaksBetweenWordsAndKeepsParagraphs() {
    String words = "word ".repeat(30).strip();

    String wrapped = GradClassEmitter.wrap(words + "\n\nSecond paragraph.  Two spaces kept.  ");

    assertThat(wrapped.lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(90));
    assertThat(wrapped.replace('\n', ' ')).startsWith(words);
    assertThat(wrapped).endsWith("\n\nSecond paragraph.  Two spaces kept.");
  }

  @Test
  void aWordLongerThanALineStandsAlone() {
    String longWord = "x".repeat(120);
    assertThat(GradClassEmitter.wrap("a " + longWord + " b")).isEqualTo("a\n" + longWord + "\nb");
  }

  @Test
  void givesWhatSplittingIntoParagraphsAndWordsGave() {
    // the scan replaced a version that split the text; any text must come out as it did
    Random random = new Random(42);
    String[] pieces = {"a", "bb", "word", "x".repeat(89), "y".repeat(95), " ", " ", "  ", "\n"};
    for (int trial = 0; trial < 5_000; trial++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(60);
      for (int i = 0; i < length; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      assertThat(GradClassEmitter.wrap(text.toString()))
          .as("%s", text)
          .isEqualTo(bySplitting(text.toString()));
    }
  }

  /** The earlier implementation, kept as the oracle. */
  private static String bySplitting(String text) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        if (line.length() > 0 && line.length() + 1 + word.length() > 90) {
          out.append(line).append('\n');
          line.setLength(0);
        }
        line.append(line.length() > 0 ? " " : "").append(word);
      }
      out.append(line).append('\n');
    }
    return out.toString().strip();
  }
}
