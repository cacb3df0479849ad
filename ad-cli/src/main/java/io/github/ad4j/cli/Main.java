package io.github.ad4j.cli;

import io.github.ad4j.core.DerivativeGenerator;
import io.github.ad4j.core.Diagnostic;
import io.github.ad4j.core.GeneratedFile;
import io.github.ad4j.core.GenerationResult;
import io.github.ad4j.core.SourceFile;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command line: {@code java -jar ad-cli.jar [options] FILE-OR-DIRECTORY...} generates the
 * derivative classes of the {@code @Differentiable} methods in the given Java files (and the
 * {@code .java} files below the given directories) and prints them, or writes them to a folder.
 *
 * <p>Problems in the sources go to standard error as {@code path:line:col: message}; the classes
 * of the methods that could be differentiated are still printed or written. Exit status: 0 when
 * every method was differentiated, 1 when a method could not be, 2 for a usage error, a file that
 * cannot be read or written, or an internal error.
 */
public final class Main {

  /** Every method was differentiated. */
  public static final int OK = 0;

  /** A method could not be differentiated; its problems went to standard error. */
  public static final int SOURCE_ERRORS = 1;

  /** Bad arguments, unreadable input, unwritable output, or a bug in ad4j. */
  public static final int FAILURE = 2;

  static final String USAGE =
      """
      Usage: java -jar ad-cli.jar [options] FILE-OR-DIRECTORY...

      Generates the derivatives of the @Differentiable methods in the given Java files (and in the
      .java files below the given directories) and prints the generated classes.

      Options:
        -m, --method NAME     print only the generated methods of the method NAME
        -o, --output DIR      write the classes below DIR (p/CGrad.java) instead of printing them
        -e, --encoding NAME   the encoding of the sources (default UTF-8)
        -h, --help            print this help

      Problems go to standard error as path:line:col: message. Exit status: 0 when every method
      was differentiated, 1 when one could not be, 2 for a usage error or a file that cannot be
      read or written.
      """;

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    // generated code has non-ASCII characters (∂): print it in UTF-8, whatever the platform
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs the command line.
   *
   * @param args the arguments, as {@link #USAGE} describes them
   * @param out where generated source (or the paths written) goes
   * @param err where problems go
   * @return the exit status: {@link #OK}, {@link #SOURCE_ERRORS} or {@link #FAILURE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("ad4j: " + e.getMessage());
      err.println("Try --help.");
      return FAILURE;
    }
    if (options.help()) {
      out.print(USAGE);
      return OK;
    }
    List<SourceFile> sources;
    try {
      sources = read(options);
    } catch (IOException | UncheckedIOException e) {
      err.println("ad4j: " + e.getMessage());
      return FAILURE;
    }

    GenerationResult result;
    try {
      result = DerivativeGenerator.create().generate(sources);
    } catch (RuntimeException | StackOverflowError e) {
      err.println("ad4j: internal error (" + e + "). This is a bug in ad4j, not in your code:"
          + " please report it with the @Differentiable method being processed.");
      return FAILURE;
    }
    for (Diagnostic diagnostic : result.diagnostics()) {
      err.println(
          (diagnostic.severity() == Diagnostic.Severity.WARNING ? "warning: " : "")
              + diagnostic.format());
    }
    int status = result.hasErrors() ? SOURCE_ERRORS : OK;

    if (options.method() != null) {
      return printMethod(result.files(), options.method(), out, err, status);
    }
    if (options.output() != null) {
      try {
        for (GeneratedFile file : result.files()) {
          Path target = options.output().resolve(file.relativePath());
          Files.createDirectories(target.getParent());
          Files.writeString(target, file.content(), StandardCharsets.UTF_8);
          out.println(target);
        }
      } catch (IOException e) {
        err.println("ad4j: cannot write to " + options.output() + ": " + e);
        return FAILURE;
      }
      return status;
    }
    for (int i = 0; i < result.files().size(); i++) {
      out.print((i == 0 ? "" : System.lineSeparator()) + result.files().get(i).content());
    }
    return status;
  }

  /** Prints the generated members of {@code method}, from every class that has some. */
  private static int printMethod(
      List<GeneratedFile> files, String method, PrintStream out, PrintStream err, int status) {
    boolean found = false;
    for (GeneratedFile file : files) {
      Optional<String> members = MethodSelector.select(file.content(), method);
      if (members.isPresent()) {
        out.print((found ? System.lineSeparator() : "") + "// " + file.relativePath()
            + System.lineSeparator() + members.get());
        found = true;
      }
    }
    if (!found && status == OK) {
      err.println("ad4j: no @Differentiable method named " + method + " in the given files");
      return FAILURE;
    }
    return status; // if not found with errors: its problems went to standard error above
  }

  private static List<SourceFile> read(Options options) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : options.inputs()) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(p -> p.getFileName().toString().endsWith(".java"))
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new IOException("no such file or directory: " + path);
      }
    }
    List<SourceFile> sources = new ArrayList<>();
    for (Path file : files) {
      try {
        sources.add(new SourceFile(file.toString(), Files.readString(file, options.encoding())));
      } catch (CharacterCodingException e) {
        throw new IOException(file + " is not valid " + options.encoding() + " text; give its"
            + " encoding with --encoding", e);
      } catch (IOException e) {
        throw new IOException("cannot read " + file + ": " + e, e);
      }
    }
    return sources;
  }

  /**
   * The parsed arguments.
   *
   * @param inputs the files and directories to read
   * @param method the method whose derivatives alone are printed, or {@code null}
   * @param output the directory to write to, or {@code null} to print
   * @param encoding the sources' encoding
   * @param help whether to print the usage and stop
   */
  record Options(List<Path> inputs, String method, Path output, Charset encoding, boolean help) {

    Options {
      inputs = List.copyOf(inputs);
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a message for the user if they are not valid
     */
    static Options parse(String[] args) {
      List<Path> inputs = new ArrayList<>();
      String method = null;
      Path output = null;
      Charset encoding = StandardCharsets.UTF_8;
      boolean options = true;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (options && (arg.equals("-h") || arg.equals("--help"))) {
          return new Options(List.of(), null, null, encoding, true);
        } else if (options && (arg.equals("-m") || arg.equals("--method"))) {
          method = value(args, ++i, arg);
          if (!method.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*")) {
            throw new IllegalArgumentException(arg + " " + method + ": not a method name");
          }
        } else if (options && (arg.equals("-o") || arg.equals("--output"))) {
          output = Path.of(value(args, ++i, arg));
        } else if (options && (arg.equals("-e") || arg.equals("--encoding"))) {
          String name = value(args, ++i, arg);
          try {
            encoding = Charset.forName(name);
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown encoding " + name);
          }
        } else if (options && arg.equals("--")) {
          options = false;
        } else if (options && arg.startsWith("-")) {
          throw new IllegalArgumentException("unknown option " + arg);
        } else {
          inputs.add(Path.of(arg));
        }
      }
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException("no Java files given");
      }
      if (method != null && output != null) {
        throw new IllegalArgumentException("--method prints; it cannot be combined with --output");
      }
      return new Options(inputs, method, output, encoding, false);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }
}
