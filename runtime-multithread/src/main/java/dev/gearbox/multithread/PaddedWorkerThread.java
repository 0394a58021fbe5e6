package dev.gearbox.multithread;

/**
 * A {@link WorkerThread} followed by 64 bytes of padding. The JVM lays out a subclass's fields
 * after its superclass's, so these keep the next object in memory off the cache lines of the fields
 * a worker writes at every poll: whatever the collector places there (such as a constant object
 * every worker reads) would otherwise be pulled across the cores at every poll
 * (docs/decisions/0006).
 *
 * <p>This class and {@code runtime-workstealing}'s {@code PaddedWorkerThread} are one idea written
 * twice on purpose, under one name: padding must be declared by the most derived class, so no
 * shared base class in the SPI can supply it.
 */
final class PaddedWorkerThread extends WorkerThread {
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;

  PaddedWorkerThread(MultithreadScheduler scheduler, int slot, String name) {
    super(scheduler, slot, name);
  }
}
