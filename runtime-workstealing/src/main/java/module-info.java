/**
 * The {@code workstealing} Gearbox runtime, the analogue of Tokio's multi-threaded scheduler and
 * Gearbox's default: {@link dev.gearbox.workstealing.WorkStealingRuntimeProvider} (the service) and
 * {@link dev.gearbox.workstealing.WorkStealingRuntimeBuilder} (for hooks and settings in code).
 */
module dev.gearbox.workstealing {
  requires transitive dev.gearbox.api;
  requires org.jctools.core;
  requires jdk.jfr;

  exports dev.gearbox.workstealing;

  provides dev.gearbox.runtime.RuntimeProvider with
      dev.gearbox.workstealing.WorkStealingRuntimeProvider;
}
