package dev.miniflare.core;

import java.util.Base64;

/**
 * The ES module source of a CompiledWasm module: its default export is the compiled {@code WebAssembly.Module}.
 * Kept to one method so the WebAssembly implementation can replace how the module is compiled.
 */
public final class WasmModuleSource {
  private WasmModuleSource() {}

  /**
   * ES module source text whose default export is {@code wasm} compiled to a {@code WebAssembly.Module}.
   *
   * @param wasm the WebAssembly binary
   * @return the module's source
   */
  public static String forBytes(byte[] wasm) {
    // The constructors are taken when this module is evaluated, before the bytes are decoded, and the decoder is
    // local to the module, so the module's bytes do not pass through anything worker code defined.
    return "const WasmModule = WebAssembly.Module;\n"
        + ModuleSources.BASE64_DECODER
        + "export default new WasmModule(decodeBase64(\"" + Base64.getEncoder().encodeToString(wasm) + "\"));\n";
  }
}
