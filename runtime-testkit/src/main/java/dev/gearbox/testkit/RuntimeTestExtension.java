package dev.gearbox.testkit;

import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.spi.CommonKeys;
import dev.gearbox.testkit.sim.SimulatedRuntimeProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link RuntimeTest}: one invocation of the test template per installed
 * runtime kind. Registered by the annotation; not meant to be used directly.
 */
public final class RuntimeTestExtension implements TestTemplateInvocationContextProvider {

  /** Creates the extension; JUnit calls this. */
  public RuntimeTestExtension() {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .flatMap(method -> AnnotationSupport.findAnnotation(method, RuntimeTest.class))
        .isPresent();
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    RuntimeTest annotation =
        AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), RuntimeTest.class)
            .orElseThrow();
    RuntimeConfig parsed = parseConfig(annotation.config());
    RuntimeConfig config =
        annotation.pausedTime() ? parsed.with(CommonKeys.TIME_PAUSED.name(), "true") : parsed;
    SeedRange seeds = SeedRange.of(annotation);
    Duration shutdownTimeout = Duration.ofSeconds(annotation.shutdownTimeoutSeconds());
    List<String> installed = Runtimes.available();
    List<String> wanted = Arrays.asList(annotation.kinds());
    List<String> kinds =
        wanted.isEmpty()
            ? installed
            : wanted.stream().filter(installed::contains).distinct().toList();
    if (kinds.isEmpty()) {
      String reason =
          (wanted.isEmpty()
                  ? "no Gearbox runtime is installed"
                  : "none of the runtime kinds " + wanted + " is installed")
              + " (installed: "
              + installed
              + "); add a runtime module to the test class path";
      return Stream.of(RuntimeInvocation.skipped(reason));
    }
    return kinds.stream()
        .map(
            kind ->
                kind.equals(SimulatedRuntimeProvider.KIND)
                    ? SeededInvocation.of(config, seeds)
                    : RuntimeInvocation.of(kind, config, shutdownTimeout))
        .map(TestTemplateInvocationContext.class::cast);
  }

  private static RuntimeConfig parseConfig(String[] entries) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new ExtensionConfigurationException(
            "@RuntimeTest(config = \"" + entry + "\"): expected key=value");
      }
      values.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
    }
    return RuntimeConfig.of(values, "@RuntimeTest(config)");
  }
}
