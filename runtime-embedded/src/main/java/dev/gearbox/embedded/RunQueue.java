package dev.gearbox.embedded;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The run queue of one {@link Executor}: intrusive (tasks link through their own {@code runNext}),
 * many producers, one consumer that takes everything at once. No allocation.
 */
final class RunQueue {
  /*
   * Implementation notes: after Embassy's run_queue_atomics.rs, a Treiber stack. push links the
   * node to the old head and publishes it with one CAS (release), and reports whether the stack
   * was empty: only then must the executor be signalled (the "pender"), since a non-empty stack
   * means a signal is already on its way or the executor has yet to take the queue. takeAll
   * detaches the whole stack with one getAndSet (acquire) and reverses it, so a batch runs in
   * the order of the wakes. A node is in the stack at most once: its owner's state machine sets a
   * "queued" bit with a CAS before pushing and clears it only after the executor took the stack.
   *
   * Fields: `head` any thread (CAS); the nodes' runNext by the pusher before its CAS, then by the
   * executor thread after takeAll.
   */
  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(RunQueue.class, "head", TaskNode.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through HEAD
  private volatile TaskNode head;

  /**
   * Pushes {@code node}; any thread.
   *
   * @param node a node not in the queue
   * @return true if the queue was empty before: the caller signals the executor
   */
  boolean push(TaskNode node) {
    TaskNode current = head;
    while (true) {
      node.runNext(current);
      TaskNode witness = (TaskNode) HEAD.compareAndExchange(this, current, node);
      if (witness == current) {
        return current == null;
      }
      current = witness;
    }
  }

  /**
   * Takes every queued node, oldest first; executor thread only.
   *
   * @return the first node of the batch, linked through runNext, or null if empty
   */
  TaskNode takeAll() {
    TaskNode node = (TaskNode) HEAD.getAndSet(this, null);
    TaskNode reversed = null;
    while (node != null) {
      TaskNode next = node.runNext();
      node.runNext(reversed);
      reversed = node;
      node = next;
    }
    return reversed;
  }

  /**
   * Whether nothing is queued; any thread.
   *
   * @return true if empty
   */
  boolean isEmpty() {
    return head == null;
  }
}
