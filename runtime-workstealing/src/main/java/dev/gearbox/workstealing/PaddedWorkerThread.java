package dev.gearbox.workstealing;

/**
 * A {@link WorkerThread} followed by 64 bytes of padding. The JVM lays out a subclass's fields
 * after its superclass's, so these keep the next object in memory off the cache line of the fields
 * a worker writes at every poll and wake (its LIFO slot, tick counters and budget). Without them,
 * where the collector happened to place the next object would decide, per JVM, whether another
 * core's reads of that object (such as another worker's header, read by every {@code instanceof}
 * check of the current thread) miss in cache at every poll (docs/decisions/0006).
 *
 * <p>This class and {@code runtime-multithread}'s {@code PaddedWorkerThread} are one idea written
 * twice on purpose, under one name: padding must be declared by the most derived class, so no
 * shared base class in the SPI can supply it.
 */
final class PaddedWorkerThread extends WorkerThread {
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;

  PaddedWorkerThread(WorkStealingScheduler scheduler, int index, String name) {
    super(scheduler, index, name);
  }
}
