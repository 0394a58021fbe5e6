/**
 * Gearbox for Micrometer: {@link dev.gearbox.micrometer.GearboxMetrics} binds a runtime's metrics
 * to a {@code MeterRegistry}.
 *
 * <p>Micrometer's jar is an automatic module ({@code micrometer.core}); it is required
 * transitively, since {@code GearboxMetrics} is a Micrometer {@code MeterBinder}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.gearbox.micrometer {
  requires transitive dev.gearbox.api;
  requires transitive micrometer.core;

  exports dev.gearbox.micrometer;
}
