package dev.gearbox.shootout;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.shootout.workloads.Workload;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What runs the workloads: a Gearbox runtime of some kind, or a JDK baseline. Each {@link #open()}
 * starts a fresh one (a new runtime, pool or executor), used for one workload and then closed.
 */
sealed interface Contestant {
  /** The name in the report and in {@code --runtimes}. */
  String name();

  /** The threads it runs on, in words, for the report. */
  String threads();

  /** Starts a fresh instance. */
  Session open();

  /** A started instance, for one workload. */
  interface Session extends AutoCloseable {
    /** Runs the workload once; false if the workload has no version for this contestant. */
    boolean run(Workload workload) throws Exception;

    @Override
    void close();
  }

  /** The configuration key of worker threads, which single-threaded runtimes do not declare. */
  String WORKERS_KEY = "gearbox.workers";

  /** The name of the ForkJoinPool baseline. */
  String FORK_JOIN = "forkjoin";

  /** The name of the virtual-thread baseline. */
  String VIRTUAL = "virtual";

  /**
   * A Gearbox runtime of kind {@code kind}, with {@code workers} workers when it takes any, and the
   * {@code settings} among the shoot-out's that it declares.
   */
  record Gearbox(String kind, Integer workers, Map<String, String> settings) implements Contestant {
    static Gearbox of(String kind, int workers, Map<String, String> settings) {
      RuntimeConfig probe = RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind));
      Set<String> declared =
          Runtimes.provider(probe).configKeys().stream()
              .map(key -> key.name())
              .collect(Collectors.toSet());
      Map<String, String> own = new TreeMap<>();
      settings.forEach(
          (key, value) -> {
            if (declared.contains(key)) {
              own.put(key, value);
            }
          });
      return new Gearbox(kind, declared.contains(WORKERS_KEY) ? workers : null, Map.copyOf(own));
    }

    @Override
    public String name() {
      return kind;
    }

    @Override
    public String threads() {
      return workers == null
          ? "single-threaded"
          : workers + (workers == 1 ? " worker" : " workers");
    }

    @Override
    public Session open() {
      Map<String, String> config = new HashMap<>(settings);
      config.put(RuntimeConfig.RUNTIME_KEY, kind);
      if (workers != null) {
        config.put(WORKERS_KEY, Integer.toString(workers));
      }
      Runtime runtime = Runtimes.create(RuntimeConfig.of(config, "the shoot-out"));
      return new Session() {
        @Override
        public boolean run(Workload workload) throws Exception {
          workload.run(runtime);
          return true;
        }

        @Override
        public void close() {
          runtime.shutdown(Duration.ofSeconds(10));
        }
      };
    }
  }

  /** A ForkJoinPool of {@code parallelism} threads in async (FIFO) mode. */
  record ForkJoin(int parallelism) implements Contestant {
    @Override
    public String name() {
      return FORK_JOIN;
    }

    @Override
    public String threads() {
      return "ForkJoinPool(" + parallelism + ", async)";
    }

    @Override
    public Session open() {
      ForkJoinPool pool =
          new ForkJoinPool(
              parallelism, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
      return new Session() {
        @Override
        public boolean run(Workload workload) throws Exception {
          return workload.runOnForkJoin(pool);
        }

        @Override
        public void close() {
          pool.shutdownNow();
          awaitQuietly(pool);
        }
      };
    }
  }

  /**
   * Virtual threads, one per task, on the JVM's virtual-thread scheduler, whose parallelism is
   * fixed at JVM start by {@code -Djdk.virtualThreadScheduler.parallelism}.
   */
  record Virtual(int parallelism) implements Contestant {
    /** The parallelism of this JVM's virtual-thread scheduler. */
    static Virtual ofThisJvm() {
      String configured = System.getProperty(Relaunch.PARALLELISM);
      int parallelism = java.lang.Runtime.getRuntime().availableProcessors();
      if (configured != null) {
        try {
          parallelism = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
          // The JVM rejects it too; keep the processor count it falls back to.
        }
      }
      return new Virtual(parallelism);
    }

    @Override
    public String name() {
      return VIRTUAL;
    }

    @Override
    public String threads() {
      return "parallelism " + parallelism;
    }

    @Override
    public Session open() {
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      return new Session() {
        @Override
        public boolean run(Workload workload) throws Exception {
          return workload.runOnVirtualThreads(executor);
        }

        @Override
        public void close() {
          executor.shutdownNow();
          awaitQuietly(executor);
        }
      };
    }
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
