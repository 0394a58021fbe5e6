package dev.gearbox.spi;

/**
 * Where, when and under what name a task was spawned, kept by the task when spawn-site capture
 * ({@code gearbox.spawnSite}) is on or the task was spawned with a name.
 *
 * @param spawnNanos the {@link System#nanoTime()} of the spawn
 * @param site the first frame outside Gearbox that spawned it, as {@code Class.method(File:line)},
 *     or null when spawn sites are not captured
 * @param name the name it was spawned with, or null
 */
record TaskOrigin(long spawnNanos, String site, String name) {
  /** This origin with {@code name}. */
  TaskOrigin named(String name) {
    return new TaskOrigin(spawnNanos, site, name);
  }
}
