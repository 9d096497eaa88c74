package dev.miniflare.core;

/**
 * How the module loader turns a module file into an ES module, named as wrangler's {@code [[rules]]} types.
 */
public enum ModuleType {
  /** JavaScript ES module, served as it is. */
  ESModule,
  /** JavaScript CommonJS module ({@code require}, {@code module.exports}), served wrapped as an ES module. */
  CommonJS,
  /** UTF-8 text whose default export is the string. */
  Text,
  /** Bytes whose default export is an {@code ArrayBuffer}. */
  Data,
  /** WebAssembly bytes whose default export is a compiled {@code WebAssembly.Module}. */
  CompiledWasm;

  /**
   * The type wrangler's default rules give a file by its name, for files the loader reads from disk without a
   * configured rule: {@code .txt}, {@code .html}, {@code .sql} are Text, {@code .bin} Data, {@code .wasm}
   * CompiledWasm, {@code .cjs} CommonJS, anything else an ES module.
   */
  public static ModuleType byDefaultRules(String fileName) {
    String name = fileName.toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".txt") || name.endsWith(".html") || name.endsWith(".sql")) {
      return Text;
    } else if (name.endsWith(".bin")) {
      return Data;
    } else if (name.endsWith(".wasm") || name.endsWith(".wasm?module")) {
      return CompiledWasm;
    } else if (name.endsWith(".cjs")) {
      return CommonJS;
    }
    return ESModule;
  }
}
