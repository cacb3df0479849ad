package io.github.ad4j.core;

import io.github.ad4j.core.emit.GradClassEmitter;
import io.github.ad4j.core.ir.Expr;
import java.util.HashSet;
import java.util.Set;

/**
 * The names a source file declares and mentions, read from its words without parsing it: what
 * {@link AffectedSources} needs to tell which files an edit can reach.
 *
 * <p>Java code can use another file's declarations only by writing the name of a top-level class
 * that file declares (in a qualified name, an import, an {@code extends}, a static import), and a
 * derivative rule names its function's class in a string, so a file whose words include none of
 * the names an edited file declares, before or after the edit, differentiates as it did. Both
 * sets err on the large side, which costs only regenerating more: every identifier right after
 * {@code class}, {@code interface}, {@code enum} or {@code record} counts as declared (nested
 * classes too), every word of the code and of its string literals as mentioned (comments aside).
 */
public final class SourceNames {

  /**
   * Provided by a file that every other file may depend on: one that may declare derivative
   * rules ({@code @Partial}, which apply wherever their function is called), or a class named
   * like {@code java.lang.Math} (which changes how every generated class of its package must name
   * {@code Math}).
   */
  public static final String EVERY_FILE = "*";

  private static final Set<String> DECLARING = Set.of("class", "interface", "enum", "record");

  private final Set<String> provides;
  private final Set<String> mentions;

  private SourceNames(Set<String> provides, Set<String> mentions) {
    this.provides = Set.copyOf(provides);
    this.mentions = Set.copyOf(mentions);
  }

  /** The names of a source file with this text. */
  public static SourceNames of(String content) {
    Set<String> mentions = new HashSet<>();
    Set<String> provides = new HashSet<>();
    Words words = new Words(content, mentions);
    for (String declaring = null; words.hasNext(); ) {
      String word = words.next();
      if (declaring != null && words.follows()) {
        provides.add(word);
        // the class ad4j generates for it, which the generated code of others may name
        provides.add(word + GradClassEmitter.SUFFIX);
        if (Expr.Call.LIBRARY_OWNERS.contains(word)) {
          provides.add(EVERY_FILE);
        }
      }
      // not Foo.class, nor a variable named record
      declaring = DECLARING.contains(word) && !words.afterDot() ? word : null;
    }
    if (mentions.contains("Partial")) {
      provides.add(EVERY_FILE);
    }
    return new SourceNames(provides, mentions);
  }

  /**
   * What other files' derivatives may depend on: the classes it declares, the classes ad4j
   * generates for them, and {@link #EVERY_FILE} if every file may depend on it.
   */
  public Set<String> provides() {
    return provides;
  }

  /** Every identifier in the file's code. */
  public Set<String> mentions() {
    return mentions;
  }

  /**
   * The identifiers of Java source text, in order, skipping comments and literals; every word of
   * the code and of its string literals goes into {@code mentions} (a derivative rule names its
   * function's class in one: {@code @Partial(of = "Special.gamma", ...)}).
   */
  private static final class Words {
    private final String text;
    private final Set<String> mentions;
    private int at;
    private String next;
    private boolean nextFollows;
    private boolean nextAfterDot;
    private boolean follows;
    private boolean afterDot;

    Words(String text, Set<String> mentions) {
      this.text = text;
      this.mentions = mentions;
      advance();
    }

    boolean hasNext() {
      return next != null;
    }

    String next() {
      String word = next;
      follows = nextFollows;
      afterDot = nextAfterDot;
      advance();
      return word;
    }

    /** Whether only spaces and comments stand between the last word and the one before. */
    boolean follows() {
      return follows;
    }

    /** Whether a dot stands right before the last word (as in {@code Foo.class}). */
    boolean afterDot() {
      return afterDot;
    }

    private void advance() {
      next = null;
      nextFollows = true;
      nextAfterDot = false;
      int n = text.length();
      while (at < n) {
        char c = text.charAt(at);
        if (c == '/' && at + 1 < n && text.charAt(at + 1) == '/') {
          at = lineEnd(at);
        } else if (c == '/' && at + 1 < n && text.charAt(at + 1) == '*') {
          int end = text.indexOf("*/", at + 2);
          at = end < 0 ? n : end + 2;
        } else if (Character.isWhitespace(c)) {
          at++;
        } else if (Character.isJavaIdentifierStart(c)) {
          int start = at;
          while (at < n && Character.isJavaIdentifierPart(text.charAt(at))) {
            at++;
          }
          next = text.substring(start, at);
          mentions.add(next);
          return;
        } else {
          nextFollows = false;
          nextAfterDot = c == '.';
          if (text.startsWith("\"\"\"", at)) {
            at = skipQuoted(at + 3, "\"\"\"");
          } else if (c == '"') {
            at = skipQuoted(at + 1, "\"");
          } else if (c == '\'') {
            at = skipQuoted(at + 1, "'");
            nextAfterDot = false;
          } else if (Character.isDigit(c)) {
            // a number's letters (1e5, 0x1F, 2L) are not names
            while (at < n && (Character.isLetterOrDigit(text.charAt(at))
                || text.charAt(at) == '_' || text.charAt(at) == '.')) {
              at++;
            }
          } else {
            at++;
          }
        }
      }
    }

    private int lineEnd(int from) {
      int end = text.indexOf('\n', from);
      return end < 0 ? text.length() : end + 1;
    }

    /**
     * Past the closing {@code quote} of a literal whose text starts at {@code from}; the words
     * of a string literal are mentions.
     */
    private int skipQuoted(int from, String quote) {
      int i = from;
      int end = text.length();
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (text.startsWith(quote, i)) {
          end = i;
          i += quote.length();
          break;
        } else if (c == '\n' && quote.length() == 1) {
          end = i; // an unterminated literal ends with its line, as javac reports it
          break;
        } else {
          i++;
        }
      }
      if (!quote.equals("'")) {
        wordsOf(text.substring(from, Math.min(end, text.length())));
      }
      return Math.min(i, text.length());
    }

    private void wordsOf(String literal) {
      int i = 0;
      while (i < literal.length()) {
        if (Character.isJavaIdentifierStart(literal.charAt(i))) {
          int start = i;
          while (i < literal.length() && Character.isJavaIdentifierPart(literal.charAt(i))) {
            i++;
          }
          mentions.add(literal.substring(start, i));
        } else {
          i++;
        }
      }
    }
  }
}
