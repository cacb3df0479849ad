package io.github.ad4j.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriterTest {

  @TempDir Path dir;

  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

  @Test
  void createsTheFileAndItsParents() throws IOException {
    Path target = dir.resolve("p/q/CGrad.java");

    boolean written = AtomicWriter.writeIfChanged(target, "class CGrad {}".getBytes(UTF_8));

    assertThat(written).isTrue();
    assertThat(target).hasContent("class CGrad {}");
  }

  @Test
  void leavesIdenticalContentUntouched() throws IOException {
    Path target = dir.resolve("CGrad.java");
    Files.writeString(target, "∂f/∂x", UTF_8);
    Files.setLastModifiedTime(target, LONG_AGO);

    boolean written = AtomicWriter.writeIfChanged(target, "∂f/∂x".getBytes(UTF_8));

    assertThat(written).isFalse();
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(LONG_AGO);
  }

  @Test
  void replacesDifferentContent() throws IOException {
    Path target = dir.resolve("CGrad.java");
    Files.writeString(target, "old old", UTF_8);

    boolean written = AtomicWriter.writeIfChanged(target, "new new".getBytes(UTF_8));

    assertThat(written).isTrue();
    assertThat(target).hasContent("new new");
  }

  @Test
  void replacesSameLengthDifferentContent() throws IOException {
    Path target = dir.resolve("CGrad.java");
    Files.writeString(target, "abc", UTF_8);

    assertThat(AtomicWriter.writeIfChanged(target, "abd".getBytes(UTF_8))).isTrue();
    assertThat(target).hasContent("abd");
  }

  @Test
  void writesUtf8BytesExactly() throws IOException {
    Path target = dir.resolve("CGrad.java");
    byte[] bytes = "/** ∂f/∂x */\n".getBytes(UTF_8);

    AtomicWriter.writeIfChanged(target, bytes);

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws IOException {
    Path target = dir.resolve("CGrad.java");
    AtomicWriter.writeIfChanged(target, "one".getBytes(UTF_8));
    AtomicWriter.writeIfChanged(target, "two".getBytes(UTF_8));
    AtomicWriter.writeIfChanged(target, "two".getBytes(UTF_8));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
