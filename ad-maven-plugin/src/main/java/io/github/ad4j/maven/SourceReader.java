package io.github.ad4j.maven;

import io.github.ad4j.core.SourceFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Finds the Java sources under some directories and reads them in the configured encoding, for
 * every goal that hands sources to ad-core. Problems the user can fix (a bad pattern, an unknown
 * encoding, text that is not in it) fail the build; I/O failures are execution errors.
 */
final class SourceReader {

  private final SourceScanner scanner;
  private final String encoding;

  /**
   * @param encoding the configured encoding; blank or null for UTF-8
   */
  SourceReader(SourceScanner scanner, String encoding) {
    this.scanner = scanner;
    this.encoding = encoding;
  }

  /** The sources under {@code roots}, in the scanner's order. */
  List<SourceFile> read(List<Path> roots) throws MojoExecutionException, MojoFailureException {
    Charset charset = charset();
    List<SourceFile> sources = new ArrayList<>();
    for (Path file : find(roots)) {
      try {
        sources.add(new SourceFile(file.toString(), Files.readString(file, charset)));
      } catch (CharacterCodingException e) {
        throw new MojoFailureException(
            "ad4j: " + file + " is not valid " + charset + " text; set"
                + " project.build.sourceEncoding (or the plugin's encoding) to the encoding the"
                + " sources are saved in");
      } catch (IOException e) {
        throw new MojoExecutionException("ad4j: cannot read " + file + ": " + e, e);
      }
    }
    return sources;
  }

  private List<Path> find(List<Path> roots) throws MojoExecutionException, MojoFailureException {
    try {
      return scanner.scan(roots);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("ad4j: bad include/exclude pattern: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("ad4j: cannot list the source files: " + e, e);
    }
  }

  private Charset charset() throws MojoFailureException {
    if (encoding == null || encoding.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(encoding.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new MojoFailureException("ad4j: unknown encoding '" + encoding + "'");
    }
  }
}
