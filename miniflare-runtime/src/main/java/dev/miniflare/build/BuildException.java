package dev.miniflare.build;

import dev.miniflare.MiniflareException;

/**
 * A worker could not be built: an esbuild error (with {@code file:line:column}), a missing package, a failing
 * custom build command. The message is meant for the worker's author and is complete without a stack trace.
 */
public class BuildException extends MiniflareException {
  /** With the message shown to the user. */
  public BuildException(String message) {
    super(message);
  }

  /** With the message shown to the user and the underlying failure. */
  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
