/**
 * Async sync primitives that work on every runtime: channels, and (in later versions) locks,
 * semaphores and the rest. Each waits by registering its caller's waker, never by blocking a
 * thread.
 */
package dev.gearbox.sync;
