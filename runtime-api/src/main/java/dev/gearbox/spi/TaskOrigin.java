package dev.gearbox.spi;

/**
 * Where and when a task was spawned, kept by the task when spawn-site capture ({@code
 * gearbox.spawnSite}) is on.
 *
 * @param spawnNanos the {@link System#nanoTime()} of the spawn
 * @param site the first frame outside Gearbox that spawned it, as {@code Class.method(File:line)}
 */
record TaskOrigin(long spawnNanos, String site) {}
