/**
 * Builds a worker the way wrangler does before running it: an optional custom build command ({@code [build]}),
 * then an esbuild bundle of the entry (TypeScript, JSX, npm packages, {@code [[rules]]} modules) or, with
 * {@code no_bundle}, the entry and the additional modules found by the rules; bundles are cached by the hash of
 * their inputs, and stack traces through a bundle are mapped back to the original files with its source map.
 */
package dev.miniflare.build;
