package dev.miniflare.build;

import java.nio.file.Path;
import java.util.Map;

/**
 * A built worker, ready for the module loader.
 *
 * @param mainPath the path the main module is loaded from (the bundle in the cache folder, or the entry itself)
 * @param modules ES module sources by absolute path: the main module and every additional module (Text, Data,
 *     CompiledWasm, CommonJS already turned into ES module source)
 * @param diskRoot folder whose other files may still be imported from disk ({@code no_bundle}), or null
 * @param sourceMap the bundle's source map, or null when not bundled
 * @param fromCache whether the bundle came from the cache instead of a run of esbuild
 * @param esModule whether the main module has exports (modules format; false: a service worker), or null when not
 *     known (not bundled: decided from the source)
 */
public record Bundle(Path mainPath, Map<String, String> modules, Path diskRoot, SourceMap sourceMap,
    boolean fromCache, Boolean esModule) {}
