/**
 * Guice bindings for Gearbox.
 *
 * <p>{@link dev.gearbox.guice.GearboxModule} binds, as singletons, the {@link
 * dev.gearbox.runtime.Runtime} (resolved from configuration exactly as {@link
 * dev.gearbox.runtime.Runtimes#create()} does, or from an explicit kind or {@link
 * dev.gearbox.runtime.RuntimeConfig}), the runtime's {@link dev.gearbox.time.Clock}, and a {@link
 * dev.gearbox.guice.GearboxLifecycle}. A component that spawns tasks injects the {@code Runtime}
 * (it is the spawner: there is no narrower interface), and one that tells time injects the {@code
 * Clock}, so a test that swaps the runtime swaps both.
 *
 * <p>Lifecycle: Guice has no shutdown of its own, so the runtime is closed through the {@code
 * GearboxLifecycle}, which the application gets from the injector and closes when it stops (or
 * registers as a JVM shutdown hook). It closes what was registered with it, the runtime included,
 * in reverse order; a runtime that was never asked for is never created, so there is nothing to
 * close.
 *
 * <p>Tests swap the runtime with Guice's own {@code Modules.override(appModules).with(
 * GearboxModule.ofKind("minimal"))}.
 */
package dev.gearbox.guice;
