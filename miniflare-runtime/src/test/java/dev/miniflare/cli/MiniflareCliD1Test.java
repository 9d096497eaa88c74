package dev.miniflare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code --d1} option, like Miniflare 2's. */
class MiniflareCliD1Test {
  @Test
  void d1OptionIsRepeatable() {
    MiniflareCli cli = new MiniflareCli();
    new CommandLine(cli).parseArgs("--d1", "DB", "--d1", "OTHER", "worker.js");
    assertThat(cli.d1).isEqualTo(List.of("DB", "OTHER"));
  }
}
