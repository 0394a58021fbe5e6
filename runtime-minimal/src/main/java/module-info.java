/**
 * The {@code minimal} Gearbox runtime (smol's analogue): {@link
 * dev.gearbox.minimal.SharedExecutor}, {@link dev.gearbox.minimal.LocalExecutor}, and the runtime
 * provider of kind {@code minimal}.
 */
module dev.gearbox.minimal {
  requires transitive dev.gearbox.api;
  requires org.jctools.core;

  exports dev.gearbox.minimal;

  provides dev.gearbox.runtime.RuntimeProvider with
      dev.gearbox.minimal.MinimalRuntimeProvider;
}
