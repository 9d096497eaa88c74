package dev.miniflare.config;

import java.nio.file.Path;

/**
 * A configuration file is missing, malformed, or holds an invalid value.
 *
 * <p>The message always starts with the file and, when known, the 1-based line and column, in the
 * {@code file:line:column: detail} form editors and terminals turn into links, e.g.
 * {@code /app/wrangler.toml:3:7: invalid TOML: Unexpected '=', expected a value}.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The file concerned; transient because {@link Path} is not serializable. */
  private final transient Path path;
  /** 1-based line, or -1. */
  private final int line;
  /** 1-based column, or -1. */
  private final int column;
  /** The message without its location prefix. */
  private final String detail;

  /**
   * Creates an exception located in a file.
   *
   * @param path the file concerned, or {@code null} when there is none
   * @param line 1-based line, or {@code -1} when unknown
   * @param column 1-based column, or {@code -1} when unknown
   * @param detail what is wrong, without the location prefix
   * @param cause the underlying parser or I/O error, or {@code null}
   */
  public ConfigException(Path path, int line, int column, String detail, Throwable cause) {
    super(format(path, line, column, detail), cause);
    this.path = path;
    this.line = line > 0 ? line : -1;
    this.column = line > 0 && column > 0 ? column : -1;
    this.detail = detail;
  }

  /**
   * Creates an exception located in a file, without a cause.
   *
   * @param path the file concerned, or {@code null}
   * @param line 1-based line, or {@code -1} when unknown
   * @param column 1-based column, or {@code -1} when unknown
   * @param detail what is wrong, without the location prefix
   */
  public ConfigException(Path path, int line, int column, String detail) {
    this(path, line, column, detail, null);
  }

  /**
   * Creates an exception about a whole file (no line or column).
   *
   * @param path the file concerned, or {@code null}
   * @param detail what is wrong
   */
  public ConfigException(Path path, String detail) {
    this(path, -1, -1, detail, null);
  }

  /**
   * The file the problem is in.
   *
   * @return the path, or {@code null} when the problem is not tied to a file
   */
  public Path path() {
    return path;
  }

  /**
   * The 1-based line of the problem.
   *
   * @return the line, or {@code -1} when unknown
   */
  public int line() {
    return line;
  }

  /**
   * The 1-based column of the problem.
   *
   * @return the column, or {@code -1} when unknown
   */
  public int column() {
    return column;
  }

  /**
   * The message without the {@code file:line:column: } prefix.
   *
   * @return the bare description of the problem
   */
  public String detail() {
    return detail;
  }

  static String format(Path path, int line, int column, String detail) {
    StringBuilder sb = new StringBuilder();
    if (path != null) {
      sb.append(path);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) sb.append(':').append(column);
      }
      sb.append(": ");
    }
    return sb.append(detail).toString();
  }
}
