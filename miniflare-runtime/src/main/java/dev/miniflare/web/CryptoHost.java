package dev.miniflare.web;

import dev.miniflare.core.JsBytes;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Host primitives for the runtime's {@code crypto.js} (Web Crypto's {@code SubtleCrypto}), all on the JDK's own
 * providers ({@code javax.crypto}, {@code java.security}): no third-party crypto library.
 *
 * <p>The JS side does the WebIDL work (argument normalisation, usages, key metadata, workerd's error wording for
 * argument errors); this class only computes. Secret keys stay raw bytes in JS; asymmetric keys live here as an
 * opaque {@link KeyHandle} that the JS {@code CryptoKey} holds. Byte data arrives as ArrayBuffers and leaves as
 * {@link ByteBuffer}s. Failures are {@link CryptoException}s carrying workerd's error name and message.
 *
 * <p>Stateless and thread-safe: one instance serves every isolate.
 */
public final class CryptoHost {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** DER prefixes of the fixed-size SPKI and PKCS#8 encodings of the RFC 8410 curves (the raw key follows). */
  private static final byte[] ED25519_SPKI = hex("302a300506032b6570032100");
  private static final byte[] X25519_SPKI = hex("302a300506032b656e032100");
  private static final byte[] ED25519_PKCS8 = hex("302e020100300506032b657004220420");
  private static final byte[] X25519_PKCS8 = hex("302e020100300506032b656e04220420");

  /** Creates the host object; it holds no state and may be shared by all isolates. */
  public CryptoHost() {
  }

  // --- helpers --------------------------------------------------------------------------------------------------

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  private static byte[] bytes(Value data) {
    if (data == null || data.isNull()) {
      return new byte[0];
    }
    return JsBytes.read(data, 0, (int) data.getBufferSize());
  }

  private static ByteBuffer out(byte[] b) {
    return ByteBuffer.wrap(b);
  }

  private static CryptoException operationError(String message, Throwable cause) {
    return new CryptoException("OperationError", message, cause);
  }

  /** The JDK name of a WebCrypto hash ("SHA-256" is the same in both; only the HMAC/signature names differ). */
  private static String jdkHash(String hash) {
    return switch (hash) {
      case "SHA-1", "SHA-256", "SHA-384", "SHA-512", "MD5" -> hash;
      default -> throw new CryptoException("NotSupportedError", "Unrecognized or unimplemented digest algorithm requested.");
    };
  }

  private static String compact(String hash) {
    return jdkHash(hash).replace("-", "");
  }

  /** An HMAC over {@code key}; the JDK refuses empty keys, but HMAC zero-pads keys, so one zero byte is the same key. */
  private static Mac mac(String hash, byte[] key) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("Hmac" + compact(hash));
    mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac.getAlgorithm()));
    return mac;
  }

  // --- hashing, randomness, comparison -----------------------------------------------------------------------------

  /** The digest of the bytes with a JDK MessageDigest (SHA-1, SHA-256, SHA-384, SHA-512, MD5). */
  @HostAccess.Export
  public ByteBuffer digest(String algorithm, Value data) {
    return out(newDigest(algorithm).digest(bytes(data)));
  }

  /** An incremental digest, for {@code crypto.DigestStream}. */
  @HostAccess.Export
  public Hasher hasher(String algorithm) {
    return new Hasher(newDigest(algorithm));
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(jdkHash(algorithm));
    } catch (GeneralSecurityException e) {
      throw new CryptoException("NotSupportedError", "Unrecognized or unimplemented digest algorithm requested.", e);
    }
  }

  /** Cryptographically strong random bytes (key generation). */
  @HostAccess.Export
  public ByteBuffer randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return out(b);
  }

  /** Constant-time comparison of two equally long byte strings. */
  @HostAccess.Export
  public boolean timingSafeEqual(Value a, Value b) {
    return MessageDigest.isEqual(bytes(a), bytes(b));
  }

  // --- symmetric -------------------------------------------------------------------------------------------------

  /** HMAC of {@code data} under {@code key}. */
  @HostAccess.Export
  public ByteBuffer hmac(String hash, Value key, Value data) {
    try {
      return out(mac(hash, bytes(key)).doFinal(bytes(data)));
    } catch (GeneralSecurityException e) {
      throw operationError("HMAC computation failed.", e);
    }
  }

  /** AES-GCM; the ciphertext carries the tag at its end, as in WebCrypto. */
  @HostAccess.Export
  public ByteBuffer aesGcm(boolean encrypt, Value key, Value iv, Value additionalData, int tagBits, Value data) {
    byte[] input = bytes(data);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(bytes(key), "AES"),
          new GCMParameterSpec(tagBits, bytes(iv)));
      byte[] aad = bytes(additionalData);
      if (aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return out(cipher.doFinal(input));
    } catch (AEADBadTagException e) {
      int plain = input.length - tagBits / 8;
      throw decryptionFailed(plain, plain, "AES-GCM", e);
    } catch (GeneralSecurityException e) {
      throw operationError("Error doing AES-GCM encrypt/decrypt: " + e.getMessage(), e);
    }
  }

  private static CryptoException decryptionFailed(int inputLength, int outputLength, String algorithm, Throwable e) {
    return operationError("Decryption failed. This could be due to a ciphertext authentication failure, bad padding,"
        + " incorrect CryptoKey, or another algorithm-specific reason. Input length was " + inputLength
        + ", output length expected to be " + outputLength + " for " + algorithm, e);
  }

  /** AES-CBC with PKCS#7 padding. */
  @HostAccess.Export
  public ByteBuffer aesCbc(boolean encrypt, Value key, Value iv, Value data) {
    byte[] input = bytes(data);
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(bytes(key), "AES"),
          new IvParameterSpec(bytes(iv)));
      return out(cipher.doFinal(input));
    } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
      // workerd reports the bytes its decrypt-update step had produced: all whole blocks but the last
      int produced = Math.max(0, (input.length / 16 - 1) * 16);
      throw decryptionFailed(input.length, produced, "AES-CBC", e);
    } catch (GeneralSecurityException e) {
      throw operationError("Error doing AES-CBC encrypt/decrypt: " + e.getMessage(), e);
    }
  }

  /**
   * AES-CTR where only the rightmost {@code lengthBits} of the counter block increment (and wrap), as WebCrypto
   * specifies; the JDK's CTR mode increments all 128 bits, so the keystream is built from AES-ECB here.
   */
  @HostAccess.Export
  public ByteBuffer aesCtr(Value key, Value counter, int lengthBits, Value data) {
    byte[] input = bytes(data);
    byte[] block = bytes(counter);
    BigInteger modulus = BigInteger.ONE.shiftLeft(lengthBits);
    BigInteger blocks = BigInteger.valueOf((input.length + 15L) / 16);
    if (blocks.compareTo(modulus) > 0) {
      throw new CryptoException("OperationError", "Counter block values will repeat.");
    }
    try {
      Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(bytes(key), "AES"));
      BigInteger whole = new BigInteger(1, block);
      BigInteger low = whole.mod(modulus);
      BigInteger high = whole.subtract(low);
      byte[] result = new byte[input.length];
      for (int off = 0; off < input.length; off += 16) {
        byte[] stream = ecb.doFinal(toFixed(high.add(low), 16));
        for (int i = 0; i < 16 && off + i < input.length; i++) {
          result[off + i] = (byte) (input[off + i] ^ stream[i]);
        }
        low = low.add(BigInteger.ONE).mod(modulus);
      }
      return out(result);
    } catch (GeneralSecurityException e) {
      throw operationError("Error doing AES-CTR encrypt/decrypt: " + e.getMessage(), e);
    }
  }

  /** AES-KW (RFC 3394) wrapping or unwrapping of key bytes. */
  @HostAccess.Export
  public ByteBuffer aesKw(boolean wrap, Value key, Value data) {
    byte[] input = bytes(data);
    try {
      Cipher cipher = Cipher.getInstance("AESWrap");
      SecretKeySpec kek = new SecretKeySpec(bytes(key), "AES");
      if (wrap) {
        cipher.init(Cipher.WRAP_MODE, kek);
        return out(cipher.wrap(new SecretKeySpec(input, "RAW")));
      }
      cipher.init(Cipher.UNWRAP_MODE, kek);
      return out(cipher.unwrap(input, "RAW", Cipher.SECRET_KEY).getEncoded());
    } catch (GeneralSecurityException e) {
      throw operationError("AES-KW key " + (wrap ? "wrapping" : "unwrapping") + " failed.", e);
    }
  }

  // --- key derivation --------------------------------------------------------------------------------------------

  /**
   * PBKDF2 (RFC 8018) with an HMAC PRF. Written over {@link Mac} because the JDK's PBKDF2 SecretKeyFactory takes
   * the password as chars, and WebCrypto passwords are arbitrary bytes.
   */
  @HostAccess.Export
  public ByteBuffer pbkdf2(String hash, Value password, Value salt, int iterations, int lengthBytes) {
    try {
      Mac mac = mac(hash, bytes(password));
      byte[] s = bytes(salt);
      int hLen = mac.getMacLength();
      byte[] result = new byte[lengthBytes];
      for (int block = 1, off = 0; off < lengthBytes; block++, off += hLen) {
        mac.update(s);
        mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
        byte[] u = mac.doFinal();
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
          u = mac.doFinal(u);
          for (int j = 0; j < hLen; j++) {
            t[j] ^= u[j];
          }
        }
        System.arraycopy(t, 0, result, off, Math.min(hLen, lengthBytes - off));
      }
      return out(result);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("Error", "PBKDF2 deriveBits failed.", e);
    }
  }

  /** HKDF (RFC 5869) extract-then-expand; an empty salt means HashLen zero bytes, per the RFC. */
  @HostAccess.Export
  public ByteBuffer hkdf(String hash, Value key, Value salt, Value info, int lengthBytes) {
    try {
      int hLen = Mac.getInstance("Hmac" + compact(hash)).getMacLength();
      if (lengthBytes > 255 * hLen) {
        throw new CryptoException("OperationError", "HKDF deriveBits failed.");
      }
      byte[] s = bytes(salt);
      byte[] prk = mac(hash, s.length == 0 ? new byte[hLen] : s).doFinal(bytes(key));
      Mac expand = mac(hash, prk);
      byte[] i = bytes(info);
      byte[] result = new byte[lengthBytes];
      byte[] t = new byte[0];
      for (int n = 1, off = 0; off < lengthBytes; n++, off += hLen) {
        expand.update(t);
        expand.update(i);
        expand.update((byte) n);
        t = expand.doFinal();
        System.arraycopy(t, 0, result, off, Math.min(hLen, lengthBytes - off));
      }
      return out(result);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("OperationError", "HKDF deriveBits failed.", e);
    }
  }

  // --- asymmetric keys ---------------------------------------------------------------------------------------------

  /**
   * An asymmetric key held for a JS {@code CryptoKey}: the JDK key plus, for private keys, the matching public
   * key (JWK export of a private key includes the public part).
   */
  public static final class KeyHandle {
    final String kind;
    final Key key;
    final PublicKey publicKey;

    KeyHandle(String kind, Key key, PublicKey publicKey) {
      this.kind = kind;
      this.key = key;
      this.publicKey = publicKey;
    }

    /** "public" or "private". */
    @HostAccess.Export
    public String type() {
      return key instanceof PrivateKey ? "private" : "public";
    }

    /** The key family: EC, RSA, Ed25519 or X25519. */
    @HostAccess.Export
    public String kind() {
      return kind;
    }

    /** The named curve of an EC key (P-256, P-384, P-521), else null. */
    @HostAccess.Export
    public String curve() {
      ECParameterSpec params = key instanceof ECPublicKey p ? p.getParams()
          : key instanceof ECPrivateKey p ? p.getParams() : null;
      return params == null ? null : curveName(params);
    }

    /** The modulus length in bits of an RSA key, else 0. */
    @HostAccess.Export
    public int modulusLength() {
      return publicKey instanceof RSAPublicKey r ? r.getModulus().bitLength() : 0;
    }

    /** The public exponent of an RSA key, big-endian, else null. */
    @HostAccess.Export
    public ByteBuffer publicExponent() {
      return publicKey instanceof RSAPublicKey r ? out(unsigned(r.getPublicExponent())) : null;
    }

    /** Whether two handles hold the same key material. */
    @HostAccess.Export
    public boolean sameKey(KeyHandle other) {
      return other != null && Arrays.equals(key.getEncoded(), other.key.getEncoded());
    }
  }

  /** A generated key pair. */
  public static final class KeyPairHandle {
    private final KeyHandle publicKey;
    private final KeyHandle privateKey;

    KeyPairHandle(String kind, KeyPair pair) {
      this.publicKey = new KeyHandle(kind, pair.getPublic(), pair.getPublic());
      this.privateKey = new KeyHandle(kind, pair.getPrivate(), pair.getPublic());
    }

    /** The public half. */
    @HostAccess.Export
    public KeyHandle publicKey() {
      return publicKey;
    }

    /** The private half. */
    @HostAccess.Export
    public KeyHandle privateKey() {
      return privateKey;
    }
  }

  /** An incremental digest (DigestStream). */
  public static final class Hasher {
    private final MessageDigest md;

    Hasher(MessageDigest md) {
      this.md = md;
    }

    /** Adds bytes. */
    @HostAccess.Export
    public void update(Value data) {
      md.update(bytes(data));
    }

    /** The digest of everything added. */
    @HostAccess.Export
    public ByteBuffer finish() {
      return out(md.digest());
    }
  }

  private static String curveName(ECParameterSpec params) {
    int bits = params.getCurve().getField().getFieldSize();
    return switch (bits) {
      case 256 -> "P-256";
      case 384 -> "P-384";
      case 521 -> "P-521";
      default -> null;
    };
  }

  private static ECParameterSpec curveParams(String curve) {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(switch (curve) {
        case "P-256" -> "secp256r1";
        case "P-384" -> "secp384r1";
        case "P-521" -> "secp521r1";
        default -> throw new CryptoException("NotSupportedError",
            "Unrecognized or unimplemented EC curve \"" + curve + "\" requested.");
      }));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("NotSupportedError", "Unrecognized or unimplemented EC curve \"" + curve + "\" requested.", e);
    }
  }

  private static int fieldBytes(ECParameterSpec params) {
    return (params.getCurve().getField().getFieldSize() + 7) / 8;
  }

  /** Generates a key pair: kind EC (param = curve), RSA (modulus bits, exponent), Ed25519 or X25519. */
  @HostAccess.Export
  public KeyPairHandle generateKeyPair(String kind, String curve, int modulusLength, Value publicExponent) {
    try {
      KeyPairGenerator gen;
      switch (kind) {
        case "EC" -> {
          gen = KeyPairGenerator.getInstance("EC");
          gen.initialize(curveParams(curve), RANDOM);
        }
        case "RSA" -> {
          gen = KeyPairGenerator.getInstance("RSA");
          gen.initialize(new RSAKeyGenParameterSpec(modulusLength, new BigInteger(1, bytes(publicExponent))), RANDOM);
        }
        default -> gen = KeyPairGenerator.getInstance(kind);
      }
      return new KeyPairHandle(kind, gen.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw operationError("Error generating " + kind + " key pair: " + e.getMessage(), e);
    }
  }

  /** Imports a key from "spki", "pkcs8" or "raw" (public EC points and RFC 8410 public keys) bytes. */
  @HostAccess.Export
  public KeyHandle importKey(String kind, String format, String curve, Value data) {
    byte[] der = bytes(data);
    try {
      switch (format) {
        case "spki" -> {
          PublicKey pub = factory(kind).generatePublic(new X509EncodedKeySpec(der));
          checkKind(kind, curve, pub);
          return new KeyHandle(kind, pub, pub);
        }
        case "pkcs8" -> {
          PrivateKey priv = factory(kind).generatePrivate(new PKCS8EncodedKeySpec(der));
          checkKind(kind, curve, priv);
          return new KeyHandle(kind, priv, publicOf(kind, priv));
        }
        case "raw" -> {
          PublicKey pub = rawPublic(kind, curve, der);
          return new KeyHandle(kind, pub, pub);
        }
        default -> throw new CryptoException("NotSupportedError", "Unrecognized key import format \"" + format + "\".");
      }
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new CryptoException("DataError", "Invalid " + format.toUpperCase(java.util.Locale.ROOT) + " input.", e);
    }
  }

  private static void checkKind(String kind, String curve, Key key) {
    if (kind.equals("EC")) {
      String actual = curveName(key instanceof ECPublicKey p ? p.getParams() : ((ECPrivateKey) key).getParams());
      if (!curve.equals(actual)) {
        throw new CryptoException("DataError", "\"algorithm.namedCurve\" \"" + curve
            + "\" does not match the curve specified by the input key data.");
      }
    } else if ((kind.equals("Ed25519") || kind.equals("X25519")) && !key.getAlgorithm().matches("(?i)" + kind + "|EdDSA|XDH")) {
      throw new CryptoException("DataError", "Input was not an " + kind + " key.");
    }
  }

  private static KeyFactory factory(String kind) throws GeneralSecurityException {
    return KeyFactory.getInstance(kind);
  }

  private static PublicKey rawPublic(String kind, String curve, byte[] raw) throws GeneralSecurityException {
    switch (kind) {
      case "EC" -> {
        ECParameterSpec params = curveParams(curve);
        int n = fieldBytes(params);
        if (raw.length != 1 + 2 * n || raw[0] != 4) {
          throw new CryptoException("DataError", "Invalid raw EC key provided.");
        }
        return ecPublic(params, new BigInteger(1, Arrays.copyOfRange(raw, 1, 1 + n)),
            new BigInteger(1, Arrays.copyOfRange(raw, 1 + n, raw.length)));
      }
      case "Ed25519", "X25519" -> {
        if (raw.length != 32) {
          throw new CryptoException("DataError", kind + " raw keys must be exactly 32-bytes (provided " + raw.length + ").");
        }
        return factory(kind).generatePublic(new X509EncodedKeySpec(concat(kind.equals("Ed25519") ? ED25519_SPKI : X25519_SPKI, raw)));
      }
      default -> throw new CryptoException("NotSupportedError", "Unrecognized key import format \"raw\".");
    }
  }

  private static PublicKey ecPublic(ECParameterSpec params, BigInteger x, BigInteger y) throws GeneralSecurityException {
    // The JDK's key factory accepts points off the curve; WebCrypto imports must reject them.
    BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
    BigInteger rhs = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !y.multiply(y).mod(p).equals(rhs)) {
      throw new CryptoException("OperationError",
          "Invalid EC key; public key coordinates \"x\" and \"y\" are invalid: Point is not on curve..");
    }
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
  }

  /** The public key of a private key: stored in RSA CRT keys, computed for EC and the RFC 8410 curves. */
  private static PublicKey publicOf(String kind, PrivateKey priv) throws GeneralSecurityException {
    switch (kind) {
      case "RSA" -> {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) priv;
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
      }
      case "EC" -> {
        ECPrivateKey k = (ECPrivateKey) priv;
        ECPoint q = multiply(k.getParams(), k.getS());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, k.getParams()));
      }
      default -> {
        // The JDK derives the public key inside its generator only; feed it the private seed as its "randomness".
        byte[] seed = Arrays.copyOfRange(priv.getEncoded(), priv.getEncoded().length - 32, priv.getEncoded().length);
        KeyPairGenerator gen = KeyPairGenerator.getInstance(kind);
        gen.initialize(new NamedParameterSpec(kind), new FixedRandom(seed));
        return gen.generateKeyPair().getPublic();
      }
    }
  }

  /** Hands out fixed bytes: lets the JDK's X25519/Ed25519 generators compute the public key of a known seed. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }

  /** Scalar multiplication {@code k * G} on a short Weierstrass curve in affine coordinates (import only). */
  private static ECPoint multiply(ECParameterSpec params, BigInteger k) {
    BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
    BigInteger a = params.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = params.getGenerator();
    for (int i = 0; i < k.bitLength(); i++) {
      if (k.testBit(i)) {
        result = add(result, addend, a, p);
      }
      addend = add(addend, addend, a, p);
    }
    return result;
  }

  private static ECPoint add(ECPoint s, ECPoint t, BigInteger a, BigInteger p) {
    if (s.equals(ECPoint.POINT_INFINITY)) {
      return t;
    }
    if (t.equals(ECPoint.POINT_INFINITY)) {
      return s;
    }
    BigInteger lambda;
    if (s.getAffineX().equals(t.getAffineX())) {
      if (!s.getAffineY().equals(t.getAffineY()) || s.getAffineY().signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      BigInteger x = s.getAffineX();
      lambda = x.pow(2).multiply(BigInteger.valueOf(3)).add(a)
          .multiply(s.getAffineY().shiftLeft(1).modInverse(p)).mod(p);
    } else {
      lambda = t.getAffineY().subtract(s.getAffineY())
          .multiply(t.getAffineX().subtract(s.getAffineX()).modInverse(p)).mod(p);
    }
    BigInteger x = lambda.pow(2).subtract(s.getAffineX()).subtract(t.getAffineX()).mod(p);
    BigInteger y = lambda.multiply(s.getAffineX().subtract(x)).subtract(s.getAffineY()).mod(p);
    return new ECPoint(x, y);
  }

  /** Imports a JWK's key material ({@code jwk} is the JS object; its fields are base64url strings). */
  @HostAccess.Export
  public KeyHandle importJwk(String kind, String curve, Value jwk) {
    try {
      boolean isPrivate = jwk.hasMember("d") && !jwk.getMember("d").isNull();
      switch (kind) {
        case "EC" -> {
          ECParameterSpec params = curveParams(curve);
          PublicKey pub = ecPublic(params, big(jwk, "x"), big(jwk, "y"));
          if (!isPrivate) {
            return new KeyHandle(kind, pub, pub);
          }
          PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(big(jwk, "d"), params));
          return new KeyHandle(kind, priv, pub);
        }
        case "RSA" -> {
          BigInteger n = big(jwk, "n");
          BigInteger e = big(jwk, "e");
          PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
          if (!isPrivate) {
            return new KeyHandle(kind, pub, pub);
          }
          PrivateKey priv = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, big(jwk, "d"),
              big(jwk, "p"), big(jwk, "q"), big(jwk, "dp"), big(jwk, "dq"), big(jwk, "qi")));
          return new KeyHandle(kind, priv, pub);
        }
        default -> {
          PublicKey pub = rawPublic(kind, curve, b64(jwk, "x"));
          if (!isPrivate) {
            return new KeyHandle(kind, pub, pub);
          }
          byte[] d = b64(jwk, "d");
          if (d.length != 32) {
            throw new CryptoException("DataError", "Invalid length " + d.length + " for private key");
          }
          PrivateKey priv = factory(kind).generatePrivate(
              new PKCS8EncodedKeySpec(concat(kind.equals("Ed25519") ? ED25519_PKCS8 : X25519_PKCS8, d)));
          PublicKey derived = publicOf(kind, priv);
          if (!Arrays.equals(derived.getEncoded(), pub.getEncoded())) {
            throw new CryptoException("DataError", "Invalid " + kind + " key in JSON Web Key; public key does not match.");
          }
          return new KeyHandle(kind, priv, pub);
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CryptoException("DataError", "Invalid " + kind + " key in JSON Web Key", e);
    }
  }

  private static byte[] b64(Value jwk, String member) {
    Value v = jwk.getMember(member);
    if (v == null || !v.isString()) {
      throw new CryptoException("DataError", "Invalid key in JSON Web Key; missing or invalid \"" + member + "\".");
    }
    try {
      return Base64.getUrlDecoder().decode(v.asString());
    } catch (IllegalArgumentException e) {
      throw new CryptoException("DataError", "Invalid key in JSON Web Key; missing or invalid \"" + member + "\".", e);
    }
  }

  private static BigInteger big(Value jwk, String member) {
    return new BigInteger(1, b64(jwk, member));
  }

  /** Exports "spki", "pkcs8" or "raw" bytes. */
  @HostAccess.Export
  public ByteBuffer exportKey(KeyHandle handle, String format) {
    Key key = handle.key;
    switch (format) {
      case "spki" -> {
        return out(key.getEncoded());
      }
      case "pkcs8" -> {
        return out(key instanceof ECPrivateKey ec ? ecPkcs8(ec, (ECPublicKey) handle.publicKey) : key.getEncoded());
      }
      case "raw" -> {
        if (key instanceof ECPublicKey ec) {
          int n = fieldBytes(ec.getParams());
          return out(concat(new byte[] {4}, toFixed(ec.getW().getAffineX(), n), toFixed(ec.getW().getAffineY(), n)));
        }
        byte[] der = key.getEncoded();
        return out(Arrays.copyOfRange(der, der.length - 32, der.length));
      }
      default -> throw new CryptoException("NotSupportedError", "Unrecognized export format \"" + format + "\".");
    }
  }

  /**
   * The PKCS#8 encoding of an EC private key as BoringSSL writes it: the SEC1 ECPrivateKey carries the public
   * point and no curve parameters (the JDK's own encoding omits the point, so the bytes would differ from workerd's).
   */
  private static byte[] ecPkcs8(ECPrivateKey key, ECPublicKey pub) {
    ECParameterSpec params = key.getParams();
    int n = fieldBytes(params);
    byte[] curveOid = hex(switch (curveName(params)) {
      case "P-256" -> "06082a8648ce3d030107";
      case "P-384" -> "06052b81040022";
      default -> "06052b81040023";
    });
    byte[] point = concat(new byte[] {0, 4}, toFixed(pub.getW().getAffineX(), n), toFixed(pub.getW().getAffineY(), n));
    byte[] sec1 = der(0x30, hex("020101"), der(0x04, toFixed(key.getS(), n)), der(0xa1, der(0x03, point)));
    return der(0x30, hex("020100"), der(0x30, hex("06072a8648ce3d0201"), curveOid), der(0x04, sec1));
  }

  private static byte[] der(int tag, byte[]... content) {
    byte[] body = concat(content);
    int len = body.length;
    byte[] header = len < 128 ? new byte[] {(byte) tag, (byte) len}
        : len < 256 ? new byte[] {(byte) tag, (byte) 0x81, (byte) len}
        : new byte[] {(byte) tag, (byte) 0x82, (byte) (len >> 8), (byte) len};
    return concat(header, body);
  }

  /** The key-material members of the key's JWK as a JSON object of base64url strings. */
  @HostAccess.Export
  public String exportJwk(KeyHandle handle) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    Key key = handle.key;
    PublicKey pub = handle.publicKey;
    switch (handle.kind) {
      case "EC" -> {
        ECPublicKey ec = (ECPublicKey) pub;
        int n = fieldBytes(ec.getParams());
        m.put("x", toFixed(ec.getW().getAffineX(), n));
        m.put("y", toFixed(ec.getW().getAffineY(), n));
        if (key instanceof ECPrivateKey p) {
          m.put("d", toFixed(p.getS(), n));
        }
      }
      case "RSA" -> {
        RSAPublicKey r = (RSAPublicKey) pub;
        m.put("n", unsigned(r.getModulus()));
        m.put("e", unsigned(r.getPublicExponent()));
        if (key instanceof RSAPrivateCrtKey p) {
          m.put("d", unsigned(p.getPrivateExponent()));
          m.put("p", unsigned(p.getPrimeP()));
          m.put("q", unsigned(p.getPrimeQ()));
          m.put("dp", unsigned(p.getPrimeExponentP()));
          m.put("dq", unsigned(p.getPrimeExponentQ()));
          m.put("qi", unsigned(p.getCrtCoefficient()));
        }
      }
      default -> {
        byte[] spki = pub.getEncoded();
        m.put("x", Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        if (key instanceof PrivateKey) {
          byte[] der = key.getEncoded();
          m.put("d", Arrays.copyOfRange(der, der.length - 32, der.length));
        }
      }
    }
    StringBuilder json = new StringBuilder("{");
    m.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
        .append(B64URL.encodeToString(v)).append('"'));
    return json.append('}').toString();
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] toFixed(BigInteger v, int length) {
    byte[] b = unsigned(v);
    byte[] out = new byte[length];
    System.arraycopy(b, Math.max(0, b.length - length), out, Math.max(0, length - b.length), Math.min(b.length, length));
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  // --- signatures, encryption, agreement ---------------------------------------------------------------------

  private static Signature signature(String algorithm, String hash, int saltLength) throws GeneralSecurityException {
    switch (algorithm) {
      case "ECDSA" -> {
        // WebCrypto signatures are r || s (IEEE P1363), not DER
        return Signature.getInstance(compact(hash) + "withECDSAinP1363Format");
      }
      case "RSASSA-PKCS1-v1_5" -> {
        return Signature.getInstance(compact(hash) + "withRSA");
      }
      case "RSA-PSS" -> {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(jdkHash(hash), "MGF1", new MGF1ParameterSpec(jdkHash(hash)), saltLength, 1));
        return s;
      }
      default -> {
        return Signature.getInstance("Ed25519");
      }
    }
  }

  /** Signs with ECDSA, RSASSA-PKCS1-v1_5, RSA-PSS or Ed25519. */
  @HostAccess.Export
  public ByteBuffer sign(String algorithm, String hash, int saltLength, KeyHandle handle, Value data) {
    try {
      Signature s = signature(algorithm, hash, saltLength);
      s.initSign((PrivateKey) handle.key);
      s.update(bytes(data));
      return out(s.sign());
    } catch (GeneralSecurityException e) {
      throw operationError(algorithm + " signing failed: " + e.getMessage(), e);
    }
  }

  /** Verifies a signature; a malformed signature is simply not valid. */
  @HostAccess.Export
  public boolean verify(String algorithm, String hash, int saltLength, KeyHandle handle, Value signature, Value data) {
    try {
      Signature s = signature(algorithm, hash, saltLength);
      s.initVerify(handle.publicKey);
      s.update(bytes(data));
      return s.verify(bytes(signature));
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw operationError(algorithm + " verification failed: " + e.getMessage(), e);
    }
  }

  /** RSA-OAEP encryption (public key) or decryption (private key). */
  @HostAccess.Export
  public ByteBuffer rsaOaep(boolean encrypt, String hash, Value label, KeyHandle handle, Value data) {
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
      OAEPParameterSpec spec = new OAEPParameterSpec(jdkHash(hash), "MGF1", new MGF1ParameterSpec(jdkHash(hash)),
          new PSource.PSpecified(bytes(label)));
      cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, handle.key, spec);
      return out(cipher.doFinal(bytes(data)));
    } catch (GeneralSecurityException e) {
      throw operationError("RSA-OAEP failed encrypt/decrypt.", e);
    }
  }

  /** The shared secret of an ECDH (EC) or X25519 agreement between a private and a peer public key. */
  @HostAccess.Export
  public ByteBuffer agree(KeyHandle privateKey, KeyHandle publicKey) {
    try {
      KeyAgreement ka = KeyAgreement.getInstance(privateKey.kind.equals("EC") ? "ECDH" : "XDH");
      ka.init(privateKey.key);
      ka.doPhase(publicKey.key, true);
      byte[] secret = ka.generateSecret();
      if (!privateKey.kind.equals("EC") && Arrays.equals(secret, new byte[secret.length])) {
        throw new CryptoException("OperationError", "Detected small order secure curve points, aborting EDDH derivation");
      }
      return out(secret);
    } catch (GeneralSecurityException e) {
      throw operationError("Failed to generate shared " + (privateKey.kind.equals("EC") ? "ECDH" : "X25519") + " secret", e);
    }
  }
}
