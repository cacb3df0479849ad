package io.github.ad4j.maven;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A SHA-256 digest of what a goal's whole output depends on: the generator's code and the goal's
 * configuration (the sources and the context are compared one by one, by {@link
 * FingerprintFile}). Two runs with the same fingerprint generate the same files for the same
 * sources and report the same diagnostics (the generator is deterministic), so the second has
 * only what the changed sources reach to generate.
 *
 * <p>Every value is added with its length in front, so no two different sequences of values give
 * the same stream of bytes ({@code "ab", "c"} and {@code "a", "bc"} differ). Nothing is parsed:
 * computing a fingerprint costs hashing the bytes, far less than generating.
 */
final class Fingerprint {

  /**
   * Changes whenever what goes into a fingerprint, or the file that stores it, changes meaning,
   * so that a fingerprint written by an older plugin never matches.
   */
  static final String FORMAT = "ad4j-fingerprint-3";

  private final MessageDigest digest = sha256();

  Fingerprint() {
    add(FORMAT);
  }

  /** Adds a named configuration value; {@code null} is distinct from every string. */
  Fingerprint add(String name, Object value) {
    add(name);
    add(value == null ? "\0null" : "=" + value);
    return this;
  }

  /** Adds a named list of values (the order counts). */
  Fingerprint addAll(String name, List<String> values) {
    add(name);
    add(values.size());
    values.forEach(this::add);
    return this;
  }

  /**
   * Adds the code of the generator: the bytes of the jar (or class directory) each of {@code
   * classes} was loaded from, which catch a rebuilt SNAPSHOT whose version string did not change,
   * and the file names of every jar on their class loader's class path, which name the versions
   * of the libraries the generator uses (JavaParser, JavaPoet).
   *
   * @throws IOException if the code of a class cannot be located or read
   */
  Fingerprint generator(Class<?>... classes) throws IOException {
    add("generator");
    Set<ClassLoader> seen = new HashSet<>();
    for (Class<?> type : classes) {
      code(type.getName(), codeSource(type));
      // the classes usually share one loader: its class path counts once
      if (type.getClassLoader() instanceof URLClassLoader loader && seen.add(loader)) {
        for (URL url : loader.getURLs()) {
          String path = url.getPath();
          add(path.substring(path.lastIndexOf('/', path.length() - 2) + 1));
        }
      }
    }
    return this;
  }

  /** Adds the bytes of a jar or class directory that holds the code named {@code name}. */
  Fingerprint code(String name, Path code) throws IOException {
    add(name);
    add(codeDigest(code));
    return this;
  }

  /** The fingerprint, as 64 hexadecimal digits. */
  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private void add(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    add(bytes.length);
    digest.update(bytes);
  }

  private void add(int value) {
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value).array());
  }

  /**
   * The jar file or class directory {@code type} was loaded from.
   *
   * @throws IOException if it is not a file or directory (a class of the JDK, say)
   */
  static Path codeSource(Class<?> type) throws IOException {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IOException("no code source for " + type.getName());
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      if (!Files.exists(path)) {
        throw new IOException("the code source of " + type.getName() + " is gone: " + path);
      }
      return path;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException(
          "the code source of " + type.getName() + " is not a file: " + source.getLocation(), e);
    }
  }

  /**
   * The SHA-256 digest of a jar's bytes, or of a class directory's files (each one's path
   * relative to the directory and its bytes, in sorted order).
   */
  static String codeDigest(Path code) throws IOException {
    MessageDigest digest = sha256();
    if (Files.isDirectory(code)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(code)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        String relative = code.relativize(file).toString().replace('\\', '/');
        digest.update(relative.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(fileDigest(file));
      }
    } else {
      digest.update(fileDigest(code));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 digest of a file's bytes. */
  static byte[] fileDigest(Path file) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }

  /** The SHA-256 digest of {@code bytes}, as hexadecimal digits. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
