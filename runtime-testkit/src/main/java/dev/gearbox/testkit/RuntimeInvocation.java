package dev.gearbox.testkit;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One invocation of a {@link RuntimeTest} method: on one runtime kind, or skipped. */
final class RuntimeInvocation implements TestTemplateInvocationContext {
  private final String displayName;
  private final List<Extension> extensions;

  private RuntimeInvocation(String displayName, List<Extension> extensions) {
    this.displayName = displayName;
    this.extensions = extensions;
  }

  /** An invocation on a fresh runtime of {@code kind}, created when a parameter needs it. */
  static RuntimeInvocation of(String kind, RuntimeConfig config, Duration shutdownTimeout) {
    return new RuntimeInvocation(
        "[" + kind + "]", List.of(new RuntimeResolver(kind, config, shutdownTimeout)));
  }

  /** An invocation that is reported as skipped with {@code reason}. */
  static RuntimeInvocation skipped(String reason) {
    ExecutionCondition disabled = context -> ConditionEvaluationResult.disabled(reason);
    return new RuntimeInvocation("[no runtime]", List.of(disabled));
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    return displayName;
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    return extensions;
  }

  /** Resolves {@link Runtime} parameters to one runtime per invocation and shuts it down after. */
  private static final class RuntimeResolver implements ParameterResolver, AfterEachCallback {
    private final String kind;
    private final RuntimeConfig config;
    private final Duration shutdownTimeout;
    private Runtime runtime;

    RuntimeResolver(String kind, RuntimeConfig config, Duration shutdownTimeout) {
      this.kind = kind;
      this.config = config;
      this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Runtime.class;
    }

    @Override
    public synchronized Object resolveParameter(
        ParameterContext parameter, ExtensionContext context) {
      if (runtime == null) {
        runtime = Runtimes.create(config.with(RuntimeConfig.RUNTIME_KEY, kind));
      }
      return runtime;
    }

    @Override
    public void afterEach(ExtensionContext context) {
      Runtime created;
      synchronized (this) {
        created = runtime;
        runtime = null;
      }
      if (created != null && !created.shutdown(shutdownTimeout)) {
        throw new AssertionError(
            "runtime '"
                + kind
                + "' did not terminate within "
                + shutdownTimeout
                + " after the test");
      }
    }
  }
}
