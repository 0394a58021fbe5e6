package dev.gearbox.testkit;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.testkit.sim.SimulatedRuntime;
import dev.gearbox.testkit.sim.Simulation;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The invocation of a {@link RuntimeTest} on the simulated runtime: the method runs once per seed
 * through {@link Simulation#check}, each time with a fresh runtime in place of its {@link Runtime}
 * (or {@link SimulatedRuntime}) parameters; the first failing seed fails the test.
 */
final class SeededInvocation implements TestTemplateInvocationContext {
  private final RuntimeConfig config;
  private final SeedRange seeds;

  private SeededInvocation(RuntimeConfig config, SeedRange seeds) {
    this.config = config;
    this.seeds = seeds;
  }

  static SeededInvocation of(RuntimeConfig config, SeedRange seeds) {
    return new SeededInvocation(config, seeds);
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    return "[simulated, " + seeds.describe() + "]";
  }

  @Override
  public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
    return List.of(new PerSeed());
  }

  /** Stands the runtime parameters in for JUnit, then runs the method once per seed. */
  private final class PerSeed implements ParameterResolver, InvocationInterceptor {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == Runtime.class || type == SimulatedRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return null; // replaced per seed in interceptTestTemplateMethod
    }

    @Override
    public void interceptTestTemplateMethod(
        Invocation<Void> invocation,
        ReflectiveInvocationContext<Method> invocationContext,
        ExtensionContext extensionContext) {
      invocation.skip();
      Method method = invocationContext.getExecutable();
      Object target = invocationContext.getTarget().orElse(null);
      Class<?>[] types = method.getParameterTypes();
      List<Object> given = invocationContext.getArguments();
      Simulation.check(
          seeds.first(),
          seeds.count(),
          config.values(),
          runtime -> {
            Object[] arguments = given.toArray();
            for (int i = 0; i < types.length; i++) {
              if (types[i] == Runtime.class || types[i] == SimulatedRuntime.class) {
                arguments[i] = runtime;
              }
            }
            ReflectionSupport.invokeMethod(method, target, arguments);
          });
    }
  }
}
