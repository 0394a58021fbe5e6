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

  // Guice's jar is an automatic module, which declares no dependencies, and automatic modules bring
  // only other automatic modules into the module graph: the explicit modules of Guava and
  // jakarta.inject that Guice needs at run time are resolved because this module requires them.
  requires com.google.common;
  requires jakarta.inject;

  exports dev.gearbox.guice;

  opens dev.gearbox.guice to
      com.google.guice;
}
