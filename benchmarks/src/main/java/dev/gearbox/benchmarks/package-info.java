/**
 * JMH benchmarks of Gearbox's sync primitives on the minimal runtime: channel throughput with one
 * and with four producers, and {@code Mutex} and {@code Semaphore} under contention. Build and run
 * with the command in the README; results belong in the README and benchmark output, not here.
 */
package dev.gearbox.benchmarks;
