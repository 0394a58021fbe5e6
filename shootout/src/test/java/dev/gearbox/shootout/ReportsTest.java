package dev.gearbox.shootout;

import static dev.gearbox.shootout.MeasurementTest.MACHINE;
import static dev.gearbox.shootout.MeasurementTest.measured;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>");

  private final Results results =
      new Results(
          List.of(
              measured("spawn_many", "minimal", 2_000, 1_000, 3_000),
              measured("spawn_many", "forkjoin", 500, 400, 900),
              new Measurement(
                  "skynet",
                  "task",
                  1_000,
                  "a<b>\"c\"",
                  "1, single",
                  Measurement.Outcome.FAILED,
                  new long[0],
                  "IllegalStateException: sum 3, expected 4"),
              measured("skynet", "workstealing", 10_000, 10_000, 10_000)),
          MACHINE,
          "quick mode");

  @Test
  void theCsvHasAHeaderAndOneQuotedRowPerCell() {
    List<String> lines = CsvReport.render(results).lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0).split(",")).containsExactlyElementsOf(CsvReport.HEADER);
    assertThat(lines.get(1))
        .isEqualTo(
            "spawn_many,task,1000,minimal,2 workers,measured,3,2000.000,1000,3000,2.000,"
                + "500000000.000,4.0000,");
    assertThat(lines.get(2)).endsWith(",1.0000,");
    assertThat(lines.get(3))
        .isEqualTo(
            "skynet,task,1000,\"a<b>\"\"c\"\"\",\"1, single\",failed,0,,,,,,,"
                + "\"IllegalStateException: sum 3, expected 4\"");
  }

  @Test
  void theHtmlIsWellFormedWithOneChartAndOneTablePerWorkload() {
    String html = HtmlReport.render(results, ZonedDateTime.parse("2026-01-02T03:04:05Z"));
    assertWellFormed(html);
    assertThat(count(html, "<section class=\"workload\"")).isEqualTo(2);
    assertThat(count(html, "<svg ")).isEqualTo(2);
    assertThat(count(html, "<table>")).isEqualTo(2);
    assertThat(count(html, "<rect class=\"bar")).isEqualTo(3);
    assertThat(count(html, "<rect class=\"bar best\"")).isEqualTo(2);
    assertThat(count(html, "<line class=\"whisker\"")).isEqualTo(9);
    assertThat(html)
        .contains("<h2>spawn_many</h2>", "<h2>skynet</h2>")
        .contains("Machine: 2 cores, some CPU; some JDK; some OS")
        .contains("a&lt;b&gt;&quot;c&quot;")
        .contains("failed: IllegalStateException: sum 3, expected 4")
        .doesNotContain("<script", "<link", "src=", "href=");
  }

  @Test
  void theTableHasARowPerCellAndSaysWhatFailed() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    TextTable.print(results, new PrintStream(text, true, StandardCharsets.UTF_8));
    String table = text.toString(StandardCharsets.UTF_8);
    assertThat(table.lines()).hasSize(6);
    assertThat(table)
        .contains("FAILED: IllegalStateException: sum 3, expected 4")
        .contains("4.00×")
        .contains("units: spawn_many 1,000 tasks per run, skynet 1,000 tasks per run");
  }

  @Test
  void theCpuModelComesFromCpuinfo(@TempDir Path dir) throws Exception {
    Path cpuinfo =
        Files.writeString(
            dir.resolve("cpuinfo"),
            "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n");
    assertThat(Machine.cpuModel(cpuinfo)).contains("AMD EPYC 7B13");
    assertThat(Machine.cpuModel(dir.resolve("missing"))).isEmpty();
    assertThat(Machine.current().cores()).isPositive();
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /** Every element closed in order, or self-closed; every ampersand starts an entity. */
  private static void assertWellFormed(String html) {
    assertThat(html).startsWith("<!DOCTYPE html>");
    Deque<String> open = new ArrayDeque<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      String name = tag.group(2);
      if (!tag.group(3).isEmpty()) {
        continue;
      }
      if (tag.group(1).isEmpty()) {
        open.push(name);
      } else {
        assertThat(open).as("closing </%s> at %d", name, tag.start()).isNotEmpty();
        assertThat(open.pop()).as("closing tag at %d", tag.start()).isEqualTo(name);
      }
    }
    assertThat(open).as("unclosed elements").isEmpty();
    assertThat(html.replaceAll("&(lt|gt|amp|quot|#39);", "")).doesNotContain("&");
  }
}
