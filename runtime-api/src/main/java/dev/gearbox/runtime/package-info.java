/**
 * The runtime interface and its selection: {@link dev.gearbox.runtime.Runtime}, {@link
 * dev.gearbox.runtime.Runtimes}, {@link dev.gearbox.runtime.RuntimeConfig}, task handles and their
 * exceptions. For runtime implementations, the service type {@link
 * dev.gearbox.runtime.RuntimeProvider} that {@code Runtimes} loads, and {@link
 * dev.gearbox.runtime.CurrentRuntime}, the runtime a thread belongs to.
 */
package dev.gearbox.runtime;
