package dev.miniflare.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The esbuild executable, shipped as a resource of the {@code org.mvnpm.at.esbuild:<os>-<arch>} jar that Maven
 * picks for the build machine. It is copied once per version into a cache folder and made executable.
 */
final class EsbuildBinary {
  /** The esbuild version the resources hold (the {@code esbuild-java-native-deps} 2.1.2 one). */
  static final String VERSION = "0.25.10";

  private static volatile Path executable;

  private EsbuildBinary() {}

  /** The path of the executable, extracting it on first use. */
  static Path path() {
    Path p = executable;
    if (p == null) {
      synchronized (EsbuildBinary.class) {
        p = executable;
        if (p == null) {
          p = extract();
          executable = p;
        }
      }
    }
    return p;
  }

  /** esbuild's platform name for this JVM's OS and architecture ({@code linux-x64}, {@code darwin-arm64}, ...). */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String esbuildOs = os.contains("win") ? "win32" : os.contains("mac") || os.contains("darwin") ? "darwin" : "linux";
    String esbuildArch = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "x64";
    return esbuildOs + "-" + esbuildArch;
  }

  private static Path extract() {
    String platform = platform();
    boolean windows = platform.startsWith("win32");
    String base = "META-INF/resources/_static/" + platform + "/" + VERSION + "/";
    String[] candidates = windows ? new String[] {base + "esbuild.exe", base + "bin/esbuild.exe"}
        : new String[] {base + "bin/esbuild"};
    ClassLoader loader = EsbuildBinary.class.getClassLoader();
    for (String resource : candidates) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          continue;
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "miniflare-java", "esbuild-" + VERSION + "-" + platform);
        Path target = dir.resolve(windows ? "esbuild.exe" : "esbuild");
        if (Files.isExecutable(target)) {
          return target;
        }
        Files.createDirectories(dir);
        // Written under a unique name and moved into place, so JVMs starting together never run a partial file.
        Path tmp = Files.createTempFile(dir, "esbuild", ".tmp");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        if (!tmp.toFile().setExecutable(true) && !windows) {
          throw new BuildException("cannot make the esbuild binary executable: " + tmp);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
      } catch (IOException e) {
        throw new BuildException("cannot extract the esbuild binary for " + platform + ": " + e.getMessage(), e);
      }
    }
    throw new BuildException("no esbuild binary for " + platform + " on the class path: add the dependency"
        + " org.mvnpm.at.esbuild:" + platform + ":" + VERSION + " (io.mvnpm:esbuild-java-native-deps picks it by OS)");
  }
}
