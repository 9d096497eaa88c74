package dev.miniflare.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What persisted storage leaves on disk: damaged entry files, SQL database files, rollbacks and clears. */
class PersistedStorageTest {
  private static StoredValue text(String value) {
    return new StoredValue(value.getBytes(StandardCharsets.UTF_8), "{\"m\":1}", 0);
  }

  private static Storage open(Path dir) {
    Storage storage = new Storage();
    storage.persist("kv", dir.resolve("kv"));
    storage.persist("sql", dir.resolve("sql"));
    return storage;
  }

  private static List<String> keys(Storage storage) {
    return new ArrayList<>(storage.namespace("kv", "ns").entries().keySet());
  }

  @Test
  void aTruncatedEntryFileIsSkippedAndTheRestOfTheNamespaceLoads(@TempDir Path dir) throws Exception {
    try (Storage storage = open(dir)) {
      StorageNamespace ns = storage.namespace("kv", "ns");
      ns.put("a", text("first"));
      ns.put("b", text("x".repeat(1000)));
      ns.put("c", text("third"));
    }
    FilePersistence files = new FilePersistence(dir.resolve("kv"));
    Path damaged = files.entryFile("ns", "b");
    long size = Files.size(damaged);
    try (FileChannel channel = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
      channel.truncate(size / 2); // cut inside the value
    }
    try (Storage storage = open(dir)) {
      assertThat(keys(storage)).containsExactly("a", "c");
      assertThat(new String(storage.namespace("kv", "ns").get("c").value(), StandardCharsets.UTF_8))
          .isEqualTo("third");
      // The store stays writable, and rewriting the damaged key repairs it.
      storage.namespace("kv", "ns").put("b", text("again"));
    }
    try (Storage storage = open(dir)) {
      assertThat(keys(storage)).containsExactly("a", "b", "c");
    }
  }

  @Test
  void entryFilesCutAtAnyLengthOrWithAFlippedByteAreSkipped(@TempDir Path dir) throws Exception {
    try (Storage storage = open(dir)) {
      storage.namespace("kv", "ns").put("k", text("value"));
    }
    Path file = new FilePersistence(dir.resolve("kv")).entryFile("ns", "k");
    byte[] whole = Files.readAllBytes(file);
    for (int length = 0; length < whole.length; length++) {
      Files.write(file, java.util.Arrays.copyOf(whole, length));
      try (Storage storage = open(dir)) {
        assertThat(keys(storage)).as("cut at %d of %d bytes", length, whole.length).isEmpty();
      }
    }
    byte[] flipped = whole.clone();
    flipped[whole.length - 6] ^= 1; // inside the value: only the checksum notices
    Files.write(file, flipped);
    try (Storage storage = open(dir)) {
      assertThat(keys(storage)).isEmpty();
    }
  }

  @Test
  void filesOfTheEarlierFormatStillLoad(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    byte[] key = "old".getBytes(StandardCharsets.UTF_8);
    out.writeInt(0x4d464b31);
    out.writeInt(key.length);
    out.write(key);
    out.writeLong(0);
    out.writeInt(-1);
    out.write("legacy".getBytes(StandardCharsets.UTF_8));
    Path file = new FilePersistence(dir.resolve("kv")).entryFile("ns", "old");
    Files.createDirectories(file.getParent());
    Files.write(file, bytes.toByteArray());
    try (Storage storage = open(dir)) {
      assertThat(new String(storage.namespace("kv", "ns").get("old").value(), StandardCharsets.UTF_8))
          .isEqualTo("legacy");
    }
  }

  @Test
  void clearAndTransactionRestoreReachTheDisk(@TempDir Path dir) {
    try (Storage storage = open(dir)) {
      StorageNamespace ns = storage.namespace("kv", "ns");
      ns.put("keep", text("1"));
      var before = ns.entries();
      ns.put("rolled-back", text("2"));
      ns.restore(before);
    }
    try (Storage storage = open(dir)) {
      assertThat(keys(storage)).containsExactly("keep");
      storage.namespace("kv", "ns").clear();
    }
    try (Storage storage = open(dir)) {
      assertThat(keys(storage)).isEmpty();
    }
  }

  private static void write(SqlDatabase db, String sql) throws SQLException {
    db.use(c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate(sql);
      }
      return null;
    });
    db.markDirty();
  }

  private static List<String> rows(SqlDatabase db) throws SQLException {
    return db.use(c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY rowid")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  @Test
  void aPersistedDatabaseIsAWalFileWrittenBeforeTheStatementReturns(@TempDir Path dir) throws Exception {
    try (Storage storage = open(dir)) {
      SqlDatabase db = storage.sqlDatabase("sql", "obj");
      write(db, "CREATE TABLE t(v TEXT)");
      write(db, "INSERT INTO t VALUES ('one')");
      Path file = dir.resolve("sql").resolve("obj").resolve("db.sqlite");
      assertThat(file).exists();
      assertThat(file.resolveSibling("db.sqlite-wal")).exists();
      // Another connection (as after a crash: nothing was closed or flushed) sees the committed row.
      assertThat(SqlDatabase.readFile(file)).isNotNull();
      try (Storage other = open(dir)) {
        assertThat(rows(other.sqlDatabase("sql", "obj"))).containsExactly("one");
      }
    }
  }

  @Test
  void rollbackRewritesAPersistedDatabaseFile(@TempDir Path dir) throws Exception {
    try (Storage storage = open(dir)) {
      SqlDatabase db = storage.sqlDatabase("sql", "obj");
      write(db, "CREATE TABLE t(v TEXT)");
      write(db, "INSERT INTO t VALUES ('one')");
      Snapshot snapshot = storage.snapshot();
      write(db, "INSERT INTO t VALUES ('two')");
      storage.rollback(snapshot);
      assertThat(rows(db)).containsExactly("one");
      write(db, "INSERT INTO t VALUES ('three')");
    }
    try (Storage storage = open(dir)) {
      assertThat(rows(storage.sqlDatabase("sql", "obj"))).containsExactly("one", "three");
      storage.sqlDatabase("sql", "obj").clear();
    }
    assertThat(dir.resolve("sql").resolve("obj").resolve("db.sqlite")).doesNotExist();
    try (Storage storage = open(dir)) {
      assertThat(storage.namespaceIds("sql")).isEmpty();
    }
  }

  @Test
  void aDatabaseStoredAsOneEntryByAnEarlierVersionMovesIntoItsFile(@TempDir Path dir) throws Exception {
    byte[] bytes;
    try (Storage memory = new Storage()) {
      SqlDatabase db = memory.sqlDatabase("sql", "obj");
      write(db, "CREATE TABLE t(v TEXT)");
      write(db, "INSERT INTO t VALUES ('old')");
      memory.snapshot();
      bytes = memory.namespace("sql", "obj").get(SqlDatabase.ENTRY).value();
    }
    new FilePersistence(dir.resolve("sql")).write("obj", SqlDatabase.ENTRY, new StoredValue(bytes, null, 0));
    try (Storage storage = open(dir)) {
      assertThat(rows(storage.sqlDatabase("sql", "obj"))).containsExactly("old");
    }
    assertThat(new FilePersistence(dir.resolve("sql")).entryFile("obj", SqlDatabase.ENTRY)).doesNotExist();
    try (Storage storage = open(dir)) {
      assertThat(rows(storage.sqlDatabase("sql", "obj"))).containsExactly("old");
    }
  }
}
