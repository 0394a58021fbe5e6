package dev.gearbox.examples.device;

import dev.gearbox.embedded.EmbeddedExecutor;
import dev.gearbox.embedded.FixedWatch;
import dev.gearbox.embedded.Signal;
import dev.gearbox.embedded.TaskBody;
import dev.gearbox.embedded.TaskPool;
import dev.gearbox.embedded.TickDuration;
import dev.gearbox.embedded.TickTimer;
import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;

/**
 * The device's firmware, in the style of an Embassy program: two task kinds in static pools, a
 * {@link Signal} that the button's interrupt raises, and a {@link FixedWatch} of the blink period.
 *
 * <ul>
 *   <li>{@code blink}: toggles the LED every period (slow at start); each cycle re-arms one reused
 *       {@link TickTimer} with the period the {@link FixedWatch} holds now.
 *   <li>{@code button}: waits for the interrupt's signal, then waits {@link #DEBOUNCE} for the
 *       contact to settle, drops the edges that bounced meanwhile, counts one press and switches
 *       the blink period between slow and fast.
 * </ul>
 *
 * Neither task allocates once running. The firmware runs on any {@link EmbeddedExecutor}: on the
 * system time driver in {@link Device}, on a manual one in its tests.
 */
public final class Firmware {
  /** The slow blink period, at start. */
  public static final TickDuration SLOW = TickDuration.ofMillis(500);

  /** The fast blink period, after an odd number of presses. */
  public static final TickDuration FAST = TickDuration.ofMillis(100);

  /** How long the button's contact may bounce after an edge. */
  public static final TickDuration DEBOUNCE = TickDuration.ofMillis(20);

  private static final TaskPool<Blink> BLINK = TaskPool.create("blink", 1, Blink::new);
  private static final TaskPool<ButtonHandler> BUTTON =
      TaskPool.create("button", 1, ButtonHandler::new);

  private final Led led;
  private final Signal<Boolean> buttonEdge = new Signal<>();
  private final FixedWatch<TickDuration> period = new FixedWatch<>(1);
  private volatile long presses;

  /**
   * Creates the firmware of a device with {@code led}.
   *
   * @param led the LED it blinks
   */
  public Firmware(Led led) {
    this.led = led;
    period.send(SLOW);
  }

  /**
   * Spawns the firmware's tasks on {@code executor}. Call once per executor run: each pool holds
   * one task.
   *
   * @param executor the executor
   */
  public void start(EmbeddedExecutor executor) {
    executor.spawner().spawn(BLINK, Blink::start, this);
    executor.spawner().spawn(BUTTON, ButtonHandler::start, this);
  }

  /** The button's interrupt: an edge of its contact; any thread, as an interrupt handler would. */
  public void buttonInterrupt() {
    buttonEdge.signal(Boolean.TRUE);
  }

  /**
   * Debounced presses counted so far.
   *
   * @return the count
   */
  public long presses() {
    return presses;
  }

  /**
   * The blink period in force now.
   *
   * @return the period
   */
  public TickDuration blinkPeriod() {
    return period.get();
  }

  /** The blink task: toggle, wait one period, again. */
  static final class Blink implements TaskBody {
    private final TickTimer timer = TickTimer.after(SLOW);
    private Firmware firmware;
    private FixedWatch<TickDuration>.Receiver periods;
    private TickDuration current = SLOW;
    private boolean waiting;

    void start(Firmware owner) {
      if (firmware != owner) {
        firmware = owner;
        periods = owner.period.receiver();
      }
      current = SLOW;
      waiting = false;
    }

    @Override
    public boolean poll(Context cx) {
      while (true) {
        if (!waiting) {
          TickDuration changed = periods.tryChanged();
          if (changed != null) {
            current = changed;
          }
          timer.resetAfter(current);
          waiting = true;
        }
        if (timer.poll(cx) instanceof Poll.Pending) {
          return false;
        }
        waiting = false;
        firmware.led.toggle();
      }
    }
  }

  /** The button task: signal, debounce, count, switch the period. */
  static final class ButtonHandler implements TaskBody {
    private final TickTimer debounce = TickTimer.after(DEBOUNCE);
    private Firmware firmware;
    private boolean settling;

    void start(Firmware owner) {
      firmware = owner;
      settling = false;
    }

    @Override
    public boolean poll(Context cx) {
      while (true) {
        if (!settling) {
          if (firmware.buttonEdge.pollWait(cx) == null) {
            return false;
          }
          debounce.resetAfter(DEBOUNCE);
          settling = true;
        }
        if (debounce.poll(cx) instanceof Poll.Pending) {
          return false;
        }
        settling = false;
        firmware.buttonEdge.reset(); // the bounces of this press
        long count = ++firmware.presses;
        firmware.period.send(count % 2 == 1 ? FAST : SLOW);
      }
    }
  }
}
