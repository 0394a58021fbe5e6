package dev.gearbox.time.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The wheel in ticks, without the lock, the clock or wakers. */
class HierarchicalWheelTest {
  private static final long YEAR = 365L * 24 * 3_600_000;

  @Test
  void levelIsTheHighestDifferingGroupOfSixBits() {
    assertThat(HierarchicalWheel.levelFor(0, 1)).isZero();
    assertThat(HierarchicalWheel.levelFor(0, 63)).isZero();
    assertThat(HierarchicalWheel.levelFor(0, 64)).isEqualTo(1);
    assertThat(HierarchicalWheel.levelFor(0, 4_095)).isEqualTo(1);
    assertThat(HierarchicalWheel.levelFor(0, 4_096)).isEqualTo(2);
    assertThat(HierarchicalWheel.levelFor(0, 262_143)).isEqualTo(2);
    assertThat(HierarchicalWheel.levelFor(0, 262_144)).isEqualTo(3);
    assertThat(HierarchicalWheel.levelFor(0, 1L << 24)).isEqualTo(4);
    assertThat(HierarchicalWheel.levelFor(0, 1L << 30)).isEqualTo(5);
    assertThat(HierarchicalWheel.levelFor(0, HierarchicalWheel.SPAN)).as("clamped").isEqualTo(5);
    assertThat(HierarchicalWheel.levelFor(0, 10 * YEAR)).as("clamped").isEqualTo(5);
    assertThat(HierarchicalWheel.levelFor(60, 63)).isZero();
    assertThat(HierarchicalWheel.levelFor(63, 64)).as("next block").isEqualTo(1);
  }

  @Test
  void firesEachDeadlineExactlyAtItsTickAcrossLevelBoundaries() {
    long[] ticks = {
      1,
      63,
      64,
      65,
      4_095,
      4_096,
      4_097,
      262_143,
      262_144,
      1L << 24,
      (1L << 30) + 7,
      HierarchicalWheel.SPAN - 1,
      HierarchicalWheel.SPAN,
      3 * YEAR,
      10 * YEAR + 12_345
    };
    List<Long> shuffled = new ArrayList<>();
    for (long tick : ticks) {
      shuffled.add(tick);
    }
    Collections.shuffle(shuffled, new Random(42));
    HierarchicalWheel wheel = new HierarchicalWheel();
    Map<WheelEntry, Long> tickOf = new IdentityHashMap<>();
    for (long tick : shuffled) {
      WheelEntry entry = registered();
      assertThat(wheel.insert(entry, tick)).isTrue();
      tickOf.put(entry, tick);
    }
    wheel.verify();

    for (long tick : ticks) {
      assertThat(wheel.nextExpiration())
          .as("lower bound before %d", tick)
          .isLessThanOrEqualTo(tick);
      assertThat(wheel.poll(tick - 1)).as("nothing fires before %d", tick).isNull();
      wheel.verify();
      assertThat(wheel.nextExpiration()).isLessThanOrEqualTo(tick);
      WheelEntry fired = wheel.poll(tick);
      assertThat(fired).as("fires at %d", tick).isNotNull();
      assertThat(tickOf.get(fired)).isEqualTo(tick);
      assertThat(wheel.poll(tick)).isNull();
      wheel.verify();
    }
    assertThat(wheel.size()).isZero();
    assertThat(wheel.nextExpiration()).isEqualTo(HierarchicalWheel.NONE);
  }

  @Test
  void oneBigJumpFiresEverythingInTickOrder() {
    HierarchicalWheel wheel = new HierarchicalWheel();
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      long tick = 1 + (random.nextLong(3 * YEAR));
      wheel.insert(registered(), tick);
    }
    long last = 0;
    int fired = 0;
    for (WheelEntry entry = wheel.poll(3 * YEAR); entry != null; entry = wheel.poll(3 * YEAR)) {
      assertThat(entry.tick).isGreaterThanOrEqualTo(last);
      last = entry.tick;
      fired++;
    }
    assertThat(fired).isEqualTo(5_000);
    assertThat(wheel.elapsed()).isEqualTo(3 * YEAR);
  }

  @Test
  void dueTicksAreRefused() {
    HierarchicalWheel wheel = new HierarchicalWheel();
    assertThat(wheel.insert(registered(), 0)).isFalse();
    assertThat(wheel.poll(100)).isNull();
    assertThat(wheel.insert(registered(), 100)).isFalse();
    assertThat(wheel.insert(registered(), 101)).isTrue();
    assertThat(wheel.nextExpiration()).isEqualTo(101);
  }

  @Test
  void matchesASortedModelUnderRandomInsertsRemovesAndPolls() {
    Random random = new Random(20_240_611);
    HierarchicalWheel wheel = new HierarchicalWheel();
    TreeMap<Long, List<WheelEntry>> model = new TreeMap<>();
    List<WheelEntry> linked = new ArrayList<>();
    long now = 0;
    for (int step = 0; step < 30_000; step++) {
      int action = random.nextInt(10);
      if (action < 5) {
        long tick = now + 1 + randomDelay(random);
        WheelEntry entry = registered();
        wheel.insert(entry, tick);
        model.computeIfAbsent(tick, t -> new ArrayList<>()).add(entry);
        linked.add(entry);
      } else if (action < 7 && !linked.isEmpty()) {
        WheelEntry entry = linked.remove(random.nextInt(linked.size()));
        wheel.remove(entry);
        entry.setState(WheelEntry.IDLE);
        model.get(entry.tick).remove(entry);
        model.remove(entry.tick, List.of());
      } else {
        now += randomDelay(random);
        for (WheelEntry fired = wheel.poll(now); fired != null; fired = wheel.poll(now)) {
          long expected = model.firstKey();
          assertThat(fired.tick).as("earliest pending tick").isEqualTo(expected);
          assertThat(model.get(expected).remove(fired)).isTrue();
          model.remove(expected, List.of());
          linked.remove(fired);
          fired.setState(WheelEntry.ELAPSED);
        }
        assertThat(model.isEmpty() || model.firstKey() > now).isTrue();
      }
      if (!model.isEmpty()) {
        assertThat(wheel.nextExpiration()).isBetween(now, model.firstKey());
      }
      if (step % 1_000 == 0) {
        wheel.verify();
      }
    }
    wheel.verify();
    assertThat(wheel.size()).isEqualTo(linked.size());
  }

  /** Mostly short delays, some across every level, a few beyond the wheel's span. */
  private static long randomDelay(Random random) {
    int level = random.nextInt(8);
    long span = level < 7 ? 1L << (6 * level + 1) : 5 * YEAR;
    return random.nextLong(span);
  }

  private static WheelEntry registered() {
    WheelEntry entry = new WheelEntry();
    entry.setState(WheelEntry.REGISTERED);
    return entry;
  }
}
