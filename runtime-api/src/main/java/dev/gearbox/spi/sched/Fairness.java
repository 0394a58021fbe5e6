package dev.gearbox.spi.sched;

/**
 * How often a busy worker looks away from its own tasks (Tokio's {@code global_queue_interval} and
 * {@code event_interval}): the default intervals, counted in ticks, one tick a task poll. Both are
 * 61, Tokio's value: prime, so the two looks never fall into step with a workload's period, and
 * small enough that a task woken from outside or by I/O waits for at most 61 polls of others.
 *
 * <p>Every runtime counts its ticks against these defaults: {@code runtime-workstealing} (where the
 * global queue's interval is configurable) and {@code runtime-multithread} look at the global queue
 * every {@link #GLOBAL_QUEUE_INTERVAL} ticks; {@code runtime-workstealing} and {@code
 * runtime-embedded} poll their I/O and fire due timers every {@link #EVENT_INTERVAL} ticks ({@code
 * runtime-multithread}'s driver has a thread of its own); {@code runtime-minimal}'s runners do both
 * at one tick, every {@code GLOBAL_QUEUE_AND_EVENT_INTERVAL}, since they look at the global queue
 * and the driver together.
 */
public final class Fairness {
  /** Ticks between two looks at the global queue ahead of the local queue. */
  public static final int GLOBAL_QUEUE_INTERVAL = 61;

  /** Ticks between two non-blocking polls of the timers and I/O driver by a busy worker. */
  public static final int EVENT_INTERVAL = 61;

  private Fairness() {}
}
