package io.github.ad4j.core.parse;

import static java.util.Objects.requireNonNull;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * A method annotated {@code @Differentiable}, found in a parsed source.
 *
 * @param source the file it is in
 * @param owner the type that declares it
 * @param declaration the method
 * @param annotation its {@code @Differentiable} annotation
 */
public record DifferentiableMethod(
    ParsedSource source,
    TypeDeclaration<?> owner,
    MethodDeclaration declaration,
    AnnotationExpr annotation) {

  private static final String SIMPLE_NAME = "Differentiable";
  private static final String QUALIFIED_NAME = "io.github.ad4j.Differentiable";

  public DifferentiableMethod {
    requireNonNull(source, "source");
    requireNonNull(owner, "owner");
    requireNonNull(declaration, "declaration");
    requireNonNull(annotation, "annotation");
  }

  /** Every {@code @Differentiable} method of {@code source}, in source order. */
  public static List<DifferentiableMethod> findAll(ParsedSource source) {
    List<DifferentiableMethod> found = new ArrayList<>();
    for (MethodDeclaration method : source.unit().findAll(MethodDeclaration.class)) {
      for (AnnotationExpr annotation : method.getAnnotations()) {
        String name = annotation.getNameAsString();
        if (name.equals(QUALIFIED_NAME) || (name.equals(SIMPLE_NAME) && importsAd4j(source))) {
          ParsedSource.enclosingType(method)
              .ifPresent(owner -> found.add(new DifferentiableMethod(source, owner, method, annotation)));
        }
      }
    }
    return found;
  }

  /** The simple name resolves to ours unless the file imports another {@code Differentiable}. */
  private static boolean importsAd4j(ParsedSource source) {
    return source.unit().getImports().stream()
        .noneMatch(
            i ->
                !i.isAsterisk()
                    && !i.isStatic()
                    && i.getNameAsString().endsWith("." + SIMPLE_NAME)
                    && !i.getNameAsString().equals(QUALIFIED_NAME));
  }

  /** The method's name. */
  public String name() {
    return declaration.getNameAsString();
  }
}
