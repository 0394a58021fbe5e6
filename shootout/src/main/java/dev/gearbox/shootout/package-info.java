/**
 * The shoot-out: {@link dev.gearbox.shootout.ShootOut} runs workloads on every installed Gearbox
 * runtime (found through the API's service loader at run time) and on the JDK baselines, and
 * reports the median, the spread and the cost per unit of each. {@link
 * dev.gearbox.shootout.workloads.Workload} is what a user implements to add a workload.
 *
 * <p>Measuring: each workload gets a fresh runtime (or pool) per contestant, warm-up runs, then
 * timed runs of wall time ({@code System.nanoTime}) around one whole run; the median is the figure,
 * the min and max the spread. This is coarser than JMH (module {@code benchmarks}, which runs the
 * same workload classes) but fits in minutes and needs no fork per benchmark.
 */
package dev.gearbox.shootout;
