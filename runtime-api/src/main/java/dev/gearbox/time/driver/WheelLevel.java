package dev.gearbox.time.driver;

/**
 * One level of a {@link HierarchicalWheel}: 64 slots, each the head of an intrusive doubly linked
 * list of entries, and a bitfield with bit {@code s} set when slot {@code s} is not empty. Slots of
 * level {@code n} span {@code 64^n} ticks, so the level spans {@code 64^(n+1)}. Every operation is
 * constant time. Not thread-safe: owned by its wheel (after Tokio's time/wheel/level.rs).
 */
final class WheelLevel {
  /** Bits of a tick that select a slot within one level. */
  static final int SLOT_BITS = 6;

  /** Slots per level. */
  static final int SLOTS = 1 << SLOT_BITS;

  static final long SLOT_MASK = SLOTS - 1;

  private final int level;
  private final int shift;
  private final WheelEntry[] heads = new WheelEntry[SLOTS];
  private long occupied;

  WheelLevel(int level) {
    this.level = level;
    this.shift = SLOT_BITS * level;
  }

  boolean isEmpty() {
    return occupied == 0;
  }

  /** The slot of this level that a tick falls in. */
  int slotFor(long tick) {
    return (int) ((tick >>> shift) & SLOT_MASK);
  }

  /** Ticks spanned by the whole level. */
  long levelSpan() {
    return 1L << (shift + SLOT_BITS);
  }

  /**
   * The first tick of the next non-empty slot after {@code elapsed}, found with one rotate and one
   * count of trailing zeros on the bitfield. Slots are searched in circular order starting after
   * elapsed's own slot, which comes last: below the top level that slot is always empty, and at the
   * top level it can hold only clamped far deadlines, which belong to the next rotation, as do the
   * slots before it. Requires a non-empty level.
   */
  long nextSlotStart(long elapsed) {
    long firstSlot = (elapsed >>> shift) + 1;
    long rotated = Long.rotateRight(occupied, (int) (firstSlot & SLOT_MASK));
    long slot = (Long.numberOfTrailingZeros(rotated) + firstSlot) & SLOT_MASK;
    long start = (elapsed & -levelSpan()) + (slot << shift);
    if (start <= elapsed) {
      assert level == HierarchicalWheel.LEVELS - 1 : "slot behind elapsed at level " + level;
      start += levelSpan();
    }
    return start;
  }

  void add(WheelEntry entry) {
    int slot = slotFor(entry.tick);
    entry.level = level;
    heads[slot] = entry.pushOnto(heads[slot]);
    occupied |= 1L << slot;
  }

  void remove(WheelEntry entry) {
    int slot = slotFor(entry.tick);
    heads[slot] = entry.unlinkFrom(heads[slot]);
    if (heads[slot] == null) {
      occupied &= ~(1L << slot);
    }
  }

  /** Empties a slot and returns its former list; the caller walks it by {@code next}. */
  WheelEntry takeSlot(int slot) {
    WheelEntry head = heads[slot];
    heads[slot] = null;
    occupied &= ~(1L << slot);
    return head;
  }

  /** Checks the links and bitfield of this level; returns the number of entries. For tests. */
  int verify(long elapsed) {
    int count = 0;
    for (int slot = 0; slot < SLOTS; slot++) {
      boolean bit = (occupied & (1L << slot)) != 0;
      check(bit == (heads[slot] != null), "occupancy bit of slot " + slot + " is " + bit);
      WheelEntry previous = null;
      for (WheelEntry entry = heads[slot]; entry != null; entry = entry.next) {
        check(entry.prev == previous, "prev link in slot " + slot);
        check(entry.level == level && slotFor(entry.tick) == slot, "entry in the wrong slot");
        check(entry.tick > elapsed, "entry due at " + entry.tick + " still linked at " + elapsed);
        check(HierarchicalWheel.levelFor(elapsed, entry.tick) == level, "entry on the wrong level");
        check(entry.state() == WheelEntry.REGISTERED, "linked entry not registered");
        previous = entry;
        count++;
      }
    }
    return count;
  }

  private void check(boolean holds, String what) {
    if (!holds) {
      throw new IllegalStateException("level " + level + ": " + what);
    }
  }
}
