package io.github.ad4j.core.normalise;

import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import io.github.ad4j.core.ir.JType;
import java.util.Optional;

/** Maps JavaParser types to {@link JType}: primitives and arrays of them. */
public final class TypeNames {

  private TypeNames() {}

  /** The IR type of {@code type}, or empty for a reference type such as {@code String}. */
  public static Optional<JType> of(Type type) {
    int dimensions = 0;
    Type element = type;
    while (element instanceof ArrayType array) {
      dimensions++;
      element = array.getComponentType();
    }
    if (!(element instanceof PrimitiveType primitive)) {
      return Optional.empty();
    }
    JType.Primitive p = JType.Primitive.valueOf(primitive.getType().name());
    return Optional.of(new JType(p, dimensions));
  }
}
