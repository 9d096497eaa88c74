package dev.miniflare.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up class list must match the GraalJS on the class path (regenerate with ci/preload-classes.sh). */
class PreloadClassesTest {
  @Test
  void everyListedClassExistsInThisGraalJsVersion() throws IOException {
    List<String> names;
    try (InputStream in = JsEngine.class.getResourceAsStream(JsEngine.PRELOAD_LIST)) {
      assertThat(in).as(JsEngine.PRELOAD_LIST).isNotNull();
      names = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
    assertThat(names).hasSizeGreaterThan(1000)
        .allSatisfy(name -> assertThat(name).matches("(com\\.oracle|org\\.graalvm)\\.[\\w.$]+"))
        .doesNotHaveDuplicates();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      try {
        Class.forName(name, false, JsEngine.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(name);
      }
    }
    assertThat(missing).as("classes of the list that this GraalJS lacks: run ci/preload-classes.sh").isEmpty();
  }
}
