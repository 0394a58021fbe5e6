package dev.gearbox.embedded;

/**
 * The timers of one {@link EmbeddedExecutor}, intrusive through its tasks (Embassy's integrated
 * timer queue): each task waiting for time is linked once, with the earliest deadline it waits for.
 * EmbeddedExecutor thread only; no allocation, unbounded (a task holds its own links).
 */
final class TimerQueue {
  /*
   * Implementation notes: a doubly-linked list of TimerLinks, one per waiting task, and `earliest`,
   * a lower bound of the deadlines in it. schedule lowers a task's deadline to the new one
   * (min: a task waiting for several timers wakes at the first). fireDue walks the list only once
   * `earliest` is reached: it wakes and unlinks every due task (its deadline back to NEVER) and
   * recomputes `earliest`. A task that polls a timer again after a wake re-registers it; a stale,
   * earlier deadline only causes a spurious wake, which the poll model allows. Walking costs
   * O(waiting tasks) per due deadline, as Embassy's does.
   */
  private TimerLinks head;
  private long earliest = TimeDriver.NEVER;
  private int size;

  /**
   * Wakes {@code links}' task at {@code deadline} at the latest.
   *
   * @param links the task's links
   * @param deadline a tick reading
   */
  void schedule(TimerLinks links, long deadline) {
    if (deadline < links.expiresAt) {
      links.expiresAt = deadline;
    }
    if (!links.linked) {
      links.linked = true;
      links.previous = null;
      links.next = head;
      if (head != null) {
        head.previous = links;
      }
      head = links;
      size++;
    }
    if (deadline < earliest) {
      earliest = deadline;
    }
  }

  /**
   * Unlinks {@code links} if linked (a pooled task that finished).
   *
   * @param links the task's links
   */
  void remove(TimerLinks links) {
    if (!links.linked) {
      return;
    }
    if (links.previous != null) {
      links.previous.next = links.next;
    } else {
      head = links.next;
    }
    if (links.next != null) {
      links.next.previous = links.previous;
    }
    links.previous = null;
    links.next = null;
    links.linked = false;
    links.expiresAt = TimeDriver.NEVER;
    size--;
  }

  /**
   * Wakes the tasks whose deadline is at or before {@code now}.
   *
   * @param now the current tick reading
   * @return the number of tasks woken
   */
  int fireDue(long now) {
    if (now < earliest) {
      return 0;
    }
    int fired = 0;
    long next = TimeDriver.NEVER;
    TimerLinks links = head;
    while (links != null) {
      TimerLinks following = links.next;
      if (links.expiresAt <= now) {
        remove(links);
        links.task.wake();
        fired++;
      } else if (links.expiresAt < next) {
        next = links.expiresAt;
      }
      links = following;
    }
    earliest = next;
    return fired;
  }

  /**
   * A lower bound of the earliest deadline, or {@link TimeDriver#NEVER}.
   *
   * @return ticks
   */
  long earliest() {
    return earliest;
  }

  /**
   * Tasks waiting for time.
   *
   * @return the count
   */
  int size() {
    return size;
  }
}
