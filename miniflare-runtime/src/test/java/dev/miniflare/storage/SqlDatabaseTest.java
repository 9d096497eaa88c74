package dev.miniflare.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How SQLite databases ride along with {@link Storage} snapshots, rollbacks and branches. */
class SqlDatabaseTest {
  private static void write(SqlDatabase db, String sql) throws SQLException {
    db.use(c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate(sql);
      }
      return null;
    });
    db.markDirty();
  }

  private static List<String> names(SqlDatabase db) throws SQLException {
    return db.use(c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 't'")) {
        if (!rs.next()) {
          return out;
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY rowid")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  @Test
  void snapshotCarriesWrittenRowsAndRollbackDropsLaterOnes() throws Exception {
    try (Storage storage = new Storage()) {
      SqlDatabase db = storage.sqlDatabase("sql", "a");
      write(db, "CREATE TABLE t(v TEXT)");
      write(db, "INSERT INTO t VALUES ('one')");
      Snapshot first = storage.snapshot();
      write(db, "INSERT INTO t VALUES ('two')");
      assertThat(names(db)).containsExactly("one", "two");
      storage.rollback(first);
      assertThat(names(db)).containsExactly("one");
      write(db, "INSERT INTO t VALUES ('three')");
      storage.rollback(first);
      assertThat(names(db)).containsExactly("one");
    }
  }

  @Test
  void readsAloneAreNeverSerialisedAndEmptyDatabasesLeaveNoEntry() throws Exception {
    try (Storage storage = new Storage()) {
      SqlDatabase db = storage.sqlDatabase("sql", "a");
      assertThat(names(db)).isEmpty();
      assertThat(storage.snapshot().namespaceCount()).isZero();
      write(db, "CREATE TABLE t(v TEXT)");
      Snapshot withTable = storage.snapshot();
      assertThat(withTable.namespaceCount()).isEqualTo(1);
      StoredValue bytes = storage.read("sql:a").get(SqlDatabase.ENTRY);
      names(db);
      storage.snapshot();
      assertThat(storage.read("sql:a").get(SqlDatabase.ENTRY)).isSameAs(bytes); // not serialised again
      db.clear();
      assertThat(storage.snapshot().namespaceCount()).isZero();
      assertThat(names(db)).isEmpty();
    }
  }

  @Test
  void branchesOfOneSnapshotAreIndependent() throws Exception {
    try (Storage base = new Storage()) {
      SqlDatabase db = base.sqlDatabase("sql", "a");
      write(db, "CREATE TABLE t(v TEXT)");
      write(db, "INSERT INTO t VALUES ('base')");
      Snapshot s = base.snapshot();
      try (Storage left = Storage.fromSnapshot(s); Storage right = Storage.fromSnapshot(s)) {
        write(left.sqlDatabase("sql", "a"), "INSERT INTO t VALUES ('left')");
        write(right.sqlDatabase("sql", "a"), "INSERT INTO t VALUES ('right')");
        assertThat(names(left.sqlDatabase("sql", "a"))).containsExactly("base", "left");
        assertThat(names(right.sqlDatabase("sql", "a"))).containsExactly("base", "right");
        try (Storage deeper = Storage.fromSnapshot(left.snapshot())) {
          assertThat(names(deeper.sqlDatabase("sql", "a"))).containsExactly("base", "left");
        }
      }
      assertThat(names(db)).containsExactly("base");
    }
  }
}
