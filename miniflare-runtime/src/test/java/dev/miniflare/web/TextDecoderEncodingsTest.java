package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TextDecoder over every WHATWG legacy encoding (all 256 bytes of each single-byte one, streaming and fatal
 * multi-byte cases): each answer must equal workerd's, recorded in {@code text-decoder-encodings.expected}.
 */
class TextDecoderEncodingsTest {
  private static final Path WORKER = Path.of("src/test/resources/workers/text-decoder-encodings.mjs");
  private static final Path EXPECTED = Path.of("src/test/resources/workers/text-decoder-encodings.expected");

  @Test
  void decodesEveryEncodingAsWorkerd() throws IOException {
    List<String> expected = Files.readAllLines(EXPECTED);
    assertThat(expected).hasSizeGreaterThan(40);
    try (Miniflare mf = Miniflare.builder().port(-1).worker(w -> w.modules(true).scriptPath(WORKER)).build()) {
      for (String line : expected) {
        String name = line.substring(0, line.indexOf(" | "));
        assertThat(name + " | " + mf.dispatchFetch("http://localhost/" + name).text()).isEqualTo(line);
      }
    }
  }
}
