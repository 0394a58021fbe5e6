package dev.gearbox.verification.layers;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The layers of {@code runtime-api} (module {@code dev.gearbox.api}) and the rules that keep them,
 * as ArchUnit rules; {@link LayeringTest} checks them against the built classes, and {@link
 * LayerRulesCatchViolationsTest} proves each one fails on a class that breaks it.
 *
 * <p>The order, lowest first (a layer may use only the layers before it):
 *
 * <ol>
 *   <li>{@code future}: Future, Poll, Waker, Context, Driver; nothing else of Gearbox.
 *   <li>{@code time}: Clock, Timer (a Driver), TimerEntry, Sleep, Interval, Time.
 *   <li>{@code time.driver}: TimerDriver and the timer wheel behind it, exported only to the
 *       runtime modules and the testkit.
 *   <li>{@code runtime}: Runtime, JoinHandle, the configuration, CurrentRuntime, RuntimeProvider.
 *   <li>{@code io.driver}: the Reactor interface (a Driver), Registration, Interest, Network: the
 *       plumbing under the sockets, exported only to the runtime modules and the testkit.
 *   <li>{@code io}: TcpListener, TcpStream, UdpSocket.
 *   <li>{@code io.reactor}: the selector reactor behind IoDriver (not exported).
 *   <li>{@code spi} (with {@code spi.sched}): what runtimes are built from: RawTask,
 *       AbstractRuntime, RuntimeDriver, BlockingPool, FiberCarrier, the shared scheduler parts.
 *   <li>{@code sync}: channels, locks, JoinSet.
 *   <li>{@code stream}: Stream and its sources.
 *   <li>{@code fs} and {@code io.codec}, side by side.
 *   <li>{@code fiber}: Fiber, FiberScope, FiberStreams.
 * </ol>
 */
final class LayerRules {
  private LayerRules() {}

  /** A layer: its name, its rank (lower ranks lie below), and its packages. */
  record Layer(String name, int rank, String... packages) {}

  /** The layers of runtime-api, lowest first. */
  static final List<Layer> LAYERS =
      List.of(
          new Layer("future", 0, "dev.gearbox.future.."),
          new Layer("time", 1, "dev.gearbox.time"),
          new Layer("time.driver", 2, "dev.gearbox.time.driver.."),
          new Layer("runtime", 3, "dev.gearbox.runtime.."),
          new Layer("io.driver", 4, "dev.gearbox.io.driver.."),
          new Layer("io", 5, "dev.gearbox.io"),
          new Layer("io.reactor", 6, "dev.gearbox.io.reactor.."),
          new Layer("spi", 7, "dev.gearbox.spi.."),
          new Layer("sync", 8, "dev.gearbox.sync.."),
          new Layer("stream", 9, "dev.gearbox.stream.."),
          new Layer("fs", 10, "dev.gearbox.fs.."),
          new Layer("io.codec", 10, "dev.gearbox.io.codec.."),
          new Layer("fiber", 11, "dev.gearbox.fiber.."));

  /** {@code dev.gearbox.future} depends on nothing else of Gearbox. */
  static ArchRule futureStandsAlone() {
    return noClasses()
        .that()
        .resideInAPackage("dev.gearbox.future..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.gearbox..").and(not(resideInAPackage("dev.gearbox.future.."))))
        .because("future is the bottom layer: drivers reach a Context through future.Driver");
  }

  /**
   * Each layer uses only the layers below it. Every class of runtime-api lies in a layer when
   * {@code allClassesInALayer} is set (for the import of exactly runtime-api's classes).
   */
  static ArchRule layersRunDownwards(boolean allClassesInALayer) {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (Layer layer : LAYERS) {
      layers = layers.optionalLayer(layer.name()).definedBy(layer.packages());
    }
    for (Layer layer : LAYERS) {
      List<String> below = new ArrayList<>();
      for (Layer other : LAYERS) {
        if (other.rank() < layer.rank()) {
          below.add(other.name());
        }
      }
      layers =
          below.isEmpty()
              ? layers.whereLayer(layer.name()).mayNotAccessAnyLayer()
              : layers.whereLayer(layer.name()).mayOnlyAccessLayers(below.toArray(String[]::new));
    }
    return allClassesInALayer ? layers.ensureAllClassesAreContainedInArchitecture() : layers;
  }

  /**
   * The selector reactor stays inside {@code dev.gearbox.io}: only io and the runtime's driver
   * ({@code spi.RuntimeDriver}, which opens it through {@code IoDriver}) reach {@code io.reactor},
   * and nothing outside io names the selector reactor class.
   */
  static ArchRule selectorReactorStaysInIo() {
    return noClasses()
        .that()
        .resideOutsideOfPackage("dev.gearbox.io..")
        .and()
        .doNotHaveFullyQualifiedName("dev.gearbox.spi.RuntimeDriver")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("dev.gearbox.io.reactor..")
                .or(resideInAPackage("dev.gearbox..").and(simpleName("SelectorReactor"))))
        .because("runtimes drive I/O through spi.RuntimeDriver, never the selector reactor itself");
  }

  /** No cycles among the packages of all Gearbox modules. */
  static SliceRule noPackageCycles() {
    return slices()
        .matching("dev.gearbox.(**)")
        .should()
        .beFreeOfCycles()
        .because("packages form layers; a cycle means two of them cannot be read apart");
  }
}
