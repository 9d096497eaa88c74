package dev.miniflare.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.graalvm.polyglot.HostAccess;

/**
 * Host primitives for the runtime's {@code url.js}: IDNA processing of non-ASCII host names, as required by the
 * WHATWG URL Standard's "domain to ASCII" (UTS #46 ToASCII with {@code CheckHyphens=false}, {@code CheckBidi=true},
 * {@code CheckJoiners=true}, {@code UseSTD3ASCIIRules=false}, {@code Transitional_Processing=false},
 * {@code VerifyDnsLength=false}).
 *
 * <p>The JS parser only calls into this object for hosts that contain non-ASCII characters or a label starting with
 * {@code xn--}; everything else is handled by an ASCII fast path in JS.
 *
 * <p>Implementation: GraalJS ships a relocated copy of ICU4J ({@code org.graalvm.shadowed.com.ibm.icu}) that contains
 * a complete UTS #46 implementation with current Unicode data. When that copy is reachable (it is whenever GraalJS is
 * on the class path) it is used through reflection, so nothing breaks at compile time if GraalVM relocates it.
 * Otherwise a best-effort fallback built on the JDK ({@link Normalizer} NFKC + case folding + {@link IDN}, which
 * implements IDNA2003 on Unicode 3.2) is used; it handles common host names but not every UTS #46 corner case.
 */
public final class UrlHost {
  /** ICU errors that the URL Standard does not treat as failures (CheckHyphens=false, VerifyDnsLength=false). */
  private static final Set<String> IGNORED_ERRORS = Set.of(
      "EMPTY_LABEL", "LABEL_TOO_LONG", "DOMAIN_NAME_TOO_LONG", "LEADING_HYPHEN", "TRAILING_HYPHEN", "HYPHEN_3_4");

  /** Loaded on first use: ICU's IDNA data costs ~40 ms in a cold JVM, and most workers only see ASCII hosts. */
  private static final class IcuHolder {
    static final Icu ICU = Icu.load();
  }

  /** Creates the host object; it is stateless and may be shared by all isolates. */
  public UrlHost() {
  }

  /** Whether the full ICU-based UTS #46 implementation is in use (rather than the JDK fallback). */
  public static boolean isFullUts46() {
    return IcuHolder.ICU != null;
  }

  /**
   * The URL Standard's "domain to ASCII" of a (percent-decoded) domain, without the forbidden-code-point and
   * empty-result checks that the JS caller performs.
   *
   * @param domain the domain, possibly containing non-ASCII characters or {@code xn--} labels
   * @return the ASCII (Punycode) form, or {@code null} if UTS #46 processing reports an error
   */
  @HostAccess.Export
  public String domainToASCII(String domain) {
    if (domain == null) {
      return null;
    }
    Icu icu = IcuHolder.ICU;
    return icu != null ? icu.toAscii(domain) : jdkToAscii(domain);
  }

  /**
   * UTS #46 ToUnicode of a domain (non-transitional), for display purposes.
   *
   * @param domain an ASCII or Unicode domain
   * @return the Unicode form, or {@code null} if processing reports an error
   */
  @HostAccess.Export
  public String domainToUnicode(String domain) {
    if (domain == null) {
      return null;
    }
    Icu icu = IcuHolder.ICU;
    if (icu != null) {
      return icu.toUnicode(domain);
    }
    try {
      return IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Reflective access to GraalJS's relocated ICU4J UTS #46 implementation. */
  private static final class Icu {
    private static final String PKG = "org.graalvm.shadowed.com.ibm.icu.text.";
    private final Object idna;
    private final Constructor<?> newInfo;
    private final Method nameToASCII;
    private final Method nameToUnicode;
    private final Method getErrors;

    private Icu(Object idna, Constructor<?> newInfo, Method nameToASCII, Method nameToUnicode, Method getErrors) {
      this.idna = idna;
      this.newInfo = newInfo;
      this.nameToASCII = nameToASCII;
      this.nameToUnicode = nameToUnicode;
      this.getErrors = getErrors;
    }

    static Icu load() {
      try {
        Class<?> idnaClass = Class.forName(PKG + "IDNA", true, UrlHost.class.getClassLoader());
        Class<?> infoClass = Class.forName(PKG + "IDNA$Info", true, UrlHost.class.getClassLoader());
        int options = idnaClass.getField("CHECK_BIDI").getInt(null)
            | idnaClass.getField("CHECK_CONTEXTJ").getInt(null)
            | idnaClass.getField("NONTRANSITIONAL_TO_ASCII").getInt(null)
            | idnaClass.getField("NONTRANSITIONAL_TO_UNICODE").getInt(null);
        Object idna = idnaClass.getMethod("getUTS46Instance", int.class).invoke(null, options);
        Icu icu = new Icu(idna, infoClass.getConstructor(),
            idnaClass.getMethod("nameToASCII", CharSequence.class, StringBuilder.class, infoClass),
            idnaClass.getMethod("nameToUnicode", CharSequence.class, StringBuilder.class, infoClass),
            infoClass.getMethod("getErrors"));
        // smoke test, so that an inaccessible or broken copy selects the fallback
        return "xn--fa-hia.de".equals(icu.toAscii("fa\u00df.de")) ? icu : null;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return null;
      }
    }

    String toAscii(String domain) {
      return process(nameToASCII, domain);
    }

    String toUnicode(String domain) {
      return process(nameToUnicode, domain);
    }

    private String process(Method method, String domain) {
      try {
        Object info = newInfo.newInstance();
        StringBuilder out = new StringBuilder(domain.length() + 8);
        method.invoke(idna, domain, out, info);
        for (Object error : (Collection<?>) getErrors.invoke(info)) {
          if (!IGNORED_ERRORS.contains(((Enum<?>) error).name())) {
            return null;
          }
        }
        return out.toString();
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }
  }

  // ---- JDK fallback (approximation of UTS #46 on top of IDNA2003) ----

  private static String jdkToAscii(String domain) {
    StringBuilder mapped = new StringBuilder(domain.length());
    for (int i = 0; i < domain.length(); ) {
      int cp = domain.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case 0x00AD, 0x034F, 0x180B, 0x180C, 0x180D, 0x200B, 0x2060, 0xFEFF -> { }
        case 0x3002, 0xFF0E, 0xFF61 -> mapped.append('.');
        default -> {
          if (cp >= 0xFE00 && cp <= 0xFE0F) {
            break;
          }
          mapped.appendCodePoint(cp);
        }
      }
    }
    String normalized = Normalizer.normalize(
        Normalizer.normalize(mapped, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    String[] labels = normalized.split("\\.", -1);
    StringBuilder out = new StringBuilder(normalized.length() + 8);
    for (int i = 0; i < labels.length; i++) {
      if (i > 0) {
        out.append('.');
      }
      String label = labels[i];
      boolean ascii = label.chars().allMatch(c -> c < 0x80);
      if (ascii) {
        if (label.startsWith("xn--")) {
          try {
            String unicode = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
            if (unicode.equals(label) || unicode.isEmpty()) {
              return null;
            }
          } catch (IllegalArgumentException e) {
            return null;
          }
        }
        out.append(label);
      } else {
        try {
          out.append(IDN.toASCII(label, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return out.toString();
  }
}
