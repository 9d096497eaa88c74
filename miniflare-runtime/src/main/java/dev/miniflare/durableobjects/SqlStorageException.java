package dev.miniflare.durableobjects;

import dev.miniflare.MiniflareException;
import org.graalvm.polyglot.HostAccess;

/**
 * A SQL storage call ({@code ctx.storage.sql}) rejected with workerd's wording, e.g.
 * {@code near "SELEC": syntax error at offset 0: SQLITE_ERROR}. A worker sees it as {@code new Error(message)};
 * Java callers of {@link DurableObjectStorageView#sql} get it as is.
 */
public final class SqlStorageException extends MiniflareException {
  /** With workerd's message. */
  public SqlStorageException(String message) {
    super(message);
  }

  /** The JavaScript error constructor name. */
  @HostAccess.Export
  public String jsName() {
    return "Error";
  }

  /** The message, exactly as workerd words it. */
  @HostAccess.Export
  public String jsMessage() {
    return getMessage();
  }
}
