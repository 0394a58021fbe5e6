/**
 * Time for futures and runtimes: the futures users write with ({@link dev.gearbox.time.Time#sleep
 * sleep}, {@link dev.gearbox.time.Time#sleepUntil sleepUntil}, {@link dev.gearbox.time.Time#timeout
 * timeout}, {@link dev.gearbox.time.Time#interval interval}), the {@link dev.gearbox.time.Clock}
 * runtimes read, a {@link dev.gearbox.time.PausedClock} that tests move by hand, and the timer
 * wheel that holds a runtime's timers as {@link dev.gearbox.time.TimerEntry} nodes. Futures see the
 * wheel only through the narrow {@link dev.gearbox.time.Timer} their context hands them ({@link
 * dev.gearbox.time.Timer#of Timer.of(cx)}), which also makes their entries; the runtime's driver
 * holds it as a {@code dev.gearbox.time.driver.TimerDriver}, in a package exported only to the
 * runtime modules and the testkit, whose implementation classes are package-private. All of it is
 * written once for every runtime.
 *
 * <h2>Time and resolution</h2>
 *
 * All times are {@code long} readings of a clock in nanoseconds, from an arbitrary origin, compared
 * by difference; {@link java.time.Instant} plays no part. A wheel counts whole milliseconds from
 * the clock reading at its creation: a deadline rounds up to the next millisecond, so a timer never
 * fires early and becomes due at most 1 ms late. Deadlines at or before the wheel's time are due at
 * once; deadlines too far to represent saturate to {@link java.lang.Long#MAX_VALUE}, which is also
 * {@code TimerDriver.NO_DEADLINE}. Such a deadline (or one so close to it that the wheel rounds it
 * up to its last millisecond) never comes: its timer stays pending until cancelled, never fires,
 * and a paused clock is never moved to it, so a sleep of {@code Long.MAX_VALUE} seconds leaves
 * later timers working.
 *
 * <h2>The wheel</h2>
 *
 * Six levels of 64 slots (after Varghese &amp; Lauck's hierarchical timing wheels, in the shape of
 * Tokio's {@code time/wheel}): level 0 slots span 1 ms, level 1 slots 64 ms, up to level 5 slots of
 * about 12.4 days, so the wheel spans about 2.2 years; later deadlines wait in the top level and
 * are re-cascaded each rotation until they come in range. Each level keeps a {@code long} of
 * occupied slots, so the next non-empty slot is one {@code Long.numberOfTrailingZeros} away.
 * Register and cancel are constant time (the entry is the list node); advancing is linear in what
 * fires plus the slots it empties.
 *
 * <h2>Threading</h2>
 *
 * A wheel belongs to one runtime and is guarded by one lock: any thread registers and cancels, the
 * runtime's driver advances, and wakers are woken outside the lock. An entry's state ({@code
 * isRegistered}, {@code isElapsed}) can be read from any thread without the lock. The time futures
 * are not thread-safe: the task that owns one polls, resets and drops it, one thread at a time,
 * while the wheel may fire its entry from the driver's thread.
 *
 * <h2>Driving it (runtimes)</h2>
 *
 * <pre>{@code
 * wheel.advance();                           // fire what is due: wakes tasks
 * if (no task is runnable) {
 *   long deadline = wheel.nextDeadline();    // never later than the earliest due time
 *   if (clock instanceof PausedClock paused && paused.autoAdvanceTo(deadline)) {
 *     continue;                              // time jumped: advance again, no real wait
 *   }
 *   park until deadline or a wake;           // NO_DEADLINE: until a wake
 * }
 * }</pre>
 *
 * Parking until {@code nextDeadline()} may wake a little early when the earliest timer sits in a
 * coarse slot; the next {@code advance} moves it down and {@code nextDeadline()} tightens.
 *
 * <h2>Using it (futures)</h2>
 *
 * <pre>{@code
 * Time.sleep(Duration.ofMillis(50))                      // Sleep: a Future<Void>
 * Time.timeout(fetch(), Duration.ofSeconds(2))           // fails with TimedOutException
 * Interval ticks = Time.interval(Duration.ofSeconds(1), MissedTickBehavior.SKIP);
 * ticks.tick()                                           // Future<Long>: the tick's deadline
 * }</pre>
 *
 * Relative times count from the first poll, not from creation (Tokio counts from creation, but a
 * Gearbox future has no clock until it is polled): a sleep of {@code d} completes {@code d} after
 * its first poll, a timeout gives its future {@code d} from then, and an interval's first tick
 * completes on its first poll, as Tokio's does. Polled with a context that supplies no timer, they
 * throw {@link java.lang.IllegalStateException}.
 *
 * <p>Each timer future owns one {@code TimerEntry}. On its first poll it takes {@code
 * Timer.of(cx)}, sets the task's waker and registers the entry, unless the deadline is already due
 * (a zero or negative sleep, a past {@code sleepUntil}): then it completes on that poll without
 * registering, and a false return from {@code register} means the same. On later polls it replaces
 * the waker if the new one does not {@link dev.gearbox.future.Waker#willWake willWake} the stored
 * one, then completes once {@code isElapsed()}; when dropped it cancels the entry. Completing (a
 * sleep, a tick) spends one unit of the task's cooperative budget through {@link
 * dev.gearbox.future.Context#proceedOrYield()}: with the budget spent the future wakes its task and
 * returns Pending once, so a task looping over due timers yields; a timeout reads its sleep without
 * spending, so it fires even after its future spent the budget. Setting the waker before reading
 * the state means no wake is lost to a concurrent firing. {@code timeout} polls its future before
 * its sleep, and drops whichever it no longer needs; an interval keeps the deadline of its next
 * tick, so a dropped {@code tick()} future cancels the entry but loses no tick.
 */
package dev.gearbox.time;
