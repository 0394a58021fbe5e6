package dev.gearbox.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Binds a Gearbox {@link Runtime} as a singleton, with its {@link Clock} and the {@link
 * GearboxLifecycle} that closes it:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new GearboxModule(), new AppModule());
 * try (GearboxLifecycle lifecycle = injector.getInstance(GearboxLifecycle.class)) {
 *   injector.getInstance(App.class).run();       // App has an @Inject constructor taking a Runtime
 * }                                              // the runtime is shut down here
 * }</pre>
 *
 * <p>The runtime is created the first time something needs it (at injector creation in {@code
 * Stage.PRODUCTION}), by {@link Runtimes#create(RuntimeConfig)}: from the usual configuration
 * sources ({@link #GearboxModule()}), or with an explicit kind ({@link #ofKind}) or configuration
 * ({@link #of}) put over them. A bad configuration fails the injection with Guice's {@code
 * ProvisionException} (or {@code CreationException}), whose message carries the {@link
 * dev.gearbox.runtime.ConfigException}'s: the key, the value, its source and what is allowed.
 *
 * <p>Tests swap the runtime with {@code Modules.override(new GearboxModule(), new AppModule())
 * .with(GearboxModule.ofKind("minimal"))}: the overriding module replaces all three bindings.
 */
public final class GearboxModule extends AbstractModule {
  private final RuntimeConfig config;

  /**
   * Binds the runtime the configuration chooses, as {@link Runtimes#create()} does: system
   * property, environment, {@code gearbox.properties}, then the default kind.
   */
  public GearboxModule() {
    this(RuntimeConfig.empty());
  }

  private GearboxModule(RuntimeConfig config) {
    this.config = config;
  }

  /**
   * Binds a runtime of {@code kind}; its other keys come from the usual sources.
   *
   * @param kind the runtime kind, such as {@code minimal}
   * @return the module
   * @throws NullPointerException if {@code kind} is null
   */
  public static GearboxModule ofKind(String kind) {
    Objects.requireNonNull(kind, "kind");
    return new GearboxModule(RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind)));
  }

  /**
   * Binds the runtime {@code config} describes, put over the usual sources.
   *
   * @param config explicit configuration, which wins over every other source
   * @return the module
   * @throws NullPointerException if {@code config} is null
   */
  public static GearboxModule of(RuntimeConfig config) {
    return new GearboxModule(Objects.requireNonNull(config, "config"));
  }

  @Override
  protected void configure() {
    // Everything is bound by the provider methods below.
  }

  @Provides
  @Singleton
  GearboxLifecycle lifecycle() {
    return new GearboxLifecycle();
  }

  @Provides
  @Singleton
  Runtime runtime(GearboxLifecycle lifecycle) {
    lifecycle.checkOpen();
    return lifecycle.register(Runtimes.create(config));
  }

  @Provides
  @Singleton
  Clock clock(Runtime runtime) {
    return runtime.clock();
  }

  @Override
  public String toString() {
    return "GearboxModule" + config.values();
  }
}
