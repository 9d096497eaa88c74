package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code crypto.subtle} in a real worker: published test vectors (RFC 4231, RFC 6070, RFC 7914, RFC 5869, the GCM
 * specification, NIST SP 800-38A, RFC 3394, RFC 8032, RFC 7748), round trips, and workerd's error names and
 * messages (checked against workerd itself).
 */
class SubtleCryptoTest {
  private static final String HELPERS = "const te = new TextEncoder(); const S = crypto.subtle;"
      + " const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');"
      + " const unhex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));"
      + " const b64u = (s) => btoa(String.fromCharCode(...unhex(s))).split('+').join('-').split('/').join('_').split('=').join('');"
      + " const fails = async (p) => { try { await p; return 'no error'; } catch (e) { return e.name + ': ' + e.message; } };";
  static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).script(
        "export default { async fetch(req) { const code = await req.text();"
            + " try { return Response.json({ ok: await (new Function('return (async () => {" + HELPERS.replace("'", "\\'")
            + "' + code + '})()'))() }); }"
            + " catch (e) { return Response.json({ error: e.name, message: e.message }); } } }")).build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  private static Object js(String code) {
    @SuppressWarnings("unchecked")
    Map<String, Object> result = mf.dispatchFetch(Request.post("http://localhost/", code)).json(Map.class);
    assertThat(result).as("worker error for %s", code).containsKey("ok");
    return result.get("ok");
  }

  @Test
  void hmacMatchesRfc4231() {
    String sign = "const k = await S.importKey('raw', te.encode('Jefe'), { name: 'HMAC', hash: '%s' }, false, ['sign']);"
        + " return hex(await S.sign('HMAC', k, te.encode('what do ya want for nothing?')));";
    assertThat(js(sign.formatted("SHA-256")))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(js(sign.formatted("SHA-512"))).isEqualTo("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549"
        + "758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    assertThat(js("const k = await S.importKey('raw', te.encode('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);"
        + " const sig = unhex('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');"
        + " return [await S.verify('HMAC', k, sig, te.encode('what do ya want for nothing?')),"
        + "  await S.verify('HMAC', k, sig, te.encode('what do ya want for nothing!')), await S.verify('HMAC', k, sig.slice(1), te.encode('x'))]"))
        .isEqualTo(List.of(true, false, false));
  }

  @Test
  void hmacKeysExportAndGenerate() {
    assertThat(js("const k = await S.importKey('raw', te.encode('secret-key'), { name: 'hmac', hash: 'sha-256' }, true, ['verify', 'sign']);"
        + " return [k.type, k.extractable, k.algorithm, k.usages, await S.exportKey('jwk', k), String(k)]"))
        .isEqualTo(List.of("secret", true, Map.of("name", "HMAC", "hash", Map.of("name", "SHA-256"), "length", 80),
            List.of("sign", "verify"),
            Map.of("kty", "oct", "key_ops", List.of("sign", "verify"), "alg", "HS256", "ext", true, "k", "c2VjcmV0LWtleQ"),
            "[object CryptoKey]"));
    assertThat(js("const k = await S.generateKey({ name: 'HMAC', hash: 'SHA-384' }, true, ['sign']);"
        + " const j = await S.exportKey('jwk', k); const back = await S.importKey('jwk', j, { name: 'HMAC', hash: 'SHA-384' }, true, ['sign']);"
        + " return [k.algorithm.length, (await S.exportKey('raw', k)).byteLength, hex(await S.exportKey('raw', back)) === hex(await S.exportKey('raw', k))]"))
        .isEqualTo(List.of(1024, 128, true));
  }

  @Test
  void pbkdf2MatchesRfc6070AndRfc7914() {
    String derive = "const k = await S.importKey('raw', te.encode('%s'), 'PBKDF2', false, ['deriveBits']);"
        + " return hex(await S.deriveBits({ name: 'PBKDF2', hash: '%s', salt: te.encode('salt'), iterations: %d }, k, %d));";
    assertThat(js(derive.formatted("password", "SHA-1", 1, 160))).isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
    assertThat(js(derive.formatted("password", "SHA-1", 2, 160))).isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
    assertThat(js(derive.formatted("password", "SHA-1", 4096, 160))).isEqualTo("4b007901b765489abead49d926f721d065a429c1");
    assertThat(js(derive.formatted("passwd", "SHA-256", 1, 512))).isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b"
        + "9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  }

  @Test
  void hkdfMatchesRfc5869() {
    assertThat(js("const k = await S.importKey('raw', new Uint8Array(22).fill(0x0b), 'HKDF', false, ['deriveBits']);"
        + " return [hex(await S.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: unhex('000102030405060708090a0b0c'),"
        + "   info: unhex('f0f1f2f3f4f5f6f7f8f9') }, k, 336)),"
        + "  hex(await S.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new Uint8Array(0) }, k, 336))]"))
        .isEqualTo(List.of("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
  }

  @Test
  void deriveKeyImportsTheDerivedBits() {
    assertThat(js("const pw = await S.importKey('raw', te.encode('password'), 'PBKDF2', false, ['deriveKey']);"
        + " const k = await S.deriveKey({ name: 'PBKDF2', hash: 'SHA-1', salt: te.encode('salt'), iterations: 2 }, pw,"
        + "   { name: 'AES-GCM', length: 128 }, true, ['encrypt']);"
        + " return [k.algorithm, hex(await S.exportKey('raw', k))]"))
        .isEqualTo(List.of(Map.of("name", "AES-GCM", "length", 128), "ea6c014dc72d6f8ccd1ed92ace1d41f0"));
  }

  @Test
  void aesGcmMatchesTheGcmSpecVectors() {
    assertThat(js("const k = await S.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']);"
        + " return hex(await S.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, k, new Uint8Array(16)))"))
        .isEqualTo("0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf");
    // test case 4: with additional data
    assertThat(js("const k = await S.importKey('raw', unhex('feffe9928665731c6d6a8f9467308308'), 'AES-GCM', false, ['encrypt', 'decrypt']);"
        + " const alg = { name: 'AES-GCM', iv: unhex('cafebabefacedbaddecaf888'), additionalData: unhex('feedfacedeadbeeffeedfacedeadbeefabaddad2') };"
        + " const pt = unhex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');"
        + " const ct = await S.encrypt(alg, k, pt);"
        + " return [hex(ct), hex(await S.decrypt(alg, k, ct)) === hex(pt)]"))
        .isEqualTo(List.of("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
            + "5bc94fbc3221a5db94fae95ae7121a47", true));
  }

  @Test
  void aesGcmRejectsTamperingAndBadParameters() {
    String setup = "const k = await S.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt', 'decrypt']);"
        + " const iv = new Uint8Array(12); const ct = new Uint8Array(await S.encrypt({ name: 'AES-GCM', iv }, k, te.encode('plain text')));";
    assertThat(js(setup + " ct[0] ^= 1; return fails(S.decrypt({ name: 'AES-GCM', iv }, k, ct))")).isEqualTo("OperationError:"
        + " Decryption failed. This could be due to a ciphertext authentication failure, bad padding, incorrect CryptoKey,"
        + " or another algorithm-specific reason. Input length was 10, output length expected to be 10 for AES-GCM");
    assertThat(js(setup + " return [await fails(S.decrypt({ name: 'AES-GCM', iv, additionalData: te.encode('x') }, k, ct)),"
        + " await fails(S.encrypt({ name: 'AES-GCM' }, k, ct)), await fails(S.encrypt({ name: 'AES-GCM', iv, tagLength: 33 }, k, ct)),"
        + " await fails(S.decrypt({ name: 'AES-GCM', iv }, k, new Uint8Array(4))),"
        + " hex(await S.encrypt({ name: 'AES-GCM', iv, tagLength: 96 }, k, new Uint8Array(0)))]"))
        .isEqualTo(List.of(
            "OperationError: Decryption failed. This could be due to a ciphertext authentication failure, bad padding,"
                + " incorrect CryptoKey, or another algorithm-specific reason. Input length was 10, output length expected"
                + " to be 10 for AES-GCM",
            "TypeError: Missing field \"iv\" in \"algorithm\".", "OperationError: Invalid AES-GCM tag length 33.",
            "OperationError: Ciphertext length of 32 bits must be greater than or equal to the size of the AES-GCM tag length of 128 bits.",
            "58e2fccefa7e3061367f1d57"));
  }

  @Test
  void aesCbcAndCtrMatchSp80038a() {
    String key = "const k = await S.importKey('raw', unhex('2b7e151628aed2a6abf7158809cf4f3c'), '%s', true, ['encrypt', 'decrypt']);";
    assertThat(js(key.formatted("AES-CBC") + " const alg = { name: 'AES-CBC', iv: unhex('000102030405060708090a0b0c0d0e0f') };"
        + " const ct = await S.encrypt(alg, k, unhex('6bc1bee22e409f96e93d7e117393172a'));"
        + " return [hex(ct).slice(0, 32), ct.byteLength, hex(await S.decrypt(alg, k, ct)),"
        + "  await fails(S.encrypt({ name: 'AES-CBC', iv: new Uint8Array(8) }, k, ct)), await fails(S.decrypt(alg, k, new Uint8Array(32)))]"))
        .isEqualTo(List.of("7649abac8119b246cee98e9b12e9197d", 32, "6bc1bee22e409f96e93d7e117393172a",
            "OperationError: AES-CBC IV must be 16 bytes long (provided 8 bytes).",
            "OperationError: Decryption failed. This could be due to a ciphertext authentication failure, bad padding,"
                + " incorrect CryptoKey, or another algorithm-specific reason. Input length was 32, output length expected"
                + " to be 16 for AES-CBC"));
    assertThat(js(key.formatted("AES-CTR") + " const alg = { name: 'AES-CTR', counter: unhex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'), length: 64 };"
        + " const pt = unhex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');"
        + " const ct = await S.encrypt(alg, k, pt); return [hex(ct), hex(await S.decrypt(alg, k, ct)) === hex(pt)]"))
        .isEqualTo(List.of("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff", true));
    // only the low `length` bits count: a one-bit counter allows two blocks
    assertThat(js(key.formatted("AES-CTR") + " return fails(S.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 1 }, k, new Uint8Array(40)))"))
        .isEqualTo("OperationError: Counter block values will repeat.");
  }

  @Test
  void aesKwMatchesRfc3394AndWrapsKeys() {
    assertThat(js("const kek = await S.importKey('raw', unhex('000102030405060708090a0b0c0d0e0f'), 'AES-KW', false, ['wrapKey', 'unwrapKey']);"
        + " const k = await S.importKey('raw', unhex('00112233445566778899aabbccddeeff'), 'AES-CBC', true, ['encrypt']);"
        + " const wrapped = await S.wrapKey('raw', k, kek, 'AES-KW');"
        + " const back = await S.unwrapKey('raw', wrapped, kek, 'AES-KW', 'AES-CBC', true, ['encrypt']);"
        + " return [hex(wrapped), back.algorithm, hex(await S.exportKey('raw', back))]"))
        .isEqualTo(List.of("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5", Map.of("name", "AES-CBC", "length", 128),
            "00112233445566778899aabbccddeeff"));
    assertThat(js("const w = await S.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['wrapKey', 'unwrapKey']);"
        + " const k = await S.importKey('raw', te.encode('hmac key'), { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']);"
        + " const iv = new Uint8Array(12); const wrapped = await S.wrapKey('jwk', k, w, { name: 'AES-GCM', iv });"
        + " const back = await S.unwrapKey('jwk', wrapped, w, { name: 'AES-GCM', iv }, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);"
        + " return [back.algorithm.hash.name, back.extractable, hex(await S.sign('HMAC', back, te.encode('m'))) === hex(await S.sign('HMAC', k, te.encode('m')))]"))
        .isEqualTo(List.of("SHA-1", false, true));
  }

  @Test
  void ed25519MatchesRfc8032() {
    assertThat(js("const jwk = { kty: 'OKP', crv: 'Ed25519', d: b64u('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),"
        + "  x: b64u('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a') };"
        + " const priv = await S.importKey('jwk', jwk, 'Ed25519', true, ['sign']);"
        + " const pub = await S.importKey('raw', unhex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'), 'Ed25519', true, ['verify']);"
        + " const sig = await S.sign('Ed25519', priv, new Uint8Array(0));"
        + " const pk8 = await S.importKey('pkcs8', await S.exportKey('pkcs8', priv), 'Ed25519', true, ['sign']);"
        + " return [hex(sig), await S.verify('Ed25519', pub, sig, new Uint8Array(0)), await S.verify('Ed25519', pub, sig, new Uint8Array(1)),"
        + "  (await S.exportKey('jwk', pk8)).x === jwk.x, priv.algorithm, (await S.exportKey('jwk', pub)).alg]"))
        .isEqualTo(List.of("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            true, false, true, Map.of("name", "Ed25519"), "EdDSA"));
  }

  @Test
  void x25519MatchesRfc7748() {
    // importing a private JWK checks that its x is the public key of d, so these imports verify key derivation too
    assertThat(js("const imp = (d, x, u) => S.importKey('jwk', { kty: 'OKP', crv: 'X25519', d: d && b64u(d), x: b64u(x) }, 'X25519', true, u);"
        + " const alice = await imp('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',"
        + "   '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', ['deriveBits']);"
        + " const bob = await imp(null, 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', []);"
        + " return hex(await S.deriveBits({ name: 'X25519', public: bob }, alice, 256))"))
        .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  }

  @Test
  void ecdsaAndEcdhRoundTrip() {
    assertThat(js("const kp = await S.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);"
        + " const sig = await S.sign({ name: 'ECDSA', hash: 'SHA-384' }, kp.privateKey, te.encode('m'));"
        + " const jwk = await S.exportKey('jwk', kp.privateKey);"
        + " const again = await S.importKey('pkcs8', await S.exportKey('pkcs8', await S.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign'])),"
        + "   { name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);"
        + " const pub = await S.importKey('raw', await S.exportKey('raw', kp.publicKey), { name: 'ECDSA', namedCurve: 'P-384' }, false, ['verify']);"
        + " return [sig.byteLength, await S.verify({ name: 'ECDSA', hash: 'SHA-384' }, pub, sig, te.encode('m')),"
        + "  await S.verify({ name: 'ECDSA', hash: 'SHA-384' }, pub, sig, te.encode('n')), (await S.exportKey('jwk', again)).y === jwk.y,"
        + "  kp.publicKey.usages, kp.privateKey.usages, kp.publicKey.algorithm, await fails(S.sign({ name: 'ECDSA' }, kp.privateKey, te.encode('m')))]"))
        .isEqualTo(List.of(96, true, false, true, List.of("verify"), List.of("sign"), Map.of("name", "ECDSA", "namedCurve", "P-384"),
            "TypeError: Missing \"hash\" in AlgorithmIdentifier. (ECDSA requires that the hash algorithm be specified at call"
                + " time rather than on the key. This differs from other WebCrypto algorithms for historical reasons.)"));
    assertThat(js("const a = await S.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits', 'deriveKey']);"
        + " const b = await S.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);"
        + " const ab = await S.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 256);"
        + " const ba = await S.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, null);"
        + " const k = await S.deriveKey({ name: 'ECDH', public: b.publicKey }, a.privateKey, { name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign']);"
        + " return [hex(ab) === hex(ba), hex(await S.exportKey('raw', k)) === hex(ab), a.publicKey.usages,"
        + "  await fails(S.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 512))]"))
        .isEqualTo(List.of(true, true, List.of(), "OperationError: Derived key length (512 bits) is too long (should be at most 256 bits)."));
  }

  @Test
  void p521AndKeyMetadataBehaveLikeWorkerd() {
    // byte lengths as workerd (BoringSSL) encodes them: the pkcs8 form carries the public point
    assertThat(js("const kp = await S.generateKey({ name: 'ecdsa', namedCurve: 'p-521' }, true, ['sign', 'verify']);"
        + " const k2 = await S.importKey('pkcs8', await S.exportKey('pkcs8', kp.privateKey), { name: 'ECDSA', namedCurve: 'P-521' }, true, ['sign']);"
        + " const s = await S.sign({ name: 'ECDSA', hash: 'SHA-512' }, k2, te.encode('m'));"
        + " return [kp.publicKey.algorithm, (await S.exportKey('jwk', k2)).y === (await S.exportKey('jwk', kp.publicKey)).y, s.byteLength,"
        + "  await S.verify({ name: 'ECDSA', hash: 'SHA-512' }, kp.publicKey, s, te.encode('m')),"
        + "  (await S.exportKey('pkcs8', kp.privateKey)).byteLength, (await S.exportKey('spki', kp.publicKey)).byteLength,"
        + "  kp.publicKey.algorithm === kp.publicKey.algorithm, kp.publicKey.extractable]"))
        .isEqualTo(List.of(Map.of("name", "ECDSA", "namedCurve", "P-521"), true, 132, true, 241, 158, false, true));
    assertThat(js("const k = await S.importKey('raw', new Uint8Array(4).fill(255), { name: 'HMAC', hash: 'SHA-1', length: 30 }, true, ['sign']);"
        + " const g = await S.generateKey({ name: 'aes-gcm', length: 128 }, true, ['encrypt', 'encrypt']);"
        + " return [k.algorithm.length, hex(await S.exportKey('raw', k)), g.algorithm.name, g.usages, (await S.exportKey('jwk', g)).alg]"))
        .isEqualTo(List.of(30, "fffffffc", "AES-GCM", List.of("encrypt"), "A128GCM"));
  }

  @Test
  void rsaSignaturesAndOaepRoundTrip() {
    assertThat(js("const out = [];"
        + " for (const [alg, params] of [['RSASSA-PKCS1-v1_5', 'RSASSA-PKCS1-v1_5'], ['RSA-PSS', { name: 'RSA-PSS', saltLength: 32 }]]) {"
        + "  const kp = await S.generateKey({ name: alg, modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);"
        + "  const sig = await S.sign(params, kp.privateKey, te.encode('m'));"
        + "  const pub = await S.importKey('spki', await S.exportKey('spki', kp.publicKey), { name: alg, hash: 'SHA-256' }, false, ['verify']);"
        + "  const jwk = await S.exportKey('jwk', kp.privateKey);"
        + "  const priv = await S.importKey('jwk', jwk, { name: alg, hash: 'SHA-256' }, false, ['sign']);"
        + "  out.push(sig.byteLength, await S.verify(params, pub, sig, te.encode('m')), await S.verify(params, pub, await S.sign(params, priv, te.encode('x')), te.encode('x')),"
        + "   await S.verify(params, pub, sig, te.encode('n')), jwk.alg, kp.publicKey.algorithm.modulusLength, hex(kp.publicKey.algorithm.publicExponent)); }"
        + " return out"))
        .isEqualTo(List.of(128, true, true, false, "RS256", 1024, "010001", 128, true, true, false, "PS256", 1024, "010001"));
    assertThat(js("const kp = await S.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['encrypt', 'decrypt']);"
        + " const ct = await S.encrypt({ name: 'RSA-OAEP', label: te.encode('L') }, kp.publicKey, te.encode('secret'));"
        + " return [new TextDecoder().decode(await S.decrypt({ name: 'RSA-OAEP', label: te.encode('L') }, kp.privateKey, ct)),"
        + "  await fails(S.decrypt({ name: 'RSA-OAEP' }, kp.privateKey, ct)), (await S.exportKey('jwk', kp.publicKey)).alg,"
        + "  await fails(S.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([5]), hash: 'SHA-1' }, true, ['encrypt']))]"))
        .isEqualTo(List.of("secret", "OperationError: RSA-OAEP failed encrypt/decrypt.", "RSA-OAEP",
            "OperationError: The \"publicExponent\" must be either 3 or 65537, but got 5."));
  }

  @Test
  void workerdErrorNamesAndMessages() {
    assertThat(js("const ak = await S.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']);"
        + " const hk = await S.importKey('raw', te.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);"
        + " return [await fails(S.sign('HMAC', ak, te.encode('x'))), await fails(S.verify('HMAC', hk, new Uint8Array(32), te.encode('x'))),"
        + "  await fails(S.exportKey('raw', ak)), await fails(S.importKey('raw', te.encode('k'), { name: 'FOO' }, true, ['sign'])),"
        + "  await fails(S.generateKey({ name: 'PBKDF2' }, true, ['deriveBits'])),"
        + "  await fails(S.importKey('raw', te.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, true, ['encrypt'])),"
        + "  await fails(S.importKey('raw', te.encode('k'), { name: 'HMAC', hash: 'SHA-256' }, true, [])),"
        + "  await fails(S.importKey('raw', new Uint8Array(5), 'AES-GCM', true, ['encrypt'])),"
        + "  await fails(S.importKey('raw', te.encode('p'), 'PBKDF2', true, ['deriveBits'])),"
        + "  await fails(S.digest('SHA-999', new Uint8Array(1))), await fails(S.exportKey('spki', hk))]"))
        .isEqualTo(List.of(
            "InvalidAccessError: Requested algorithm \"HMAC\" does not match this CryptoKey's algorithm \"AES-GCM\".",
            "InvalidAccessError: Requested key usage \"verify\" does not match any usage listed in this CryptoKey.",
            "InvalidAccessError: Attempt to export non-extractable AES-GCM key.",
            "NotSupportedError: Unrecognized key import algorithm \"FOO\" requested.",
            "NotSupportedError: Unrecognized key generation algorithm \"PBKDF2\" requested.",
            "SyntaxError: Attempt to import secret HMAC key with invalid usage \"encrypt\".",
            "SyntaxError: Secret/private CryptoKeys must have at least one usage.",
            "DataError: Imported AES key length must be 128, 192, or 256 bits but provided 40.",
            "SyntaxError: PBKDF2 key cannot be extractable.",
            "NotSupportedError: Unrecognized or unimplemented digest algorithm requested.",
            "NotSupportedError: Unimplemented key export format \"spki\"."));
    assertThat(js("return [await fails(Promise.resolve().then(() => new CryptoKey())),"
        + " await fails(Promise.resolve().then(() => S.timingSafeEqual(new Uint8Array(1), new Uint8Array(2)))),"
        + " S.timingSafeEqual(te.encode('ab'), te.encode('ab')), S.timingSafeEqual(te.encode('ab'), te.encode('ac'))]"))
        .isEqualTo(List.of("TypeError: Illegal constructor", "TypeError: Input buffers must have the same byte length.", true, false));
  }

  @Test
  void digestAndDigestStream() {
    assertThat(js("const d = new crypto.DigestStream('SHA-256'); const w = d.getWriter();"
        + " await w.write(te.encode('hel')); await w.write('lo'); await w.close();"
        + " return [hex(await d.digest), hex(await S.digest({ name: 'sha-256' }, te.encode('hello'))),"
        + "  hex(await S.digest('MD5', new Uint8Array(0))), typeof SubtleCrypto, crypto.subtle instanceof SubtleCrypto]"))
        .isEqualTo(List.of("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "d41d8cd98f00b204e9800998ecf8427e",
            "function", true));
  }
}
