package dev.miniflare.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process writing to every persisted store (KV, Durable Object key-value and SQL, D1, R2, cache) is killed with
 * SIGKILL in the middle of its writes; a new instance over the same folders must hold every write the child saw
 * acknowledged.
 */
@org.junit.jupiter.api.condition.DisabledOnOs(org.junit.jupiter.api.condition.OS.WINDOWS)
class KillDashNineTest {
  /** Acknowledged records to wait for before killing the writer (it keeps writing meanwhile). */
  private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

  @Test
  void everyAcknowledgedWriteSurvivesSigkill(@TempDir Path dir) throws Exception {
    Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(javaBinary.toString(), "-Xss4m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    int lastAcknowledged = -1;
    List<String> otherOutput = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          lastAcknowledged = Integer.parseInt(line.substring(4));
          if (lastAcknowledged + 1 >= ACKNOWLEDGED_BEFORE_KILL) {
            break;
          }
        } else if (!line.equals("ready")) {
          otherOutput.add(line);
        }
      }
      // SIGKILL while the child is in the middle of further writes: no shutdown hook, no close, no flush. (Not
      // Process.destroyForcibly: it closes our end of the child's output, losing acknowledgements in the pipe.)
      new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).inheritIO().start().waitFor();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // Acknowledgements printed before the kill landed count too.
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ack ")) {
          lastAcknowledged = Integer.parseInt(line.substring(4));
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(lastAcknowledged).as("child output: %s", otherOutput).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL - 1);
    assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL: it did not exit by itself
    assertThat(Files.exists(dir.resolve("d1"))).isTrue();

    try (Miniflare mf = CrashWriter.open(dir)) {
      Map<String, Object> missing = Json.read(
          mf.dispatchFetch("http://localhost/missing?upTo=" + (lastAcknowledged + 1)).text(),
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
      assertThat(missing).containsOnlyKeys("kv", "do-kv", "do-sql", "d1", "r2", "cache");
      System.out.printf("kill -9 after %d acknowledged records; lost per store: %s%n", lastAcknowledged + 1, missing);
      assertThat(missing).allSatisfy((store, lost) -> assertThat(lost).as("lost records of " + store).asList().isEmpty());
    }
  }
}
