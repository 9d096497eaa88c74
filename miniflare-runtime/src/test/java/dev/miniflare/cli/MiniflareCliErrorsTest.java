package dev.miniflare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad config or argument ends the CLI with a non-zero exit and a short message: no Java stack trace. */
class MiniflareCliErrorsTest {
  @TempDir
  Path dir;

  private record Outcome(int exitCode, String err) {}

  private Outcome run(String... args) {
    StringWriter text = new StringWriter();
    int code = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> MiniflareCli.run(args, new PrintWriter(text, true)));
    return new Outcome(code, text.toString());
  }

  private Path config(String toml) throws IOException {
    Files.writeString(dir.resolve("index.js"), "export default { fetch() { return new Response('hi'); } };");
    return Files.writeString(dir.resolve("wrangler.toml"), toml);
  }

  private static void assertShortUserError(Outcome outcome) {
    assertThat(outcome.exitCode()).isNotZero();
    assertThat(outcome.err()).startsWith("miniflare: ").doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(outcome.err().lines().count()).isLessThanOrEqualTo(3);
  }

  @Test
  void tomlSyntaxErrorNamesFileLineAndColumn() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"index.js\"\ncompatibility_date = \"2024-01-01\n");
    Outcome outcome = run("-c", toml.toString());
    assertShortUserError(outcome);
    assertThat(outcome.err()).contains(toml + ":3:").contains("invalid TOML");
  }

  @Test
  void wrongTypeNamesTheKey() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"index.js\"\nkv_namespaces = \"KV\"\n");
    Outcome outcome = run("-c", toml.toString());
    assertShortUserError(outcome);
    assertThat(outcome.err()).contains(toml + ":3:1:").contains("\"kv_namespaces\" must be an array of tables");
  }

  @Test
  void unknownEnvironmentListsTheKnownOnes() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"index.js\"\n[env.staging]\nvars = { A = \"1\" }\n");
    Outcome outcome = run("-c", toml.toString(), "--env", "prod");
    assertShortUserError(outcome);
    assertThat(outcome.err()).contains("no environment named \"prod\"").contains("staging");
  }

  @Test
  void missingEntryPointAndMissingConfig() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"src/nope.js\"\n");
    Outcome missingMain = run("-c", toml.toString());
    assertShortUserError(missingMain);
    assertThat(missingMain.err()).contains("nope.js").contains("not found");
    Outcome missingConfig = run("-c", dir.resolve("nope.toml").toString());
    assertShortUserError(missingConfig);
    assertThat(missingConfig.err()).contains("nope.toml: configuration file not found");
  }

  @Test
  void portInUseSaysWhatToDo() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"index.js\"\n");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Outcome outcome = run("-c", toml.toString(), "--port", Integer.toString(taken.getLocalPort()));
      assertShortUserError(outcome);
      assertThat(outcome.err()).contains(":" + taken.getLocalPort()).contains("already in use").contains("--port");
    }
  }

  @Test
  void cpuMsMustBeAPositiveInteger() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"index.js\"\n[limits]\ncpu_ms = \"fast\"\n");
    Outcome outcome = run("-c", toml.toString());
    assertShortUserError(outcome);
    assertThat(outcome.err()).contains(toml + ":4:").contains("\"limits.cpu_ms\" must be an integer");
    Files.writeString(toml, "name = \"w\"\nmain = \"index.js\"\n[limits]\ncpu_ms = 0\n");
    Outcome zero = run("-c", toml.toString());
    assertShortUserError(zero);
    assertThat(zero.err()).contains(toml + ":4:").contains("positive number of milliseconds");
  }

  @Test
  void cpuTimeLimitOptionSetsTheWorkersLimitAndTheDefaultIsNone() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"index.js\"\n");
    MiniflareCli limited = new MiniflareCli();
    new picocli.CommandLine(limited).parseArgs("-c", toml.toString(), "--cpu-time-limit", "50");
    assertThat(limited.builder().workers().get(0).cpuTimeLimit()).isEqualTo(Duration.ofMillis(50));
    MiniflareCli unlimited = new MiniflareCli();
    new picocli.CommandLine(unlimited).parseArgs("-c", toml.toString());
    assertThat(unlimited.builder().workers().get(0).cpuTimeLimit()).isNull(); // the instance's: none on the CLI
    Outcome negative = run("-c", toml.toString(), "--cpu-time-limit", "-5");
    assertShortUserError(negative);
    assertThat(negative.err()).contains("--cpu-time-limit must be a positive number of milliseconds");
  }

  @Test
  void verbosePrintsTheStackTrace() throws IOException {
    Path toml = config("name = \"w\"\nmain = \"index.js\"\nkv_namespaces = \"KV\"\n");
    Outcome outcome = run("-c", toml.toString(), "--verbose");
    assertThat(outcome.exitCode()).isNotZero();
    assertThat(outcome.err()).contains("\tat dev.miniflare.config.");
  }
}
