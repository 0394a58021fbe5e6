/**
 * Async file-system calls ({@link dev.gearbox.fs.AsyncFiles}), as {@code async_std::fs} and {@code
 * tokio::fs}: the JDK's blocking {@link java.nio.file.Files} calls run on the blocking pool of the
 * runtime polling the future, and the future completes with the result or fails with the JDK's own
 * exception. Works on every runtime; from a thread of none it uses the default runtime of {@link
 * dev.gearbox.runtime.Async}.
 */
package dev.gearbox.fs;
