package io.github.ad4j.cli;

import io.github.ad4j.core.DerivativeNames;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the members a generated class has for one source method {@code f}: its partials {@code
 * dfdx}, the record form and the record {@code FGradient}, the allocation-free form and the
 * pullback (with their workspace overloads and the class {@code FWorkspace}, where it has one),
 * as their text stands in the file (Javadoc and comments included).
 */
final class MethodSelector {

  private MethodSelector() {}

  /** The members of {@code method} in the generated class {@code source}, if it has any. */
  static Optional<String> select(String source, String method) {
    ParseResult<CompilationUnit> parsed =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
            .parse(source);
    if (parsed.getResult().isEmpty() || parsed.getResult().get().getTypes().isEmpty()) {
      return Optional.empty();
    }
    TypeDeclaration<?> type = parsed.getResult().get().getType(0);
    DerivativeNames names = new DerivativeNames(method);
    String record = names.record();
    // the partials are d<f>d<p> for the parameters p of the record form f<Gradient>(params)
    Set<String> partials = new HashSet<>();
    for (MethodDeclaration m : type.getMethodsByName(names.gradient())) {
      if (m.getType().asString().endsWith(record)) {
        for (Parameter p : m.getParameters()) {
          partials.add(names.partial(p.getNameAsString()));
        }
      }
    }
    String[] lines = source.split("\r\n|\r|\n", -1);
    StringBuilder out = new StringBuilder();
    for (BodyDeclaration<?> member : type.getMembers()) {
      boolean wanted;
      if (member instanceof MethodDeclaration m) {
        String name = m.getNameAsString();
        wanted = names.forms().contains(name) || partials.contains(name);
      } else if (member instanceof RecordDeclaration r) {
        wanted = r.getNameAsString().equals(record);
      } else if (member instanceof ClassOrInterfaceDeclaration c) {
        wanted = c.getNameAsString().equals(names.workspace());
      } else {
        wanted = false;
      }
      if (wanted) {
        out.append(out.length() == 0 ? "" : System.lineSeparator()).append(text(member, lines));
      }
    }
    return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
  }

  /** The lines of {@code member}, from its Javadoc on. */
  private static String text(BodyDeclaration<?> member, String[] lines) {
    Node first = member.getComment().map(c -> (Node) c).orElse(member);
    int begin = first.getBegin().orElseThrow().line;
    int end = member.getEnd().orElseThrow().line;
    StringBuilder sb = new StringBuilder();
    for (String line : List.of(lines).subList(begin - 1, end)) {
      sb.append(line).append(System.lineSeparator());
    }
    return sb.toString();
  }
}
