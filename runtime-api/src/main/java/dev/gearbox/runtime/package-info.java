/**
 * The runtime interface and its selection: {@link dev.gearbox.runtime.Runtime}, {@link
 * dev.gearbox.runtime.Runtimes}, {@link dev.gearbox.runtime.RuntimeConfig}, task handles and their
 * exceptions.
 */
package dev.gearbox.runtime;
