/**
 * The timers of a runtime as its driver holds them: {@link dev.gearbox.time.driver.TimerDriver} and
 * its one implementation, a hierarchical timer wheel (package-private: {@code TimerWheel}, {@code
 * HierarchicalWheel}, {@code WheelLevel}, {@code MillisTicks}, and {@code WheelEntry}, the node
 * behind each {@link dev.gearbox.time.TimerEntry}). The design note (resolution, the wheel,
 * threading, how a runtime drives it) is in {@code dev.gearbox.time}'s package documentation.
 *
 * <p>Exported only to the runtime modules and the testkit ({@code exports ... to} in {@code
 * module-info}): futures see the wheel only as the {@link dev.gearbox.time.Timer} their context
 * hands them. This package lies above {@code dev.gearbox.time}: it uses {@code Clock}, {@code
 * Timer} and {@code TimerEntry}, and {@code time} never names it.
 */
package dev.gearbox.time.driver;
