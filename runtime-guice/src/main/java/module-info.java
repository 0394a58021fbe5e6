/**
 * Gearbox for Guice: {@link dev.gearbox.guice.GearboxModule} binds the configured {@code Runtime},
 * its {@code Clock}, and the {@link dev.gearbox.guice.GearboxLifecycle} that closes it.
 *
 * <p>Guice ({@code com.google.guice}) is an automatic module; it is required transitively, since
 * {@code GearboxModule} is a Guice {@code AbstractModule}, so an application that reads this module
 * reads Guice too. The package is opened to Guice, which calls the module's provider methods
 * reflectively.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.gearbox.guice {
  requires transitive dev.gearbox.api;
  requires transitive com.google.guice;

  exports dev.gearbox.guice;

  opens dev.gearbox.guice to
      com.google.guice;
}
