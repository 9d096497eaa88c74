package dev.miniflare.config;

import dev.miniflare.build.ModuleRule;
import java.util.List;
import java.util.Map;

/**
 * The keys that say how wrangler builds the worker: {@code no_bundle}, {@code minify}, {@code keep_names},
 * {@code define}, {@code alias}, {@code jsx_factory}, {@code jsx_fragment}, {@code tsconfig}, {@code base_dir},
 * {@code find_additional_modules}, {@code preserve_file_names}, {@code [[rules]]} and {@code [build]}. Paths are
 * as written (relative to the configuration file's folder); unset keys are null or empty.
 *
 * @param noBundle {@code no_bundle}: serve the entry and its modules without esbuild
 * @param minify {@code minify}
 * @param keepNames {@code keep_names} (wrangler's default when null: true)
 * @param define {@code define}: identifier to JavaScript expression
 * @param alias {@code alias}: module specifier to replacement
 * @param jsxFactory {@code jsx_factory}
 * @param jsxFragment {@code jsx_fragment}
 * @param tsconfig {@code tsconfig}
 * @param baseDir {@code base_dir}
 * @param findAdditionalModules {@code find_additional_modules}
 * @param preserveFileNames {@code preserve_file_names}
 * @param rules {@code [[rules]]}, in file order
 * @param command {@code [build] command}
 * @param cwd {@code [build] cwd}
 * @param watchDirs {@code [build] watch_dir} (a string or an array of strings in the file)
 */
public record BuildConfig(
    boolean noBundle,
    boolean minify,
    Boolean keepNames,
    Map<String, String> define,
    Map<String, String> alias,
    String jsxFactory,
    String jsxFragment,
    String tsconfig,
    String baseDir,
    boolean findAdditionalModules,
    boolean preserveFileNames,
    List<ModuleRule> rules,
    String command,
    String cwd,
    List<String> watchDirs) {

  /** No build keys set. */
  public static final BuildConfig NONE = new BuildConfig(false, false, null, Map.of(), Map.of(), null, null, null,
      null, false, false, List.of(), null, null, List.of());
}
