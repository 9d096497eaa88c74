package dev.miniflare.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a module file of any {@link ModuleType} into the ES module source the loader evaluates, as workerd
 * exposes each type: Text as a default-export string, Data as a default-export {@code ArrayBuffer},
 * CompiledWasm as a default-export {@code WebAssembly.Module}, CommonJS wrapped so {@code require} and
 * {@code module.exports} work.
 */
public final class ModuleSources {
  private ModuleSources() {}

  /** A module-local base64 decoder: generated modules must not depend on globals worker code could replace. */
  static final String BASE64_DECODER = "const decodeBase64 = (s) => {"
      + " const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';"
      + " const t = new Uint8Array(128); for (let i = 0; i < 64; i++) t[A.charCodeAt(i)] = i;"
      + " const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;"
      + " const out = new Uint8Array((s.length / 4) * 3 - pad);"
      + " for (let i = 0, o = 0; i < s.length; i += 4) {"
      + " const n = (t[s.charCodeAt(i)] << 18) | (t[s.charCodeAt(i + 1)] << 12) | (t[s.charCodeAt(i + 2)] << 6) | t[s.charCodeAt(i + 3)];"
      + " if (o < out.length) out[o++] = n >> 16; if (o < out.length) out[o++] = (n >> 8) & 255; if (o < out.length) out[o++] = n & 255; }"
      + " return out.buffer; };\n";

  // require("x") / require('x') with a literal specifier: the only form a static module graph can serve.
  private static final Pattern REQUIRE = Pattern.compile("\\brequire\\s*\\(\\s*(\"[^\"\\\\\\n]*\"|'[^'\\\\\\n]*')\\s*\\)");

  /**
   * The ES module source for a module file.
   *
   * @param type how to interpret the bytes
   * @param content the file's bytes
   * @param path the module's absolute path (for CommonJS's {@code __filename} and {@code __dirname})
   * @return ES module source text
   */
  public static String toEsModule(ModuleType type, byte[] content, String path) {
    return switch (type) {
      case ESModule -> new String(content, StandardCharsets.UTF_8);
      case Text -> "export default " + jsString(new String(content, StandardCharsets.UTF_8)) + ";\n";
      case Data -> BASE64_DECODER + "export default decodeBase64(\""
          + Base64.getEncoder().encodeToString(content) + "\");\n";
      case CompiledWasm -> WasmModuleSource.forBytes(content);
      case CommonJS -> commonJs(new String(content, StandardCharsets.UTF_8), path);
    };
  }

  /** The loader's internal module that maps each CommonJS module's path to its {@code module.exports}. */
  public static final String COMMONJS_REGISTRY_PATH = "/__builtin__/miniflare-internal/commonjs";

  /**
   * Its source. A module instance is per isolate, so the map is too; worker code importing it can only confuse its
   * own {@code require} calls.
   */
  public static final String COMMONJS_REGISTRY_SOURCE = "const exportsByPath = new Map();\n"
      + "export const registerCommonJs = (path, value) => { exportsByPath.set(path, value); };\n"
      + "export const commonJsExports = (path) => exportsByPath.has(path) ? { value: exportsByPath.get(path) } : undefined;\n";

  /**
   * Wraps a CommonJS module as workerd runs one: every {@code require("literal")} becomes a static import (so the
   * loader resolves it as any import); {@code require} returns a CommonJS module's {@code module.exports} (looked up
   * by path in the registry module) and an ES module's namespace; the default export is {@code module.exports} and
   * there are no named exports; {@code this} is {@code globalThis}. The wrapper's prefix stays on the first line, so
   * line numbers in stack traces are the file's.
   */
  private static String commonJs(String source, String path) {
    Map<String, String> imports = new LinkedHashMap<>();
    Matcher m = REQUIRE.matcher(source);
    while (m.find()) {
      String literal = m.group(1);
      String specifier = literal.substring(1, literal.length() - 1);
      imports.putIfAbsent(specifier, "__cjs_import" + imports.size());
    }
    int slash = path.lastIndexOf('/');
    String dir = slash > 0 ? path.substring(0, slash) : "/";
    StringBuilder js = new StringBuilder();
    js.append("import { registerCommonJs as __cjs_register, commonJsExports as __cjs_lookup } from")
        .append(" \"miniflare-internal:commonjs\"; ");
    imports.forEach((specifier, local) -> js.append("import * as ").append(local).append(" from ")
        .append(jsString(specifier)).append("; "));
    js.append("const __cjs_required = {");
    imports.forEach((specifier, local) -> js.append(jsString(specifier)).append(": [").append(local).append(", ")
        .append(jsString(resolve(dir, specifier))).append("], "));
    js.append("}; ");
    js.append("const module = { exports: {} }; ");
    js.append("const require = (specifier) => { const r = __cjs_required[specifier];"
        + " if (r === undefined) throw new Error('No such module \"' + specifier + '\".');"
        + " const c = __cjs_lookup(r[1]); return c !== undefined ? c.value : r[0]; }; ");
    js.append("(function (exports, require, module, __filename, __dirname) {");
    js.append(source);
    js.append("\n}).call(globalThis, module.exports, require, module, ").append(jsString(path)).append(", ")
        .append(jsString(dir)).append(");\n");
    js.append("const __cjs_exports = module.exports;\n");
    js.append("__cjs_register(").append(jsString(path)).append(", __cjs_exports);\n");
    js.append("export default __cjs_exports;\n");
    return js.toString();
  }

  /** The absolute path a relative specifier names from {@code dir}; other specifiers as they are. */
  private static String resolve(String dir, String specifier) {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
      return specifier;
    }
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String p : (dir + "/" + specifier).split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  /** A JavaScript string literal (JSON's escaping, plus the line separators for older parsers). */
  static String jsString(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
