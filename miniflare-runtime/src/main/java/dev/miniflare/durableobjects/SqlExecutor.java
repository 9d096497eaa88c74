package dev.miniflare.durableobjects;

import dev.miniflare.storage.SqlDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Runs {@code ctx.storage.sql.exec} the way workerd does: several statements per call (the result is the last
 * one's), bindings only on the last statement, numbers bound as REAL, transaction-control and unsafe statements
 * rejected, and errors worded as workerd words them ({@code <sqlite message>[ at offset N]: SQLITE_CODE}).
 * Public because D1 runs its statements the same way (Miniflare's D1 database is a SQLite Durable Object).
 */
public final class SqlExecutor {
  static final String NOT_ENABLED = "SQL is not enabled for this Durable Object class. To enable it, change"
      + " `new_classes` to `new_sqlite_classes` within the 'migrations' field in your wrangler.jsonc or"
      + " wrangler.toml file. If using workerd directly,set `enableSql = true` in your workerd config for the"
      + " class. Note that this change cannot be made after the class is already deployed to production.";
  static final String NO_STATEMENT = "SQL code did not contain a statement.";
  static final String ONLY_LAST_HAS_PARAMETERS = "When executing multiple SQL statements in a single call, only the"
      + " last statement can have parameters.";
  static final String WRONG_BINDINGS = "Wrong number of parameter bindings for SQL query.";
  static final String USE_TRANSACTION_API = "To execute a transaction, please use the state.storage.transaction()"
      + " or state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements."
      + " The JavaScript API is safer because it will automatically roll back on exceptions, and because it"
      + " interacts correctly with Durable Objects' automatic atomic write coalescing.";
  static final String NOT_AUTHORIZED = "not authorized: SQLITE_AUTH";

  /** PRAGMAs a Durable Object may run (the others are refused like workerd's authorizer refuses them). */
  private static final Set<String> ALLOWED_PRAGMAS = Set.of("table_info", "table_xinfo", "table_list", "index_info",
      "index_xinfo", "index_list", "foreign_key_list", "foreign_key_check", "foreign_keys", "defer_foreign_keys",
      "quick_check", "optimize", "data_version", "case_sensitive_like", "legacy_alter_table", "recursive_triggers",
      "reverse_unordered_selects", "ignore_check_constraints");
  private static final Set<String> TRANSACTION_KEYWORDS = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
      "RELEASE");
  /** Statements that cannot change the database (so running them leaves it clean for the next snapshot). */
  private static final Set<String> READ_ONLY_KEYWORDS = Set.of("SELECT", "VALUES", "EXPLAIN", "WITH");
  /** SQLite messages that come with an error offset in workerd, and the part of the message that is located. */
  private static final Pattern[] LOCATED = {
    Pattern.compile("^near \"(.*)\": syntax error$", Pattern.DOTALL),
    Pattern.compile("^unrecognized token: \"(.*)\"$", Pattern.DOTALL),
    Pattern.compile("^no such column: (.*)$"),
    Pattern.compile("^no such function: (.*)$"),
    Pattern.compile("^(?:table|index|view|trigger) (.*) already exists$"),
  };

  /**
   * The result of one exec: the last statement's columns, rows (values are Long, Double, String, byte[] or null)
   * and counters.
   *
   * @param columns column names, in order (duplicates kept)
   * @param rows the rows
   * @param rowsRead rows returned by the last statement (an approximation of workerd's count of rows scanned)
   * @param rowsWritten rows inserted, updated or deleted by the last statement (triggers included)
   */
  public record Result(List<String> columns, List<Object[]> rows, long rowsRead, long rowsWritten) {}

  private SqlExecutor() {}

  /** Runs {@code sql} with {@code bindings} (Double, Long, String, byte[] or null) bound to the last statement. */
  public static Result exec(SqlDatabase db, String sql, List<Object> bindings) {
    List<String> statements = split(sql);
    if (statements.isEmpty()) {
      throw new SqlStorageException(NO_STATEMENT);
    }
    try {
      return db.use(c -> {
        Result result = null;
        boolean writes = false;
        try {
          for (int i = 0; i < statements.size(); i++) {
            String statement = statements.get(i);
            String keyword = check(statement);
            writes |= !READ_ONLY_KEYWORDS.contains(keyword);
            boolean last = i == statements.size() - 1;
            try {
              result = run(c, statement, last ? bindings : List.of(), last);
            } catch (SQLException e) {
              throw translate(e, statement);
            }
            writes |= result.rowsWritten() > 0;
          }
        } finally {
          if (writes) {
            db.markDirty();
          }
        }
        return result;
      });
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  private static Result run(SQLiteConnection c, String statement, List<Object> bindings, boolean last)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      int parameters = ps.getParameterMetaData().getParameterCount();
      if (!last && parameters > 0) {
        throw new SqlStorageException(ONLY_LAST_HAS_PARAMETERS);
      }
      if (parameters != bindings.size()) {
        throw new SqlStorageException(WRONG_BINDINGS);
      }
      for (int i = 0; i < bindings.size(); i++) {
        bind(ps, i + 1, bindings.get(i));
      }
      long changesBefore = c.getDatabase().total_changes();
      List<String> columns = new ArrayList<>();
      List<Object[]> rows = new ArrayList<>();
      if (ps.execute()) {
        try (ResultSet rs = ps.getResultSet()) {
          ResultSetMetaData meta = rs.getMetaData();
          int n = meta.getColumnCount();
          for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
          }
          while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
              Object v = rs.getObject(i + 1);
              row[i] = v instanceof Integer x ? Long.valueOf(x) : v;
            }
            rows.add(row);
          }
        }
      }
      long written = c.getDatabase().total_changes() - changesBefore;
      return new Result(columns, rows, rows.size(), written);
    }
  }

  private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, java.sql.Types.NULL);
    } else if (value instanceof Double d) {
      if (d.isNaN()) {
        ps.setNull(index, java.sql.Types.NULL); // SQLite stores NaN as NULL
      } else {
        ps.setDouble(index, d);
      }
    } else if (value instanceof Float || value instanceof java.math.BigDecimal) {
      ps.setDouble(index, ((Number) value).doubleValue());
    } else if (value instanceof Number n) {
      ps.setLong(index, n.longValue());
    } else if (value instanceof byte[] b) {
      ps.setBytes(index, b);
    } else {
      ps.setString(index, value.toString());
    }
  }

  // --- statement splitting and checks ---------------------------------------------------------------------------

  /** A token: identifier or keyword (quoted identifiers unquoted), string literal, ';', or other punctuation. */
  private record Token(char kind, String text, int start) {}

  /**
   * Splits SQL into statements at top-level semicolons (not inside strings, quoted identifiers, comments or a
   * CREATE TRIGGER body). Statements after the first start at their first non-blank character, which is where
   * workerd's error offsets count from; statements holding nothing but comments are dropped.
   */
  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    int start = 0;
    boolean hasToken = false;
    boolean trigger = false;
    String lastWord = null;
    List<Token> head = new ArrayList<>();
    for (Token t : tokens(sql)) {
      if (t.kind() == ';') {
        if (trigger && !"END".equals(lastWord)) {
          lastWord = null;
          continue;
        }
        if (hasToken) {
          out.add(sql.substring(start, t.start()));
        }
        start = skipBlanks(sql, t.start() + 1);
        hasToken = false;
        trigger = false;
        lastWord = null;
        head.clear();
        continue;
      }
      hasToken = true;
      if (head.size() < 4) {
        head.add(t);
        trigger = isCreateTrigger(head);
      }
      lastWord = t.kind() == 'w' ? t.text().toUpperCase(Locale.ROOT) : null;
    }
    if (hasToken) {
      out.add(sql.substring(start));
    }
    return out;
  }

  private static boolean isCreateTrigger(List<Token> head) {
    if (head.isEmpty() || !word(head.get(0), "CREATE")) {
      return false;
    }
    for (int i = 1; i < head.size(); i++) {
      if (word(head.get(i), "TRIGGER")) {
        return true;
      }
    }
    return false;
  }

  private static boolean word(Token t, String keyword) {
    return t.kind() == 'w' && t.text().equalsIgnoreCase(keyword);
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Refuses what workerd refuses before running a statement; returns its first keyword in upper case.
   */
  private static String check(String statement) {
    List<Token> tokens = tokens(statement);
    String first = tokens.get(0).kind() == 'w' ? tokens.get(0).text().toUpperCase(Locale.ROOT) : "";
    if (TRANSACTION_KEYWORDS.contains(first)) {
      throw new SqlStorageException(USE_TRANSACTION_API);
    }
    if (first.equals("ATTACH") || first.equals("DETACH")) {
      throw new SqlStorageException(NOT_AUTHORIZED);
    }
    if (first.equals("VACUUM")) {
      // workerd runs every statement inside its implicit transaction, where SQLite refuses VACUUM.
      throw new SqlStorageException("cannot VACUUM from within a transaction: SQLITE_ERROR");
    }
    if (first.equals("CREATE") && tokens.size() > 1
        && (word(tokens.get(1), "TEMP") || word(tokens.get(1), "TEMPORARY"))) {
      throw new SqlStorageException(NOT_AUTHORIZED);
    }
    if (first.equals("PRAGMA")) {
      int at = 1;
      if (tokens.size() > 3 && tokens.get(2).text().equals(".")) {
        at = 3; // schema-qualified: PRAGMA main.table_info(t)
      }
      String name = tokens.size() > at ? tokens.get(at).text().toLowerCase(Locale.ROOT) : "";
      if (!ALLOWED_PRAGMAS.contains(name)) {
        throw new SqlStorageException(NOT_AUTHORIZED);
      }
    }
    for (Token t : tokens) {
      // Names starting with _cf_ are reserved for the runtime's own tables.
      if (t.kind() == 'w' && t.text().regionMatches(true, 0, "_cf_", 0, 4)) {
        throw new SqlStorageException(NOT_AUTHORIZED);
      }
    }
    return first;
  }

  private static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char ch = s.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int end = s.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (ch == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
        char close = ch == '[' ? ']' : ch;
        int j = i + 1;
        StringBuilder text = new StringBuilder();
        while (j < n) {
          char c = s.charAt(j);
          if (c == close) {
            if (close != ']' && j + 1 < n && s.charAt(j + 1) == close) {
              text.append(c); // doubled quote
              j += 2;
              continue;
            }
            break;
          }
          text.append(c);
          j++;
        }
        out.add(new Token(ch == '\'' ? 's' : 'w', text.toString(), i));
        i = Math.min(n, j + 1);
      } else if (ch == ';') {
        out.add(new Token(';', ";", i));
        i++;
      } else if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '$' || ch > 127) {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$'
            || s.charAt(j) > 127)) {
          j++;
        }
        out.add(new Token('w', s.substring(i, j), i));
        i = j;
      } else {
        out.add(new Token('p', String.valueOf(ch), i));
        i++;
      }
    }
    return out;
  }

  // --- errors ---------------------------------------------------------------------------------------------------

  /** An SQLite error as workerd reports it: {@code message[ at offset N]: SQLITE_X[ (extended: SQLITE_X_Y)]}. */
  private static RuntimeException translate(SQLException e, String statement) {
    if (!(e instanceof SQLiteException se)) {
      return new SqlStorageException(e.getMessage());
    }
    SQLiteErrorCode code = se.getResultCode();
    String message = sqliteMessage(se);
    StringBuilder out = new StringBuilder(message);
    int offset = offsetOf(message, statement);
    if (offset >= 0) {
      out.append(" at offset ").append(offset);
    }
    SQLiteErrorCode primary = SQLiteErrorCode.getErrorCode(code.code & 0xff);
    out.append(": ").append(primary.name());
    if (code.code > 0xff) {
      out.append(" (extended: ").append(code.name()).append(')');
    }
    return new SqlStorageException(out.toString());
  }

  /** SQLite's own message, without the driver's decoration ({@code [CODE] description (message)}). */
  private static String sqliteMessage(SQLiteException e) {
    String m = e.getMessage();
    String prefix = "[" + e.getResultCode().name() + "] " + e.getResultCode().message + " (";
    if (m.startsWith(prefix) && m.endsWith(")")) {
      return m.substring(prefix.length(), m.length() - 1);
    }
    return m;
  }

  /**
   * SQLite reports an error offset (sqlite3_error_offset) that the JDBC driver does not expose; for the messages
   * where workerd shows one, it is found again by locating the named token in the failing statement.
   */
  private static int offsetOf(String message, String statement) {
    for (Pattern p : LOCATED) {
      Matcher m = p.matcher(message);
      if (!m.matches()) {
        continue;
      }
      int at = find(statement, m.group(1));
      return at < 0 ? -1 : statement.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
    }
    return -1;
  }

  /** The first occurrence of {@code token} not inside a longer identifier. */
  private static int find(String s, String token) {
    if (token.isEmpty()) {
      return -1;
    }
    boolean wordy = isIdentifierChar(token.charAt(0));
    for (int at = s.indexOf(token); at >= 0; at = s.indexOf(token, at + 1)) {
      int end = at + token.length();
      if (!wordy || ((at == 0 || !isIdentifierChar(s.charAt(at - 1)))
          && (end >= s.length() || !isIdentifierChar(s.charAt(end))))) {
        return at;
      }
    }
    return -1;
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
  }

  /** Runs a statement of the runtime's own (a savepoint), bypassing the checks. */
  static void internal(SqlDatabase db, String sql) {
    try {
      db.use(c -> {
        try (Statement s = c.createStatement()) {
          s.execute(sql);
        }
        db.markDirty();
        return null;
      });
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }
}
