package dev.gearbox.spi.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.Name;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The settings files in {@code docs/jfr} (docs/jfr.md) name every Gearbox event with the enabled
 * setting the file promises: an event class added without its line in each file fails here.
 */
class JfcSettingsFilesTest {
  /** Set by the module's pom; without it, the docs directory next to Maven's base directory. */
  private static final String DOCS_DIR_PROPERTY = "gearbox.docs.dir";

  @ParameterizedTest
  @CsvSource({"gearbox-all.jfc, true", "gearbox-off.jfc, false"})
  void theFileSetsEveryGearboxEvent(String file, String enabled)
      throws IOException, ParseException, URISyntaxException {
    Configuration configuration = Configuration.create(docsDir().resolve("jfr").resolve(file));
    Map<String, String> settings = configuration.getSettings();
    Set<String> events = gearboxEventNames();
    assertThat(events).as("the Gearbox event classes found").isNotEmpty();

    for (String event : events) {
      assertThat(settings.get(event + "#enabled"))
          .as("%s in %s: its enabled setting", event, file)
          .isEqualTo(enabled);
    }
    Set<String> named =
        settings.keySet().stream()
            .map(key -> key.substring(0, key.indexOf('#')))
            .filter(name -> name.startsWith("dev.gearbox."))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(named).as("the Gearbox events %s names", file).isEqualTo(events);
  }

  private static Path docsDir() {
    String configured = System.getProperty(DOCS_DIR_PROPERTY);
    Path docs =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolveSibling("docs");
    if (!Files.isDirectory(docs)) {
      throw new IllegalStateException(
          "no docs directory at "
              + docs.toAbsolutePath()
              + ": set -D"
              + DOCS_DIR_PROPERTY
              + " to the repository's docs directory");
    }
    return docs;
  }

  /**
   * The names of the JFR event classes compiled into this module: every class under the {@code
   * dev.gearbox} packages of its class output that extends {@link Event}, named by its {@link Name}
   * (or its class name) if that starts with {@code dev.gearbox.}.
   */
  private static Set<String> gearboxEventNames() throws IOException, URISyntaxException {
    Path classes =
        Path.of(SlowPollEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes.resolve("dev").resolve("gearbox"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String relative = classes.relativize(file).toString();
        if (!relative.endsWith(".class") || relative.endsWith("module-info.class")) {
          continue;
        }
        String className =
            relative
                .substring(0, relative.length() - ".class".length())
                .replace(file.getFileSystem().getSeparator(), ".");
        Class<?> type = load(className);
        if (Event.class.isAssignableFrom(type)) {
          Name name = type.getAnnotation(Name.class);
          String eventName = name != null ? name.value() : type.getName();
          if (eventName.startsWith("dev.gearbox.")) {
            names.add(eventName);
          }
        }
      }
    }
    return names;
  }

  private static Class<?> load(String className) {
    try {
      return Class.forName(className, false, JfcSettingsFilesTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("class file without its class: " + className, e);
    }
  }
}
