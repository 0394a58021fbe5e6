package dev.gearbox.spi.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@value #NAME}: the blocking pool ({@code spawnBlocking}) started a thread, because
 * queued calls outnumbered its idle threads.
 */
@Name(BlockingPoolGrowthEvent.NAME)
@Label("Blocking Pool Growth")
@Category({"Gearbox", "Blocking Pool"})
@Description("The blocking pool started a thread for queued blocking calls")
@StackTrace(false)
final class BlockingPoolGrowthEvent extends Event {
  /** The event's name in recordings. */
  static final String NAME = "dev.gearbox.BlockingPoolGrowth";

  @Label("Thread")
  @Description("The name of the new pool thread")
  String thread;

  @Label("Threads")
  @Description("The pool's threads, the new one included")
  int threads;

  @Label("Max Threads")
  @Description("The most threads the pool may have")
  int maxThreads;

  @Label("Queued")
  @Description("Blocking calls waiting for a thread when it started")
  int queued;
}
