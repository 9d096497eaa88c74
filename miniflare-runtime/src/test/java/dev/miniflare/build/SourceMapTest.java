package dev.miniflare.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source map decoding (base64 VLQ, relative fields) and the rewriting of stack locations. */
class SourceMapTest {
  @TempDir
  Path dir;

  @Test
  void vlqFieldsAreRelativeToThePreviousSegment() {
    // Spec values: A=0, C=+1, D=-1, E=+2, gB=+16 (continuation bit). Line 1: one segment at column 0 of source 0
    // line 0 column 0; line 2: columns 0 and 16, the second one source line back and two columns on.
    List<int[][]> lines = SourceMap.decode("AAAA;AACA,gBADE");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isDeepEqualTo(new int[][] {{0, 0, 0, 0}});
    assertThat(lines.get(1)).isDeepEqualTo(new int[][] {{0, 0, 1, 0}, {16, 0, 0, 2}});
  }

  @Test
  void locationsOfTheGeneratedFileAreRewritten() throws Exception {
    Path map = dir.resolve("out/index.js.map");
    Files.createDirectories(map.getParent());
    // generated line 1 -> src/a.ts line 1; line 2 col 0 -> src/a.ts line 5 col 2, col 10 -> src/b.ts line 3 col 4
    // (original lines are relative across sources: 4 + (-2) = 2)
    Files.writeString(map, "{\"version\":3,\"sources\":[\"../src/a.ts\",\"../src/b.ts\"],\"mappings\":\"AAAA;AAIE,UCFE\"}");
    SourceMap sm = SourceMap.read(map, dir.resolve("out/index.js"));
    String out = dir.resolve("out/index.js").toString();
    String a = dir.resolve("src/a.ts").toString();
    String b = dir.resolve("src/b.ts").toString();
    assertThat(sm.originalPosition(2, 1)).isEqualTo(a + ":5:3");
    assertThat(sm.originalPosition(2, 11)).isEqualTo(b + ":3:5");
    assertThat(sm.originalPosition(2, 40)).isEqualTo(b + ":3:5");
    assertThat(sm.remap("Error: x\n    at f (" + out + ":2:12)\n    at " + out + ":1:1\n    at other.js:2:1"))
        .isEqualTo("Error: x\n    at f (" + b + ":3:5)\n    at " + a + ":1:1\n    at other.js:2:1");
    assertThat(sm.originalPosition(9, 1)).isNull();
  }
}
