package dev.gearbox.runtime;

import java.time.Duration;
import java.util.Map;

/** The text of a {@link TaskDump}: a summary, then one short paragraph per listed task. */
final class TaskDumpText {
  private TaskDumpText() {}

  static String format(TaskDump dump) {
    StringBuilder text = new StringBuilder(256 + dump.tasks().size() * 160);
    text.append("Gearbox task dump of runtime '").append(dump.runtimeName()).append('\'');
    if (!dump.runtimeName().equals(dump.runtime())) {
      text.append(" (").append(dump.runtime()).append(')');
    }
    text.append(": ").append(dump.total()).append(dump.total() == 1 ? " live task" : " live tasks");
    if (dump.tasks().size() < dump.total() && dump.limit() > 0) {
      text.append(", the first ").append(dump.tasks().size()).append(" listed");
    }
    text.append('\n');
    text.append("  by state:");
    appendCounts(text, dump.byState());
    text.append("\n  by leaf future:");
    appendCounts(text, dump.byLeaf());
    text.append('\n');
    for (TaskDump.Task task : dump.tasks()) {
      text.append('\n');
      appendTask(text, task);
    }
    return text.toString();
  }

  private static void appendCounts(StringBuilder text, Map<?, Long> counts) {
    boolean first = true;
    for (Map.Entry<?, Long> entry : counts.entrySet()) {
      text.append(first ? " " : ", ")
          .append(label(entry.getKey()))
          .append(' ')
          .append(entry.getValue());
      first = false;
    }
    if (first) {
      text.append(" -");
    }
  }

  /** A state in lower case ({@code idle}); a leaf label as it is ({@code Channel.receive}). */
  private static String label(Object key) {
    return key instanceof Enum<?> state
        ? state.name().toLowerCase(java.util.Locale.ROOT)
        : key.toString();
  }

  private static void appendTask(StringBuilder text, TaskDump.Task task) {
    text.append(task.fiber() ? "fiber " : "task ").append(task.id());
    if (task.name() != null) {
      text.append(" '").append(task.name()).append('\'');
    }
    text.append(' ').append(task.state().toString().toLowerCase(java.util.Locale.ROOT));
    if (task.worker() != null) {
      text.append(" on ").append(task.worker());
    }
    if (task.leaf() != null) {
      text.append(" in ").append(task.leaf());
    }
    if (task.age() != null) {
      text.append(", age ").append(format(task.age()));
    }
    text.append('\n');
    if (task.future() != null && !task.fiber()) {
      text.append("    future: ").append(task.future()).append('\n');
    }
    if (task.spawnSite() != null) {
      text.append("    spawned at ").append(task.spawnSite()).append('\n');
    }
  }

  /** A duration as {@code 1.234s}, {@code 12ms} or {@code 3m04s}. */
  static String format(Duration age) {
    long millis = age.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.3fs", millis / 1000.0);
    }
    long seconds = age.toSeconds();
    return String.format(java.util.Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }
}
