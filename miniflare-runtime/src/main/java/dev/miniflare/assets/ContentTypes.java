package dev.miniflare.assets;

import java.util.Locale;
import java.util.Map;

/**
 * Content types of assets by file extension, as {@code wrangler dev} sends them (its {@code mime} lookup, with
 * {@code ; charset=utf-8} added to {@code text/*} types). The table covers the extensions web projects use; the
 * values were recorded from wrangler 4. A file without a known extension gets no {@code Content-Type}, as there.
 */
final class ContentTypes {
  private ContentTypes() {}

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("xhtml", "application/xhtml+xml"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("cjs", "application/node"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("jsonld", "application/ld+json"),
      Map.entry("webmanifest", "application/manifest+json"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("md", "text/markdown; charset=utf-8"),
      Map.entry("markdown", "text/markdown; charset=utf-8"),
      Map.entry("csv", "text/csv; charset=utf-8"),
      Map.entry("tsv", "text/tab-separated-values; charset=utf-8"),
      Map.entry("xml", "application/xml"),
      Map.entry("xsl", "application/xml"),
      Map.entry("rss", "application/rss+xml"),
      Map.entry("atom", "application/atom+xml"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("svgz", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("apng", "image/apng"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("jpe", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("avif", "image/avif"),
      Map.entry("heic", "image/heic"),
      Map.entry("jxl", "image/jxl"),
      Map.entry("ico", "image/vnd.microsoft.icon"),
      Map.entry("bmp", "image/bmp"),
      Map.entry("tif", "image/tiff"),
      Map.entry("tiff", "image/tiff"),
      Map.entry("psd", "image/vnd.adobe.photoshop"),
      Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("ttf", "font/ttf"),
      Map.entry("otf", "font/otf"),
      Map.entry("eot", "application/vnd.ms-fontobject"),
      Map.entry("wasm", "application/wasm"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("zip", "application/zip"),
      Map.entry("gz", "application/gzip"),
      Map.entry("tar", "application/x-tar"),
      Map.entry("7z", "application/x-7z-compressed"),
      Map.entry("rar", "application/vnd.rar"),
      Map.entry("bz2", "application/x-bzip2"),
      Map.entry("jar", "application/java-archive"),
      Map.entry("mp4", "video/mp4"),
      Map.entry("webm", "video/webm"),
      Map.entry("ogv", "video/ogg"),
      Map.entry("mov", "video/quicktime"),
      Map.entry("avi", "video/x-msvideo"),
      Map.entry("mpeg", "video/mpeg"),
      Map.entry("mpg", "video/mpeg"),
      Map.entry("ts", "video/mp2t"),
      Map.entry("flv", "video/x-flv"),
      Map.entry("wmv", "video/x-ms-wmv"),
      Map.entry("3gp", "video/3gpp"),
      Map.entry("m3u8", "application/vnd.apple.mpegurl"),
      Map.entry("mpd", "application/dash+xml"),
      Map.entry("mp3", "audio/mpeg"),
      Map.entry("ogg", "audio/ogg"),
      Map.entry("oga", "audio/ogg"),
      Map.entry("opus", "audio/ogg"),
      Map.entry("wav", "audio/wav"),
      Map.entry("m4a", "audio/mp4"),
      Map.entry("aac", "audio/aac"),
      Map.entry("flac", "audio/x-flac"),
      Map.entry("mid", "audio/midi"),
      Map.entry("midi", "audio/midi"),
      Map.entry("weba", "audio/webm"),
      Map.entry("yaml", "text/yaml; charset=utf-8"),
      Map.entry("yml", "text/yaml; charset=utf-8"),
      Map.entry("toml", "application/toml"),
      Map.entry("ics", "text/calendar; charset=utf-8"),
      Map.entry("vcf", "text/x-vcard; charset=utf-8"),
      Map.entry("vtt", "text/vtt; charset=utf-8"),
      Map.entry("srt", "application/x-subrip"),
      Map.entry("jsx", "text/jsx; charset=utf-8"),
      Map.entry("sh", "application/x-sh"),
      Map.entry("sql", "application/sql"),
      Map.entry("wgsl", "text/wgsl; charset=utf-8"),
      Map.entry("glb", "model/gltf-binary"),
      Map.entry("gltf", "model/gltf+json"),
      Map.entry("obj", "model/obj"),
      Map.entry("doc", "application/msword"),
      Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      Map.entry("xls", "application/vnd.ms-excel"),
      Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
      Map.entry("ppt", "application/vnd.ms-powerpoint"),
      Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
      Map.entry("rtf", "application/rtf"),
      Map.entry("epub", "application/epub+zip"),
      Map.entry("appcache", "text/cache-manifest; charset=utf-8"),
      Map.entry("manifest", "text/cache-manifest; charset=utf-8"),
      Map.entry("log", "text/plain; charset=utf-8"),
      Map.entry("ini", "text/plain; charset=utf-8"),
      Map.entry("conf", "text/plain; charset=utf-8"),
      Map.entry("pem", "application/x-x509-ca-cert"),
      Map.entry("crt", "application/x-x509-ca-cert"),
      Map.entry("der", "application/x-x509-ca-cert"),
      Map.entry("exe", "application/octet-stream"),
      Map.entry("dmg", "application/octet-stream"),
      Map.entry("iso", "application/octet-stream"),
      Map.entry("bin", "application/octet-stream"),
      Map.entry("swf", "application/x-shockwave-flash"),
      Map.entry("ai", "application/postscript"),
      Map.entry("eps", "application/postscript"),
      Map.entry("json5", "application/json5"),
      Map.entry("ps", "application/postscript")
);

  /** The content type for a file name, or {@code null} when the extension is unknown or there is none. */
  static String forFileName(String fileName) {
    String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    // "README" and ".htaccess" have no extension (a leading dot starts a hidden name, not an extension)
    if (dot <= 0 || dot == name.length() - 1) {
      return null;
    }
    return BY_EXTENSION.get(name.substring(dot + 1));
  }
}
