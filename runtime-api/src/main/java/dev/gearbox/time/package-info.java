/**
 * Time for runtimes: the {@link dev.gearbox.time.Clock} they read, a {@link
 * dev.gearbox.time.PausedClock} that tests move by hand, and the {@link
 * dev.gearbox.time.TimerWheel} that holds a runtime's timers as {@link dev.gearbox.time.TimerEntry}
 * nodes. The futures users write with ({@code sleep}, {@code timeout}, {@code interval}) build on
 * these; this package is the part written once for every runtime, and {@code TimerWheel} is its
 * implementer-facing piece.
 *
 * <h2>Time and resolution</h2>
 *
 * All times are {@code long} readings of a clock in nanoseconds, from an arbitrary origin, compared
 * by difference; {@link java.time.Instant} plays no part. A wheel counts whole milliseconds from
 * the clock reading at its creation: a deadline rounds up to the next millisecond, so a timer never
 * fires early and becomes due at most 1 ms late. Deadlines at or before the wheel's time are due at
 * once; deadlines too far to represent saturate to {@link java.lang.Long#MAX_VALUE}, which is also
 * {@link dev.gearbox.time.TimerWheel#NO_DEADLINE}.
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
 * isRegistered}, {@code isElapsed}) can be read from any thread without the lock.
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
 * A timer future owns one {@code TimerEntry}. On its first poll it sets the task's waker and
 * registers the entry (a false return means the deadline already passed: complete now); on later
 * polls it replaces the waker if the new one does not {@link dev.gearbox.future.Waker#willWake
 * willWake} the stored one, then completes once {@code isElapsed()}; when dropped it cancels the
 * entry. Setting the waker before reading the state means no wake is lost to a concurrent firing.
 */
package dev.gearbox.time;
