package dev.gearbox.multithread;

import static dev.gearbox.multithread.TestRuntimes.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.fs.AsyncFiles;
import dev.gearbox.future.Future;
import dev.gearbox.runtime.Async;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.stream.Stream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/** Every call of {@link AsyncFiles}, its result, and the JDK exception it fails with. */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class AsyncFilesTest {
  @TempDir Path dir;
  private Runtime runtime;

  @BeforeEach
  void start() {
    runtime = TestRuntimes.create("gearbox.workers", "2", "gearbox.threadNamePrefix", "files-");
  }

  @AfterEach
  void stop() {
    assertThat(runtime.shutdown(WAIT)).isTrue();
  }

  /** Awaits {@code future} in a task of the runtime, as application code would. */
  private <T> T await(Future<T> future) {
    return runtime.spawn(future).join(); // bounded by the class's @Timeout
  }

  /** The exception {@code future} fails with when awaited in a task (the handle's cause). */
  private Throwable failure(Future<?> future) {
    try {
      await(future);
    } catch (JoinException failed) {
      return failed.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void writesAndReadsBytesAndText() throws IOException {
    Path bytes = dir.resolve("bytes.bin");
    byte[] data = {1, 2, 3};
    assertThat(await(AsyncFiles.write(bytes, data))).isEqualTo(bytes);
    data[0] = 9; // the call copied the array
    assertThat(await(AsyncFiles.readAllBytes(bytes))).containsExactly(1, 2, 3);
    Path text = dir.resolve("text.txt");
    await(AsyncFiles.writeString(text, "héllo"));
    await(AsyncFiles.writeString(text, "\nworld", StandardOpenOption.APPEND));
    assertThat(await(AsyncFiles.readString(text))).isEqualTo("héllo\nworld");
    assertThat(Files.readString(text, StandardCharsets.UTF_8)).isEqualTo("héllo\nworld");
    await(AsyncFiles.writeString(text, "latin", StandardCharsets.ISO_8859_1));
    assertThat(await(AsyncFiles.readString(text, StandardCharsets.ISO_8859_1))).isEqualTo("latin");
    assertThat(await(AsyncFiles.size(text))).isEqualTo(5L);
  }

  @Test
  void aMissingFileFailsWithTheJdksExceptionUnwrapped() {
    Path missing = dir.resolve("missing.txt");
    assertThat(failure(AsyncFiles.readAllBytes(missing)))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing.txt");
    assertThat(failure(AsyncFiles.readString(missing))).isInstanceOf(NoSuchFileException.class);
    assertThat(failure(AsyncFiles.size(missing))).isInstanceOf(NoSuchFileException.class);
    assertThat(failure(AsyncFiles.delete(missing))).isInstanceOf(NoSuchFileException.class);
    assertThat(failure(AsyncFiles.copy(missing, dir.resolve("x"))))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(failure(AsyncFiles.move(missing, dir.resolve("x"))))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(failure(AsyncFiles.list(missing))).isInstanceOf(NoSuchFileException.class);
    assertThat(failure(AsyncFiles.walk(missing))).isInstanceOf(NoSuchFileException.class);
    assertThat(failure(AsyncFiles.lines(missing).collect()))
        .isInstanceOf(NoSuchFileException.class);
    // the future itself fails with it, not a wrapper: a recover sees the JDK's type
    assertThat(await(AsyncFiles.readString(missing).recover(e -> e.getClass().getSimpleName())))
        .isEqualTo("NoSuchFileException");
    // blockOn wraps checked exceptions in CompletionException, with the JDK's as cause
    assertThatThrownBy(() -> runtime.blockOn(AsyncFiles.readAllBytes(missing)))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(NoSuchFileException.class);
    assertThat(await(AsyncFiles.exists(missing))).isFalse();
    assertThat(await(AsyncFiles.deleteIfExists(missing))).isFalse();
  }

  @Test
  void directoriesAreCreatedListedWalkedAndDeleted() {
    Path nested = dir.resolve("a/b/c");
    assertThat(await(AsyncFiles.createDirectories(nested))).isEqualTo(nested);
    assertThat(await(AsyncFiles.exists(nested))).isTrue();
    await(AsyncFiles.writeString(dir.resolve("a/one.txt"), "1"));
    assertThat(await(AsyncFiles.list(dir.resolve("a"))))
        .containsExactlyInAnyOrder(dir.resolve("a/b"), dir.resolve("a/one.txt"));
    assertThat(await(AsyncFiles.walk(dir.resolve("a"))))
        .containsExactlyInAnyOrder(
            dir.resolve("a"), dir.resolve("a/b"), nested, dir.resolve("a/one.txt"));
    assertThat(await(AsyncFiles.walk(dir.resolve("a"), 1)))
        .containsExactlyInAnyOrder(dir.resolve("a"), dir.resolve("a/b"), dir.resolve("a/one.txt"));
    assertThat(failure(AsyncFiles.delete(dir.resolve("a"))))
        .isInstanceOf(DirectoryNotEmptyException.class);
    assertThat(failure(AsyncFiles.list(dir.resolve("a/one.txt"))))
        .isInstanceOf(NotDirectoryException.class);
    assertThat(failure(AsyncFiles.createDirectories(dir.resolve("a/one.txt"))))
        .isInstanceOf(FileAlreadyExistsException.class);
    await(AsyncFiles.delete(nested));
    assertThat(await(AsyncFiles.exists(nested))).isFalse();
    assertThatThrownBy(() -> AsyncFiles.walk(dir, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void copiesAndMoves() {
    Path source = dir.resolve("source.txt");
    Path copy = dir.resolve("copy.txt");
    Path moved = dir.resolve("moved.txt");
    await(AsyncFiles.writeString(source, "content"));
    assertThat(await(AsyncFiles.copy(source, copy))).isEqualTo(copy);
    assertThat(failure(AsyncFiles.copy(source, copy)))
        .isInstanceOf(FileAlreadyExistsException.class);
    await(AsyncFiles.copy(source, copy, StandardCopyOption.REPLACE_EXISTING));
    assertThat(await(AsyncFiles.move(copy, moved))).isEqualTo(moved);
    assertThat(await(AsyncFiles.exists(copy))).isFalse();
    assertThat(await(AsyncFiles.readString(moved))).isEqualTo("content");
  }

  @Test
  void linesAreStreamedInBatchesAndTheFileIsClosed() throws IOException {
    Path file = dir.resolve("lines.txt");
    List<String> written = IntStream.range(0, 1000).mapToObj(i -> "line " + i).toList();
    Files.write(file, written);
    assertThat(await(AsyncFiles.lines(file).collect())).isEqualTo(written);
    assertThat(await(AsyncFiles.lines(file).skip(300).take(2).collect()))
        .containsExactly("line 300", "line 301");
    Files.writeString(file, "");
    assertThat(await(AsyncFiles.lines(file).collect())).isEmpty();
    // the file is closed: it can be deleted on every platform, and reopened
    await(AsyncFiles.delete(file));
    Stream<String> dropped = AsyncFiles.lines(dir.resolve("never-read.txt"));
    dropped.drop(); // never polled: nothing was opened
  }

  @Test
  void fromAThreadOfNoRuntimeTheDefaultRuntimeRunsTheCall() throws IOException {
    Path file = dir.resolve("default.txt");
    Files.writeString(file, "via the default runtime");
    assertThat(Async.blockOn(AsyncFiles.readString(file))).isEqualTo("via the default runtime");
  }

  @Test
  void argumentsAreCheckedAtTheCall() {
    assertThatThrownBy(() -> AsyncFiles.readString(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("path");
    assertThatThrownBy(() -> AsyncFiles.copy(dir, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("target");
  }
}
