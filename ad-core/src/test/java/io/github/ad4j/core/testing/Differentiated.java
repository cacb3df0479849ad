package io.github.ad4j.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.DerivativeNames;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user class run through the generator and compiled with its generated class: call the
 * original methods and the derivatives by name.
 */
public final class Differentiated {

  private final ClassLoader loader;
  private final String className;
  private final GenerationResult result;

  private Differentiated(ClassLoader loader, String className, GenerationResult result) {
    this.loader = loader;
    this.className = className;
    this.result = result;
  }

  /**
   * Generates and compiles the derivatives of the class in {@code source}, which must declare
   * {@code package p;} and a class whose name is {@code className}.
   */
  public static Differentiated of(String className, String source) {
    return ofFiles(className, Map.of("p/" + className + ".java", source));
  }

  /**
   * Generates and compiles the derivatives of several files ({@code path} to text), whose
   * classes may call one another; the original and generated methods reached are those of
   * {@code p.<className>}.
   */
  public static Differentiated ofFiles(String className, Map<String, String> files) {
    GenerationResult result =
        DerivativeGenerator.create()
            .generate(
                files.entrySet().stream()
                    .map(e -> new SourceFile(e.getKey(), e.getValue()))
                    .toList());
    assertThat(result.diagnostics()).as("diagnostics").isEmpty();
    Map<String, String> sources = new LinkedHashMap<>(files);
    for (GeneratedFile file : result.files()) {
      sources.put(file.relativePath(), file.content());
    }
    return new Differentiated(InMemoryCompiler.compile(sources), "p." + className, result);
  }

  /**
   * Compiles {@code sources} (path to text) as they are, without running the generator: for
   * tests of the test harness, whose "generated" class {@code p.<className>Grad} is written by
   * hand. {@link #result()} is null.
   */
  public static Differentiated handWritten(String className, Map<String, String> sources) {
    return new Differentiated(InMemoryCompiler.compile(sources), "p." + className, null);
  }

  /** The generator's output. */
  public GenerationResult result() {
    return result;
  }

  /** The generated source of the derivative class. */
  public String generatedSource() {
    return generatedSource("p/" + className.substring(className.lastIndexOf('.') + 1) + "Grad.java");
  }

  /** The generated file at {@code relativePath}, such as {@code q/CGrad.java}. */
  public String generatedSource(String relativePath) {
    return result.files().stream()
        .filter(f -> f.relativePath().equals(relativePath))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no generated " + relativePath))
        .content();
  }

  /**
   * The generated source of method {@code name}, to its end: of the overloads of that name, the
   * one with the sweeps (the others, without a workspace, only call it).
   */
  public String generatedMethod(String name) {
    String source = generatedSource();
    Matcher start =
        Pattern.compile("\\n  public static [^\\n]* " + name + "\\(").matcher(source);
    String longest = null;
    while (start.find()) {
      int end = source.indexOf("\n  }\n", start.start());
      String method = source.substring(start.start(), end);
      if (longest == null || method.length() > longest.length()) {
        longest = method;
      }
    }
    assertThat(longest).as("generated method %s", name).isNotNull();
    return longest;
  }

  /** A new instance of the user's class, by its constructor of {@code args.length} parameters. */
  public Object construct(Object... args) {
    try {
      for (var c : loader.loadClass(className).getDeclaredConstructors()) {
        if (c.getParameterCount() == args.length) {
          c.setAccessible(true);
          return c.newInstance(args);
        }
      }
      throw new AssertionError("no constructor of " + args.length + " parameters");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls instance {@code method} of the user's class on {@code target}. */
  public Object onInstance(Object target, String method, Object... args) {
    try {
      for (Method m : target.getClass().getDeclaredMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == args.length) {
          m.setAccessible(true);
          return m.invoke(target, args);
        }
      }
      throw new AssertionError("no method " + method);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Calls static {@code method} of the user's class. */
  public Object original(String method, Object... args) {
    return invoke(className, method, args);
  }

  /** Calls static {@code method} of the generated class. */
  public Object generated(String method, Object... args) {
    return invoke(className + "Grad", method, args);
  }

  private Object invoke(String owner, String name, Object... args) {
    try {
      Class<?> type = loader.loadClass(owner);
      for (Method method : type.getDeclaredMethods()) {
        if (method.getName().equals(name) && method.getParameterCount() == args.length
            && accepts(method.getParameterTypes(), args)) {
          method.setAccessible(true);
          return method.invoke(null, args);
        }
      }
      throw new AssertionError("no method " + owner + "." + name + Arrays.deepToString(args));
    } catch (ClassNotFoundException | IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    }
  }

  private static boolean accepts(Class<?>[] types, Object[] args) {
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      Object a = args[i];
      boolean ok =
          (t == double.class && a instanceof Double)
              || (t == float.class && a instanceof Float)
              || (t == int.class && a instanceof Integer)
              || (t == long.class && a instanceof Long)
              || (t == boolean.class && a instanceof Boolean)
              || (!t.isPrimitive() && (a == null || t.isInstance(a)));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A new workspace for the forms of {@code method} that take one ({@code
   * <Method>Workspace}, nested in the generated class), or null where the generated class has
   * none for it. Fails where a form of the method takes a workspace of another class, whose
   * checks would otherwise be skipped unseen.
   */
  public Object newWorkspace(String method) {
    String simpleName = new DerivativeNames(method).workspace();
    try {
      return loader.loadClass(className + "Grad$" + simpleName).getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      for (Method m : generatedClass().getDeclaredMethods()) {
        Class<?>[] types = m.getParameterTypes();
        boolean ofMethod =
            m.getName().equals(method + "Pullback") || m.getName().equals(method + "Gradient");
        if (ofMethod && types.length > 0
            && types[types.length - 1].getSimpleName().endsWith("Workspace")) {
          throw new AssertionError(m.getName() + " takes a " + types[types.length - 1]
              + ", but the generated class has no " + simpleName);
        }
      }
      return null;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private Class<?> generatedClass() {
    try {
      return loader.loadClass(className + "Grad");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads component {@code name} of a generated record. */
  public static Object component(Object record, String name) {
    try {
      Method accessor = record.getClass().getMethod(name);
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
