package dev.gearbox.fs;

import dev.gearbox.future.Future;
import dev.gearbox.stream.Stream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Objects;

/**
 * An async mirror of the most used calls of {@link Files}, as {@code async_std::fs} and {@code
 * tokio::fs}: each returns a future that runs the JDK call on the blocking pool of the runtime that
 * polls it (the default runtime of {@link dev.gearbox.runtime.Async} from a thread of none), so a
 * worker never blocks on the file system.
 *
 * <pre>{@code
 * Future<Integer> words = AsyncFiles.readString(Path.of("notes.txt"))
 *     .map(text -> text.split("\\s+").length);
 * }</pre>
 *
 * <p>Futures do nothing until polled: the call is made at the first poll. A future fails with the
 * exception the JDK call throws, unwrapped: {@link java.nio.file.NoSuchFileException}, {@link
 * java.nio.file.FileAlreadyExistsException}, {@link java.nio.file.DirectoryNotEmptyException},
 * {@link java.nio.file.AccessDeniedException} and the other {@link java.io.IOException}s, as the
 * JDK's call would have thrown them (a task awaiting it fails with that exception as cause; {@code
 * blockOn} throws it inside a {@code CompletionException}). Bad arguments ({@code null}) fail at
 * once, as in the JDK. If the runtime shuts down first the future fails with a cancelled {@code
 * JoinException}. Dropping a future before its call started cancels the call; once started it runs
 * to the end, like any blocking call.
 *
 * <p>Cost: one blocking-pool task per call (a hand-off to a pool thread and back), so batch small
 * operations where it matters. The byte and text arguments are copied or captured at the call.
 */
public final class AsyncFiles {
  private AsyncFiles() {}

  private static <T> Future<T> blocking(java.util.concurrent.Callable<T> call) {
    return new BlockingCall<>(call);
  }

  /**
   * Reads all the bytes of a file, as {@link Files#readAllBytes}.
   *
   * @param path the file
   * @return the bytes
   */
  public static Future<byte[]> readAllBytes(Path path) {
    Objects.requireNonNull(path, "path");
    return blocking(() -> Files.readAllBytes(path));
  }

  /**
   * Reads a file as UTF-8 text, as {@link Files#readString(Path)}.
   *
   * @param path the file
   * @return the text; fails with {@link java.nio.charset.MalformedInputException} on bad UTF-8
   */
  public static Future<String> readString(Path path) {
    return readString(path, StandardCharsets.UTF_8);
  }

  /**
   * Reads a file as text in {@code charset}, as {@link Files#readString(Path, Charset)}.
   *
   * @param path the file
   * @param charset its encoding
   * @return the text
   */
  public static Future<String> readString(Path path, Charset charset) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(charset, "charset");
    return blocking(() -> Files.readString(path, charset));
  }

  /**
   * Writes bytes to a file, as {@link Files#write(Path, byte[], OpenOption...)}: by default it
   * creates the file or truncates it. The array is copied at the call.
   *
   * @param path the file
   * @param bytes what to write
   * @param options how to open the file
   * @return the path
   */
  public static Future<Path> write(Path path, byte[] bytes, OpenOption... options) {
    Objects.requireNonNull(path, "path");
    byte[] copy = bytes.clone();
    OpenOption[] opened = options.clone();
    return blocking(() -> Files.write(path, copy, opened));
  }

  /**
   * Writes text as UTF-8, as {@link Files#writeString(Path, CharSequence, OpenOption...)}.
   *
   * @param path the file
   * @param text what to write, captured at the call
   * @param options how to open the file
   * @return the path
   */
  public static Future<Path> writeString(Path path, CharSequence text, OpenOption... options) {
    return writeString(path, text, StandardCharsets.UTF_8, options);
  }

  /**
   * Writes text in {@code charset}, as {@link Files#writeString(Path, CharSequence, Charset,
   * OpenOption...)}.
   *
   * @param path the file
   * @param text what to write, captured at the call
   * @param charset the encoding
   * @param options how to open the file
   * @return the path
   */
  public static Future<Path> writeString(
      Path path, CharSequence text, Charset charset, OpenOption... options) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(charset, "charset");
    String captured = text.toString();
    OpenOption[] opened = options.clone();
    return blocking(() -> Files.writeString(path, captured, charset, opened));
  }

  /**
   * The lines of a UTF-8 file as a stream, as {@link Files#lines(Path)}: read lazily, in batches of
   * 256 lines on the blocking pool; the file is closed at the end, on a failure, or when the stream
   * is dropped. Polling it fails with the {@code IOException} the read throws ({@link
   * java.nio.file.NoSuchFileException} for a missing file), not wrapped in an {@link
   * java.io.UncheckedIOException} as the JDK's stream wraps it.
   *
   * @param path the file
   * @return the lines, without their line terminators
   */
  public static Stream<String> lines(Path path) {
    return lines(path, StandardCharsets.UTF_8);
  }

  /**
   * The lines of a file in {@code charset} as a stream, as {@link Files#lines(Path, Charset)}.
   *
   * @param path the file
   * @param charset its encoding
   * @return the lines
   */
  public static Stream<String> lines(Path path, Charset charset) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(charset, "charset");
    return new LinesStream(path, charset);
  }

  /**
   * The entries of a directory, as {@link Files#list}, collected into a list (the directory is
   * closed before the future completes).
   *
   * @param dir the directory
   * @return its entries, in the order the file system gives them; fails with {@link
   *     java.nio.file.NotDirectoryException} if {@code dir} is not a directory
   */
  public static Future<List<Path>> list(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return blocking(
        () -> {
          try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
          }
        });
  }

  /**
   * Every file and directory under {@code start}, {@code start} first, as {@link Files#walk(Path,
   * FileVisitOption...)}, collected into a list.
   *
   * @param start where to start
   * @param options {@link FileVisitOption#FOLLOW_LINKS} to follow symbolic links
   * @return the paths, depth first
   */
  public static Future<List<Path>> walk(Path start, FileVisitOption... options) {
    return walk(start, Integer.MAX_VALUE, options);
  }

  /**
   * As {@link #walk(Path, FileVisitOption...)}, down to {@code maxDepth} levels ({@link
   * Files#walk(Path, int, FileVisitOption...)}).
   *
   * @param start where to start
   * @param maxDepth the deepest level to visit; 0 for {@code start} alone
   * @param options {@link FileVisitOption#FOLLOW_LINKS} to follow symbolic links
   * @return the paths, depth first
   * @throws IllegalArgumentException if {@code maxDepth} is negative
   */
  public static Future<List<Path>> walk(Path start, int maxDepth, FileVisitOption... options) {
    Objects.requireNonNull(start, "start");
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be 0 or more, got " + maxDepth);
    }
    FileVisitOption[] visit = options.clone();
    return blocking(
        () -> {
          try (java.util.stream.Stream<Path> paths = Files.walk(start, maxDepth, visit)) {
            return paths.toList();
          }
        });
  }

  /**
   * Creates a directory and its missing parents, as {@link Files#createDirectories}.
   *
   * @param dir the directory
   * @param attributes attributes to set on the directories created
   * @return the directory; fails with {@link java.nio.file.FileAlreadyExistsException} if it exists
   *     and is not a directory
   */
  public static Future<Path> createDirectories(Path dir, FileAttribute<?>... attributes) {
    Objects.requireNonNull(dir, "dir");
    FileAttribute<?>[] attrs = attributes.clone();
    return blocking(() -> Files.createDirectories(dir, attrs));
  }

  /**
   * Deletes a file or an empty directory, as {@link Files#delete}.
   *
   * @param path what to delete
   * @return completes with null; fails with {@link java.nio.file.NoSuchFileException} if missing,
   *     {@link java.nio.file.DirectoryNotEmptyException} for a directory with entries
   */
  public static Future<Void> delete(Path path) {
    Objects.requireNonNull(path, "path");
    return blocking(
        () -> {
          Files.delete(path);
          return null;
        });
  }

  /**
   * Deletes a file or an empty directory if it exists, as {@link Files#deleteIfExists}.
   *
   * @param path what to delete
   * @return true if it was deleted, false if it did not exist
   */
  public static Future<Boolean> deleteIfExists(Path path) {
    Objects.requireNonNull(path, "path");
    return blocking(() -> Files.deleteIfExists(path));
  }

  /**
   * Copies a file, as {@link Files#copy(Path, Path, CopyOption...)}.
   *
   * @param source the file to copy
   * @param target where to copy it
   * @param options such as {@link java.nio.file.StandardCopyOption#REPLACE_EXISTING}
   * @return the target; fails with {@link java.nio.file.FileAlreadyExistsException} if it exists
   *     and REPLACE_EXISTING is not given
   */
  public static Future<Path> copy(Path source, Path target, CopyOption... options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    CopyOption[] copyOptions = options.clone();
    return blocking(() -> Files.copy(source, target, copyOptions));
  }

  /**
   * Moves or renames a file, as {@link Files#move}.
   *
   * @param source the file to move
   * @param target where to move it
   * @param options such as {@link java.nio.file.StandardCopyOption#ATOMIC_MOVE}
   * @return the target
   */
  public static Future<Path> move(Path source, Path target, CopyOption... options) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    CopyOption[] moveOptions = options.clone();
    return blocking(() -> Files.move(source, target, moveOptions));
  }

  /**
   * The size of a file in bytes, as {@link Files#size}.
   *
   * @param path the file
   * @return its size
   */
  public static Future<Long> size(Path path) {
    Objects.requireNonNull(path, "path");
    return blocking(() -> Files.size(path));
  }

  /**
   * Whether a file exists, as {@link Files#exists}; never fails for a missing file.
   *
   * @param path the file
   * @param options {@link LinkOption#NOFOLLOW_LINKS} not to follow a symbolic link
   * @return true if it exists
   */
  public static Future<Boolean> exists(Path path, LinkOption... options) {
    Objects.requireNonNull(path, "path");
    LinkOption[] linkOptions = options.clone();
    return blocking(() -> Files.exists(path, linkOptions));
  }
}
