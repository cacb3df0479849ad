package io.github.ad4j.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes a file only when its bytes change, and then atomically.
 *
 * <p>Skipping identical content keeps the file's timestamp, so an unchanged build recompiles
 * nothing. The new content goes to a temporary file in the same directory, which is then renamed
 * over the target: a reader (an IDE, a concurrent compiler) sees the old file or the new one,
 * never half of one, and a crash leaves at most a hidden {@code .tmp} file that no compiler picks
 * up.
 */
final class AtomicWriter {

  private AtomicWriter() {}

  /**
   * Makes {@code target} hold exactly {@code content}, creating parent directories as needed.
   *
   * @return {@code true} if the file was written, {@code false} if it already held these bytes
   * @throws IOException if the file cannot be read or written
   */
  static boolean writeIfChanged(Path target, byte[] content) throws IOException {
    if (hasContent(target, content)) {
      return false;
    }
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    // Not Files.createTempFile: on POSIX it creates the file rw------- and the rename would
    // carry that mode over to the target; a plain CREATE_NEW gets the usual umask mode.
    Path temporary =
        directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
        out.write(content);
      }
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return true;
  }

  private static boolean hasContent(Path target, byte[] content) throws IOException {
    return Files.isRegularFile(target)
        && Files.size(target) == content.length
        && Arrays.equals(Files.readAllBytes(target), content);
  }

  private static void move(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems (certain network and container mounts) cannot rename atomically;
      // a plain replace is the best they offer.
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
