package dev.miniflare.config;

import static dev.miniflare.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerConfigErrorsTest {
  @TempDir Path dir;

  private ConfigException fail(String name, String content) {
    return fail(name, content, null);
  }

  private ConfigException fail(String name, String content, String env) {
    Path f = write(dir, name, content);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> WranglerConfig.load(f, env));
    assertThat(e).as("expected a ConfigException").isNotNull();
    assertThat(e.path()).isEqualTo(f.toAbsolutePath().normalize());
    return e;
  }

  @Test
  void malformedTomlNamesFileLineAndColumn() {
    ConfigException e = fail("wrangler.toml", "name = \"x\"\nmain = = \"y\"\n");
    assertThat(e.getMessage()).contains("wrangler.toml:2:8: invalid TOML: ");
    assertThat(e.getMessage()).startsWith(dir.toAbsolutePath().normalize().resolve("wrangler.toml") + ":2:8:");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(8);
    assertThat(e.detail()).startsWith("invalid TOML: Unexpected '='");
  }

  @Test
  void unterminatedTomlString() {
    ConfigException e = fail("wrangler.toml", "\n\nname = \"abc\n");
    assertThat(e.getMessage()).contains("wrangler.toml:3:");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void duplicateTomlKey() {
    ConfigException e = fail("wrangler.toml", "name = \"a\"\nname = \"b\"\n");
    assertThat(e.getMessage()).contains("wrangler.toml:2:1: invalid TOML: name previously defined at line 1");
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() {
    ConfigException e = fail("wrangler.json", "{\n  \"name\": \"x\",\n  \"main\" \"y\"\n}\n");
    assertThat(e.getMessage()).contains("wrangler.json:3:10: invalid JSON: ");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(10);
  }

  @Test
  void unclosedJsonObjectAfterAComment() {
    ConfigException e = fail("wrangler.jsonc", "// ok\n{\n  \"name\": \"x\",\n");
    assertThat(e.getMessage()).contains("wrangler.jsonc:4:").contains("invalid JSON");
  }

  @Test
  void duplicateJsonKey() {
    ConfigException e = fail("wrangler.json", "{\"name\": \"a\",\n \"name\": \"b\"}");
    assertThat(e.getMessage()).contains("wrangler.json:2:").containsIgnoringCase("duplicate");
  }

  @Test
  void jsonRootMustBeAnObject() {
    assertThat(fail("wrangler.json", "[1, 2]").getMessage()).contains("wrangler.json:1:1: invalid JSON: the root must be an object");
    assertThat(fail("wrangler.json", "").getMessage()).contains("invalid JSON: the file is empty");
    assertThat(fail("wrangler.json", "{} {}").getMessage()).contains("wrangler.json:1:4: invalid JSON: unexpected content");
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("wrangler.toml");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> WranglerConfig.load(f));
    assertThat(e.getMessage()).isEqualTo(f.toAbsolutePath().normalize() + ": configuration file not found");
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.column()).isEqualTo(-1);
  }

  @Test
  void unsupportedExtension() {
    Path f = write(dir, "wrangler.yaml", "name: x\n");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> WranglerConfig.load(f));
    assertThat(e.getMessage()).contains("wrangler.yaml: unsupported configuration file type");
  }

  @Test
  void invalidUtf8() throws IOException {
    Path f = dir.resolve("wrangler.toml");
    Files.write(f, new byte[] {'n', '=', '"', (byte) 0xC3, (byte) 0x28, '"'});
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> WranglerConfig.load(f));
    assertThat(e.getMessage()).contains("wrangler.toml: is not valid UTF-8");
  }

  @Test
  void wrongTypeForKvNamespaces() {
    ConfigException e = fail("wrangler.toml", "name = \"x\"\n\n\n\nkv_namespaces = { binding = \"A\" }\n");
    assertThat(e.getMessage()).contains("wrangler.toml:5:1: \"kv_namespaces\" must be an array of tables, but is a table");
  }

  @Test
  void wrongTypeInJsonSaysObject() {
    ConfigException e = fail("wrangler.json", "{\n  \"kv_namespaces\": [\"A\"]\n}");
    assertThat(e.getMessage()).contains("wrangler.json:2:21: \"kv_namespaces\" must be an array of objects, but element 0 is a string");
  }

  @Test
  void bindingMissingItsRequiredField() {
    ConfigException e = fail("wrangler.toml", "[[kv_namespaces]]\nbinding = \"A\"\n\n[[kv_namespaces]]\nid = \"x\"\n");
    assertThat(e.getMessage()).contains("wrangler.toml:4:1: kv_namespaces[1] needs \"binding\"");
    assertThat(e.detail()).isEqualTo("kv_namespaces[1] needs \"binding\"");
  }

  @Test
  void requiredFieldsOfEachBindingKind() {
    assertThat(fail("wrangler.toml", "services = [{ binding = \"S\" }]\n").getMessage())
        .contains("wrangler.toml:1:13: services[0] needs \"service\"");
    assertThat(fail("wrangler.toml", "[[durable_objects.bindings]]\nname = \"D\"\n").getMessage())
        .contains("wrangler.toml:1:1: durable_objects.bindings[0] needs \"class_name\"");
    assertThat(fail("wrangler.toml", "[[migrations]]\nnew_classes = [\"A\"]\n").getMessage())
        .contains("migrations[0] needs \"tag\"");
    assertThat(fail("wrangler.toml", "[[migrations]]\ntag = \"v1\"\nrenamed_classes = [{ from = \"A\" }]\n").getMessage())
        .contains("migrations[0].renamed_classes[0] needs \"to\"");
    assertThat(fail("wrangler.toml", "[[r2_buckets]]\nbucket_name = \"b\"\n").getMessage())
        .contains("r2_buckets[0] needs \"binding\"");
    assertThat(fail("wrangler.toml", "[[d1_databases]]\ndatabase_name = \"b\"\n").getMessage())
        .contains("d1_databases[0] needs \"binding\"");
    assertThat(fail("wrangler.toml", "routes = [{ zone_name = \"z\" }]\n").getMessage())
        .contains("routes[0] needs \"pattern\"");
  }

  @Test
  void wrongScalarTypes() {
    assertThat(fail("wrangler.toml", "\nname = 5\n").getMessage())
        .contains("wrangler.toml:2:1: \"name\" must be a string, but is an integer");
    assertThat(fail("wrangler.toml", "compatibility_flags = [\"a\", 1]\n").getMessage())
        .contains("\"compatibility_flags[1]\" must be a string, but is an integer");
    assertThat(fail("wrangler.toml", "vars = [\"a\"]\n").getMessage())
        .contains("wrangler.toml:1:1: \"vars\" must be a table, but is an array");
    assertThat(fail("wrangler.toml", "[[kv_namespaces]]\nbinding = \"A\"\nid = 3\n").getMessage())
        .contains("wrangler.toml:3:1: \"kv_namespaces[0].id\" must be a string, but is an integer");
    assertThat(fail("wrangler.toml", "[triggers]\ncrons = \"* * * * *\"\n").getMessage())
        .contains("wrangler.toml:2:1: \"triggers.crons\" must be an array of strings, but is a string");
    assertThat(fail("wrangler.toml", "routes = [{ pattern = \"p\", custom_domain = \"yes\" }]\n").getMessage())
        .contains("\"routes[0].custom_domain\" must be a boolean, but is a string");
  }

  @Test
  void errorsInsideTheSelectedEnvironmentUseItsPath() {
    ConfigException e = fail("wrangler.toml", "[env.prod]\n[[env.prod.kv_namespaces]]\nid = \"x\"\n", "prod");
    assertThat(e.getMessage()).contains("wrangler.toml:2:1: env.prod.kv_namespaces[0] needs \"binding\"");
  }

  @Test
  void envMustBeATableOfTables() {
    assertThat(fail("wrangler.toml", "env = \"prod\"\n").getMessage())
        .contains("wrangler.toml:1:1: \"env\" must be a table, but is a string");
    assertThat(fail("wrangler.json", "{\"env\": {\"prod\": 1}}").getMessage())
        .contains("wrangler.json:1:10: \"env.prod\" must be an object, but is an integer");
  }

  @Test
  void invalidCompatibilityDate() {
    assertThat(fail("wrangler.toml", "compatibility_date = \"2024/01/01\"\n").getMessage())
        .contains("wrangler.toml:1:1: \"compatibility_date\" must be a date like \"2024-09-23\"");
    assertThat(fail("wrangler.toml", "compatibility_date = \"2024-02-31\"\n").getMessage())
        .contains("\"compatibility_date\" is not a valid date");
  }

  @Test
  void routeAndRoutesTogether() {
    assertThat(fail("wrangler.toml", "route = \"a/*\"\nroutes = [\"b/*\"]\n").getMessage())
        .contains("wrangler.toml:2:1: \"route\" and \"routes\" cannot both be set");
  }

  @Test
  void tomlDatesAreRejectedInVars() {
    assertThat(fail("wrangler.toml", "[vars]\nWHEN = 2024-01-01T00:00:00Z\n").getMessage())
        .contains("wrangler.toml:2:1: \"vars.WHEN\" is a TOML date/time");
  }

  @Test
  void duplicateBindingNames() {
    ConfigException e = fail("wrangler.toml", "[vars]\nX = \"1\"\n[[kv_namespaces]]\nbinding = \"X\"\n");
    assertThat(e.getMessage()).contains("wrangler.toml:3:1: binding name \"X\" is used twice (in \"vars\" and \"kv_namespaces\")");
  }
}
