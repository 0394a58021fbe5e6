/**
 * Tests for Gearbox runtimes.
 *
 * <p>The conformance suite: {@link dev.gearbox.testkit.RuntimeConformanceTests} gathers the
 * contract of {@link dev.gearbox.runtime.Runtime} in test interfaces by theme ({@link
 * dev.gearbox.testkit.SpawnJoinConformance}, {@link dev.gearbox.testkit.WakeConformance}, {@link
 * dev.gearbox.testkit.AbortConformance}, {@link dev.gearbox.testkit.FailureConformance}, {@link
 * dev.gearbox.testkit.ShutdownConformance}, and for the primitives and streams that must work on
 * every runtime {@link dev.gearbox.testkit.SyncConformance} and {@link
 * dev.gearbox.testkit.StreamConformance}); a runtime module subclasses it once per configuration it
 * supports, as JCTools' {@code QueueSanityTest} is subclassed per queue. Every test is bounded in
 * time, waits for conditions with a deadline ({@link dev.gearbox.testkit.Await}) rather than
 * sleeping, and keeps stress sizes fit for a small machine.
 *
 * <p>The extension: a method annotated {@link dev.gearbox.testkit.RuntimeTest} runs once per
 * runtime kind on the class or module path, with a fresh {@code Runtime} parameter that is shut
 * down after the invocation.
 */
package dev.gearbox.testkit;
