package dev.gearbox.workstealing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The inject queue's consumer-side fields, then a cache line of padding: the JVM lays out a
 * superclass's fields before its subclass's, so {@link InjectQueue}'s producer-side fields (the
 * tail every remote spawn exchanges) start on another line than the head a worker moves under the
 * consumer lock, and a push and a pop do not take each other's line away.
 */
abstract class InjectQueueConsumerSide {
  static final VarHandle HEAD;
  static final VarHandle POPPED;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(InjectQueueConsumerSide.class, "head", ScheduledTask.class);
      POPPED = lookup.findVarHandle(InjectQueueConsumerSide.class, "popped", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Accessed through HEAD; written under the consumer lock, read by isEmpty() from any thread. */
  @SuppressWarnings("unused")
  volatile ScheduledTask<?> head;

  /** Accessed through POPPED; written under the consumer lock. */
  @SuppressWarnings("unused")
  volatile long popped;

  // Padding after the consumer side: never read or written.
  @SuppressWarnings("unused")
  private long pad0, pad1, pad2, pad3, pad4, pad5, pad6, pad7;

  InjectQueueConsumerSide(ScheduledTask<?> stub) {
    this.head = stub;
  }
}
