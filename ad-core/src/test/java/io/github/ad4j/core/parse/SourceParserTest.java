package io.github.ad4j.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.SourceFile;
import org.junit.jupiter.api.Test;

class SourceParserTest {

  private static SourceParser.Result parse(String text) {
    return new SourceParser().parse(new SourceFile("src/p/C.java", text));
  }

  @Test
  void reportsASyntaxErrorAtItsPositionInsteadOfThrowing() {
    SourceParser.Result result = parse("package p;\nclass C {\n  double f( { }\n}\n");
    assertThat(result.source()).isNull();
    Diagnostic first = result.diagnostics().get(0);
    assertThat(first.file()).isEqualTo("src/p/C.java");
    assertThat(first.line()).isEqualTo(3);
    assertThat(first.message()).startsWith("syntax error:");
  }

  @Test
  void parsesJava17() {
    SourceParser.Result result =
        parse("package p;\nrecord R(double x) { static double f(double x) { return switch (1) {"
            + " case 0 -> { yield -x; } default -> x; }; } }\n");
    assertThat(result.diagnostics()).isEmpty();
    // yield is a statement at this level, not a type: the Java 17 parser, not a raw one
    assertThat(result.source().unit().findAll(com.github.javaparser.ast.stmt.YieldStmt.class))
        .hasSize(1);
  }

  @Test
  void readsVarAsJava17Does() {
    String text = "package p;\nclass C {\n  static double f(double x) {\n    var y = x;\n"
        + "    return y;\n  }\n}\n";
    var declarator =
        parse(text).source().unit()
            .findFirst(com.github.javaparser.ast.body.VariableDeclarator.class).orElseThrow();
    assertThat(declarator.getType().isVarType()).isTrue();
  }

  @Test
  void findsDifferentiableMethodsByImportedOrQualifiedName() {
    String text =
        "package p;\nimport io.github.ad4j.Differentiable;\nclass C {\n"
            + "  @Differentiable static double a(double x) { return x; }\n"
            + "  @io.github.ad4j.Differentiable static double b(double x) { return x; }\n"
            + "  static double c(double x) { return x; }\n}\n";
    assertThat(DifferentiableMethod.findAll(parse(text).source()))
        .extracting(DifferentiableMethod::name)
        .containsExactly("a", "b");
  }

  @Test
  void ignoresAnotherLibrarysDifferentiable() {
    String text =
        "package p;\nimport other.Differentiable;\nclass C {\n"
            + "  @Differentiable static double a(double x) { return x; }\n}\n";
    assertThat(DifferentiableMethod.findAll(parse(text).source())).isEmpty();
  }

  @Test
  void quotesTheSourceOfANodeOnOneLine() {
    String text = "package p;\nclass C {\n  static double f(double x) {\n    return x\n        * x;\n  }\n}\n";
    ParsedSource source = parse(text).source();
    var ret = source.unit().findFirst(com.github.javaparser.ast.stmt.ReturnStmt.class).orElseThrow();
    assertThat(source.origin(ret).text()).isEqualTo("return x * x;");
    assertThat(source.origin(ret).line()).isEqualTo(4);
    assertThat(source.origin(ret).column()).isEqualTo(5);
  }
}
