/**
 * Micrometer binding of Gearbox runtime metrics: one {@link dev.gearbox.micrometer.GearboxMetrics}
 * per runtime, bound to any {@code MeterRegistry} (Prometheus, OTLP, Spring Boot's registry, …).
 * Gauges become Micrometer gauges, counters become function counters; both read the runtime when
 * the registry publishes, so nothing runs on the runtime's threads.
 */
package dev.gearbox.micrometer;
