package dev.miniflare.core;

/**
 * A JavaScript error thrown by worker code, as it crossed into Java.
 *
 * @param name the error's {@code name} ("TypeError")
 * @param message the error's {@code message}
 * @param stack the stack text beginning with "name: message", with the worker's file:line frames
 */
public record WorkerError(String name, String message, String stack) {}
