package io.github.ad4j.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory with javac, as strictly as users do ({@code -Xlint:all
 * -Werror}), and loads the classes.
 */
public final class InMemoryCompiler {

  private InMemoryCompiler() {}

  /**
   * Compiles {@code sources} (path to text, such as {@code p/C.java}) and returns a class loader
   * for them.
   *
   * @throws AssertionError with javac's messages if compilation fails or warns
   */
  public static ClassLoader compile(Map<String, String> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
    Map<String, ByteArrayOutputStream> classes = new HashMap<>();
    ForwardingJavaFileManager<StandardJavaFileManager> manager =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
              @Override
              public OutputStream openOutputStream() {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                classes.put(className, out);
                return out;
              }
            };
          }
        };
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach(
        (path, text) ->
            units.add(
                new SimpleJavaFileObject(URI.create("mem:///" + path), JavaFileObject.Kind.SOURCE) {
                  @Override
                  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                  }
                }));
    List<String> options =
        List.of(
            "-Xlint:all", "-Werror", "-proc:none", "-classpath",
            System.getProperty("java.class.path"));
    StringWriter out = new StringWriter();
    boolean ok = javac.getTask(out, manager, diagnostics, options, null, units).call();
    if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
      StringBuilder message = new StringBuilder("javac failed:\n" + out);
      diagnostics.getDiagnostics().forEach(d -> message.append(d).append('\n'));
      sources.forEach((path, text) -> message.append("--- ").append(path).append('\n').append(text));
      throw new AssertionError(message.toString());
    }
    return new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        ByteArrayOutputStream bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] b = bytes.toByteArray();
        return defineClass(name, b, 0, b.length);
      }
    };
  }
}
