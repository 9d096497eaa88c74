package dev.miniflare.node;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The JCA primitives behind {@code node:crypto}'s incremental hashes and HMACs. Node (OpenSSL) names map to JDK
 * names here; an unknown name gives null, which the JS side reports as workerd does. Stateless and shared.
 */
public final class NodeCryptoHost {
  /** OpenSSL digest names (lower case, as Node accepts them case-insensitively) to JDK MessageDigest names. */
  private static final Map<String, String> DIGESTS = Map.ofEntries(
      Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"),
      Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"),
      Map.entry("sha512-224", "SHA-512/224"), Map.entry("sha512-256", "SHA-512/256"),
      Map.entry("sha3-224", "SHA3-224"), Map.entry("sha3-256", "SHA3-256"), Map.entry("sha3-384", "SHA3-384"),
      Map.entry("sha3-512", "SHA3-512"), Map.entry("rsa-md5", "MD5"), Map.entry("rsa-sha1", "SHA-1"),
      Map.entry("rsa-sha224", "SHA-224"), Map.entry("rsa-sha256", "SHA-256"), Map.entry("rsa-sha384", "SHA-384"),
      Map.entry("rsa-sha512", "SHA-512"), Map.entry("sha-1", "SHA-1"), Map.entry("sha-256", "SHA-256"),
      Map.entry("sha-384", "SHA-384"), Map.entry("sha-512", "SHA-512"));

  /** The JDK digest name for a Node one, or null when there is none. */
  static String jdkDigest(String nodeName) {
    return nodeName == null ? null : DIGESTS.get(nodeName.toLowerCase(Locale.ROOT));
  }

  /** An incremental hash, or null for an unknown algorithm. */
  @HostAccess.Export
  public Digest hash(String algorithm) {
    String jdk = jdkDigest(algorithm);
    if (jdk == null) {
      return null;
    }
    try {
      return new Digest(MessageDigest.getInstance(jdk), null);
    } catch (GeneralSecurityException e) {
      return null; // the JDK lacks it: reported as an unsupported digest
    }
  }

  /** An incremental HMAC under {@code key}, or null for an unknown algorithm. */
  @HostAccess.Export
  public Digest hmac(String algorithm, Value key) {
    String jdk = jdkDigest(algorithm);
    if (jdk == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("Hmac" + jdk.replace("-", "").replace("/", ""));
      byte[] k = bytes(key);
      // the JDK refuses an empty key; HMAC pads keys with zeros, so one zero byte is the same key
      mac.init(new SecretKeySpec(k.length == 0 ? new byte[1] : k, mac.getAlgorithm()));
      return new Digest(null, mac);
    } catch (GeneralSecurityException e) {
      return null;
    }
  }

  /** The output length in bytes of a digest, or -1 when unknown (pbkdf2/hkdf checks). */
  @HostAccess.Export
  public int digestLength(String algorithm) {
    Digest d = hash(algorithm);
    return d == null ? -1 : d.md.getDigestLength();
  }

  private static byte[] bytes(Value v) {
    if (v.hasBufferElements()) {
      byte[] b = new byte[(int) v.getBufferSize()];
      v.readBuffer(0, b, 0, b.length);
      return b;
    }
    throw new IllegalArgumentException("expected bytes");
  }

  /** A running hash or HMAC; {@code copy()} forks a hash's state (Node's Hash#copy). */
  public static final class Digest {
    private final MessageDigest md;
    private final Mac mac;

    Digest(MessageDigest md, Mac mac) {
      this.md = md;
      this.mac = mac;
    }

    /** Adds bytes. */
    @HostAccess.Export
    public void update(Value data) {
      byte[] b = bytes(data);
      if (md != null) {
        md.update(b);
      } else {
        mac.update(b);
      }
    }

    /** The result of everything added. */
    @HostAccess.Export
    public ByteBuffer finish() {
      return ByteBuffer.wrap(md != null ? md.digest() : mac.doFinal());
    }

    /** An independent copy of this hash's state (null when it cannot be copied). */
    @HostAccess.Export
    public Digest copy() {
      try {
        return md != null ? new Digest((MessageDigest) md.clone(), null) : new Digest(null, (Mac) mac.clone());
      } catch (CloneNotSupportedException e) {
        return null;
      }
    }
  }
}
