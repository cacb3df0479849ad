package io.github.ad4j.core.parse;

import static java.util.Objects.requireNonNull;

import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import io.github.ad4j.core.SourceFile;
import io.github.ad4j.core.ir.Origin;

/** A source file and its syntax tree; turns tree nodes into {@link Origin}s. */
public final class ParsedSource {

  private final SourceFile file;
  private final CompilationUnit unit;
  private final String[] lines;

  ParsedSource(SourceFile file, CompilationUnit unit) {
    this.file = requireNonNull(file, "file");
    this.unit = requireNonNull(unit, "unit");
    this.lines = file.content().split("\r\n|\r|\n", -1);
  }

  /** The file. */
  public SourceFile file() {
    return file;
  }

  /** Its syntax tree. */
  public CompilationUnit unit() {
    return unit;
  }
  /** The file's package, empty for the default package. */
  public String packageName() {
    return unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
  }


  /** The innermost type that declares {@code node}, if any. */
  public static java.util.Optional<com.github.javaparser.ast.body.TypeDeclaration<?>> enclosingType(
      Node node) {
    for (Node n = node.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof com.github.javaparser.ast.body.TypeDeclaration<?> type) {
        return java.util.Optional.of(type);
      }
    }
    return java.util.Optional.empty();
  }

  /** The outermost type that declares {@code node}, or {@code node} itself if it is one. */
  public static com.github.javaparser.ast.body.TypeDeclaration<?> topLevelType(
      com.github.javaparser.ast.body.TypeDeclaration<?> type) {
    com.github.javaparser.ast.body.TypeDeclaration<?> top = type;
    for (Node n = type.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
      if (n instanceof com.github.javaparser.ast.body.TypeDeclaration<?> outer) {
        top = outer;
      }
    }
    return top;
  }

  /** Where {@code node} is, with its source text collapsed onto one line. */
  public Origin origin(Node node) {
    Position begin = node.getBegin().orElse(new Position(1, 1));
    Position end = node.getEnd().orElse(begin);
    return new Origin(
        file.path(), file.fileName(), begin.line, begin.column, text(begin, end));
  }

  private String text(Position begin, Position end) {
    StringBuilder sb = new StringBuilder();
    for (int line = begin.line; line <= end.line && line <= lines.length; line++) {
      String content = lines[line - 1];
      int from = line == begin.line ? Math.min(begin.column - 1, content.length()) : 0;
      int to = line == end.line ? Math.min(end.column, content.length()) : content.length();
      if (sb.length() == 0 || sb.charAt(sb.length() - 1) != ' ') {
        sb.append(' '); // between lines
      }
      // each run of whitespace (what the regular expression \s matches) as one space; by hand,
      // since this runs for every statement and replaceAll compiles its pattern on every call
      for (int i = from; i < to; i++) {
        char c = content.charAt(i);
        boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        if (!space) {
          sb.append(c);
        } else if (sb.charAt(sb.length() - 1) != ' ') {
          sb.append(' ');
        }
      }
    }
    return sb.toString().trim();
  }
}
