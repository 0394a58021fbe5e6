package dev.gearbox.time.driver;

/**
 * The hierarchical hashed timer wheel itself, in integer ticks: six {@link WheelLevel levels} of 64
 * slots, so level 0 slots span one tick, level 1 slots 64 ticks, up to level 5 slots of {@code
 * 64^5} ticks; the wheel spans {@code 64^6} ticks (about 2.2 years of milliseconds). Not
 * thread-safe: {@link TimerWheel} calls it under its lock.
 */
final class HierarchicalWheel {
  /*
   * Implementation notes.
   *
   * After Varghese & Lauck, "Hashed and Hierarchical Timing Wheels" (SOSP 1987), in the shape of
   * Tokio's time/wheel/mod.rs.
   *
   * `elapsed` is the tick the wheel has been advanced to. An entry due at `tick > elapsed` lives on
   * level levelFor(elapsed, tick): the level of the highest bit in which the two differ, so level 0
   * holds the ticks in elapsed's 64-tick block, level 1 those in its 4096-tick block, and so on.
   * Ticks so far away that they differ above the top level's bits are clamped into the top level,
   * in the slot their own bits name; that slot comes up at least once per rotation of the top level
   * before the tick, and each time it does the entry is re-inserted, until it lands lower.
   *
   * Invariants between calls:
   *   - every linked entry has tick > elapsed and sits on level levelFor(elapsed, tick), in slot
   *     slotFor(tick) of that level; so below the top level, its slot comes after elapsed's slot;
   *   - a level's bit s is set iff its slot s is non-empty;
   *   - entries on the due list have tick <= elapsed; poll hands them out before advancing further;
   *   - `size` counts the entries linked in levels and the due list.
   * Hence the earliest non-empty slot is on the lowest non-empty level, and its start is a lower
   * bound of every linked tick: nextExpiration() costs at most six rotate-and-count steps.
   *
   * poll(now) repeatedly takes the earliest slot whose start is <= now, unlinks all its entries (all
   * first, since clamped entries go back to the very same slot), moves the due ones (tick <= slot
   * start) to the due list and re-inserts the others relative to the slot start, then sets elapsed
   * to that start. Each entry is thus moved at most once per level on its way down.
   */

  /** Number of levels. */
  static final int LEVELS = 6;

  /** Ticks spanned by the whole wheel: {@code 64^LEVELS}. */
  static final long SPAN = 1L << (WheelLevel.SLOT_BITS * LEVELS);

  /** The {@code level} of an entry on the due list. */
  static final int DUE = LEVELS;

  /** What {@link #nextExpiration()} returns for an empty wheel. */
  static final long NONE = -1;

  private final WheelLevel[] levels = new WheelLevel[LEVELS];
  private WheelEntry dueHead;
  private long elapsed;
  private int size;

  HierarchicalWheel() {
    for (int level = 0; level < LEVELS; level++) {
      levels[level] = new WheelLevel(level);
    }
  }

  /**
   * The level an entry due at {@code tick} belongs on while the wheel stands at {@code elapsed}.
   */
  static int levelFor(long elapsed, long tick) {
    long masked = (elapsed ^ tick) | WheelLevel.SLOT_MASK;
    if (masked >= SPAN) {
      masked = SPAN - 1;
    }
    int significantBit = Long.SIZE - 1 - Long.numberOfLeadingZeros(masked);
    return significantBit / WheelLevel.SLOT_BITS;
  }

  long elapsed() {
    return elapsed;
  }

  int size() {
    return size;
  }

  /**
   * Links an idle entry due at {@code tick} (non-negative). Returns false, linking nothing, if the
   * tick is not after {@code elapsed}: the entry is due now.
   */
  boolean insert(WheelEntry entry, long tick) {
    if (tick <= elapsed) {
      return false;
    }
    entry.tick = tick;
    levels[levelFor(elapsed, tick)].add(entry);
    size++;
    return true;
  }

  /** Unlinks an entry linked in this wheel, from its slot or from the due list. */
  void remove(WheelEntry entry) {
    if (entry.level == DUE) {
      dueHead = entry.unlinkFrom(dueHead);
    } else {
      levels[entry.level].remove(entry);
    }
    size--;
  }

  /**
   * A lower bound of the earliest linked tick: that tick itself when it is on level 0 or on the due
   * list (then {@code elapsed}), else the start of the higher-level slot that holds it.
   *
   * @return the tick, or {@link #NONE} if the wheel is empty
   */
  long nextExpiration() {
    if (dueHead != null) {
      return elapsed;
    }
    for (WheelLevel level : levels) {
      if (!level.isEmpty()) {
        return level.nextSlotStart(elapsed);
      }
    }
    return NONE;
  }

  /**
   * Unlinks and returns one entry due at or before {@code now}, cascading slots as time passes, or
   * returns null once none is left and the wheel stands at {@code now}. Entries come out in
   * non-decreasing tick order; a {@code now} before {@code elapsed} is treated as {@code elapsed}.
   */
  WheelEntry poll(long now) {
    while (dueHead == null) {
      int level = lowestOccupiedLevel();
      long slotStart = level < 0 ? NONE : levels[level].nextSlotStart(elapsed);
      if (level < 0 || slotStart > now) {
        elapsed = Math.max(elapsed, now);
        return null;
      }
      cascade(levels[level], slotStart);
      elapsed = slotStart;
    }
    WheelEntry due = dueHead;
    dueHead = due.unlinkFrom(dueHead);
    size--;
    return due;
  }

  private int lowestOccupiedLevel() {
    for (int level = 0; level < LEVELS; level++) {
      if (!levels[level].isEmpty()) {
        return level;
      }
    }
    return -1;
  }

  /**
   * Empties the slot of {@code level} starting at {@code slotStart}: due entries to the due list.
   */
  private void cascade(WheelLevel level, long slotStart) {
    WheelEntry entry = level.takeSlot(level.slotFor(slotStart));
    while (entry != null) {
      WheelEntry following = entry.next;
      if (entry.tick <= slotStart) {
        entry.level = DUE;
        dueHead = entry.pushOnto(dueHead);
      } else {
        levels[levelFor(slotStart, entry.tick)].add(entry);
      }
      entry = following;
    }
  }

  /** Checks every invariant above, walking every entry. For tests; linear time. */
  void verify() {
    int count = 0;
    for (WheelLevel level : levels) {
      count += level.verify(elapsed);
    }
    WheelEntry previous = null;
    for (WheelEntry entry = dueHead; entry != null; entry = entry.next) {
      if (entry.prev != previous || entry.level != DUE || entry.tick > elapsed) {
        throw new IllegalStateException("due list broken at tick " + entry.tick);
      }
      previous = entry;
      count++;
    }
    if (count != size) {
      throw new IllegalStateException(count + " entries linked, size says " + size);
    }
  }
}
