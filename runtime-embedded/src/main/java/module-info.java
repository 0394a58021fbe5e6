/**
 * The {@code embedded} Gearbox runtime (Embassy's analogue): cooperative {@link
 * dev.gearbox.embedded.EmbeddedExecutor}s on one thread each, fixed {@link
 * dev.gearbox.embedded.TaskPool}s, tick time with a pluggable {@link
 * dev.gearbox.embedded.TimeDriver}, allocation-free primitives, and the runtime provider of kind
 * {@code embedded}.
 */
module dev.gearbox.embedded {
  requires transitive dev.gearbox.api;

  exports dev.gearbox.embedded;

  provides dev.gearbox.runtime.RuntimeProvider with
      dev.gearbox.embedded.EmbeddedRuntimeProvider;
}
