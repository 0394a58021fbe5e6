package dev.gearbox.embedded;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The run queue of one {@link EmbeddedExecutor}: intrusive (tasks link through their own {@code
 * runNext}), many producers, one consumer that takes everything at once. No allocation.
 *
 * <p>Two lists: other threads push on a lock-free stack ({@link #push}); the executor thread
 * appends to a list of its own ({@link #pushLocal}) with no atomic operation. {@link #takeAll}
 * takes both: the executor thread's wakes in their order, then the other threads' in theirs.
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
   * The executor thread's own wakes and spawns (a task waking or spawning another, a timer it
   * fires) skip the stack: they append to `localHead`/`localTail`, a plain FIFO list, and need no
   * signal since the executor is awake. takeAll empties it with the stack, so those wakes, like
   * every other, run in the next batch.
   *
   * Fields: `head` any thread (CAS); the nodes' runNext by the pusher before its CAS, then by the
   * executor thread after takeAll. `localHead`, `localTail` and the runNext of nodes in the local
   * list: the executor thread only.
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

  private TaskNode localHead;
  private TaskNode localTail;

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
   * Appends {@code node}; the executor thread only. No atomic operation, no signal.
   *
   * @param node a node not in the queue
   */
  void pushLocal(TaskNode node) {
    node.runNext(null);
    TaskNode tail = localTail;
    if (tail == null) {
      localHead = node;
    } else {
      tail.runNext(node);
    }
    localTail = node;
  }

  /**
   * Takes every queued node: the executor thread's in the order they were pushed, then the other
   * threads' in theirs; executor thread only.
   *
   * @return the first node of the batch, linked through runNext, or null if empty
   */
  TaskNode takeAll() {
    TaskNode remote = head == null ? null : takeRemote();
    TaskNode local = localHead;
    if (local == null) {
      return remote;
    }
    localTail.runNext(remote);
    localHead = null;
    localTail = null;
    return local;
  }

  private TaskNode takeRemote() {
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
   * Whether nothing is queued; the executor thread only (it reads the executor's own list).
   *
   * @return true if empty
   */
  boolean isEmpty() {
    return localHead == null && head == null;
  }

  /**
   * Hands up to {@code max} queued nodes to {@code visitor}, for task dumps; any thread. The links
   * are read without synchronisation while the executor may relink them, so the walk is bounded and
   * may miss a node or show one twice.
   */
  void forEachForDump(Consumer<TaskNode> visitor, int max) {
    TaskWalk.walk(head, visitor, max);
    TaskWalk.walk(localHead, visitor, max);
  }
}
