package dev.miniflare.config;

import static dev.miniflare.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerConfigSecretsTest {
  @TempDir Path dir;

  private Path config() {
    return write(dir, "wrangler.toml", """
        name = "w"
        [vars]
        API_HOST = "prod.example.com"
        DEBUG = false
        [env.staging]
        [env.staging.vars]
        API_HOST = "staging.example.com"
        """);
  }

  @Test
  void devVarsAreLoadedAndOverrideVars() {
    Path f = config();
    write(dir, ".dev.vars", "API_HOST=localhost:3000\nSECRET=\"s3cr3t\"\n");
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.secrets()).containsExactly(Map.entry("API_HOST", "localhost:3000"), Map.entry("SECRET", "s3cr3t"));
    assertThat(c.vars()).containsEntry("API_HOST", "prod.example.com");
    assertThat(c.bindingsVars()).containsExactly(
        Map.entry("API_HOST", "localhost:3000"), Map.entry("DEBUG", false), Map.entry("SECRET", "s3cr3t"));
    assertThat(c.secretsFiles()).containsExactly(dir.toAbsolutePath().normalize().resolve(".dev.vars"));
  }

  @Test
  void devVarsForTheEnvironmentReplaceTheGenericFile() {
    Path f = config();
    write(dir, ".dev.vars", "A=generic\nONLY_GENERIC=1\n");
    write(dir, ".dev.vars.staging", "A=staging\n");
    assertThat(WranglerConfig.load(f, "staging").secrets()).containsExactly(Map.entry("A", "staging"));
    assertThat(WranglerConfig.load(f).secrets()).containsExactly(Map.entry("A", "generic"), Map.entry("ONLY_GENERIC", "1"));
  }

  @Test
  void genericDevVarsUsedWhenEnvironmentFileIsMissing() {
    Path f = config();
    write(dir, ".dev.vars", "A=generic\n");
    assertThat(WranglerConfig.load(f, "staging").secrets()).containsExactly(Map.entry("A", "generic"));
  }

  @Test
  void dotEnvIsUsedWhenThereIsNoDevVars() {
    Path f = config();
    write(dir, ".env", "TOKEN=from-env\nexport OTHER='x'\n");
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.secrets()).containsExactly(Map.entry("TOKEN", "from-env"), Map.entry("OTHER", "x"));
    assertThat(c.bindingsVars()).containsEntry("TOKEN", "from-env").containsEntry("API_HOST", "prod.example.com");
  }

  @Test
  void devVarsWinAndDotEnvIsThenIgnored() {
    Path f = config();
    write(dir, ".dev.vars", "A=dev-vars\n");
    write(dir, ".env", "A=dotenv\nB=only-in-dotenv\n");
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.secrets()).containsExactly(Map.entry("A", "dev-vars"));
    assertThat(c.bindingsVars()).doesNotContainKey("B");
  }

  @Test
  void dotEnvFilesMergeWithMostSpecificWinning() {
    Path f = config();
    write(dir, ".env", "A=env\nB=env\nC=env\nD=env\n");
    write(dir, ".env.staging", "B=env.staging\nC=env.staging\nD=env.staging\n");
    write(dir, ".env.local", "C=env.local\nD=env.local\n");
    write(dir, ".env.staging.local", "D=env.staging.local\n");
    WranglerConfig c = WranglerConfig.load(f, "staging");
    assertThat(c.secrets()).containsEntry("A", "env").containsEntry("B", "env.staging")
        .containsEntry("C", "env.local").containsEntry("D", "env.staging.local");
    assertThat(c.secretsFiles()).extracting(p -> p.getFileName().toString())
        .containsExactly(".env", ".env.staging", ".env.local", ".env.staging.local");
    // secrets override the environment's vars
    assertThat(c.bindingsVars()).containsEntry("API_HOST", "staging.example.com");
  }

  @Test
  void withoutEnvironmentOnlyGenericDotEnvFilesApply() {
    Path f = config();
    write(dir, ".env", "A=env\n");
    write(dir, ".env.local", "A=local\n");
    write(dir, ".env.staging", "A=staging\n");
    assertThat(WranglerConfig.load(f).secrets()).containsExactly(Map.entry("A", "local"));
  }

  @Test
  void noSecretFiles() {
    WranglerConfig c = WranglerConfig.load(config());
    assertThat(c.secrets()).isEmpty();
    assertThat(c.secretsFiles()).isEmpty();
    assertThat(c.bindingsVars()).isEqualTo(c.vars());
  }

  @Test
  void secretsFileIsBesideTheConfigNotTheWorkingDirectory() {
    Path f = write(dir, "nested/wrangler.toml", "name = \"n\"\n");
    write(dir, ".dev.vars", "WRONG=1\n");
    write(dir, "nested/.dev.vars", "RIGHT=1\n");
    assertThat(WranglerConfig.load(f).secrets()).containsOnlyKeys("RIGHT");
  }

  @Test
  void invalidSecretLinesBecomeWarnings() {
    Path f = config();
    write(dir, ".dev.vars", "A=1\nthis is junk\n");
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.secrets()).containsExactly(Map.entry("A", "1"));
    assertThat(c.warnings()).hasSize(1);
    assertThat(c.warnings().get(0).toString()).contains(".dev.vars:2: ignored line");
  }

  @Test
  void secretsRequiredFiltersAndWarnsAboutMissing() {
    Path f = write(dir, "wrangler.jsonc", """
        { "name": "w", "secrets": { "required": ["API_KEY", "DB_PASSWORD"] } }
        """);
    write(dir, ".dev.vars", "API_KEY=k\nUNLISTED=x\n");
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.secrets()).containsExactly(Map.entry("API_KEY", "k"));
    assertThat(c.warnings()).extracting(ConfigWarning::message)
        .containsExactly("required secret \"DB_PASSWORD\" is not set in .dev.vars");
  }
}
