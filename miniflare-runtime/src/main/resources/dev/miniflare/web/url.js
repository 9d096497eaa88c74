(function (host, global) {
  'use strict';

  // WHATWG URL Standard (https://url.spec.whatwg.org/) : URL and URLSearchParams.
  // The basic URL parser is a single-pass state machine over UTF-16 code units; only ASCII code units
  // drive state transitions, so code points outside ASCII are only relevant when percent-encoding.
  // IDNA (UTS #46 ToASCII) is delegated to host.domainToASCII for non-ASCII hosts only.

  const EOF = -1;

  // ---- percent-encode sets (bit masks over ASCII; non-ASCII is always encoded) ----
  const C0 = 1, FRAGMENT = 2, QUERY = 4, SPECIAL_QUERY = 8, PATH = 16, USERINFO = 32, COMPONENT = 64, FORM = 128;
  const SETS = new Uint8Array(128);
  (function () {
    const add = (mask, chars) => { for (let i = 0; i < chars.length; i++) SETS[chars.charCodeAt(i)] |= mask; };
    for (let c = 0; c < 0x20; c++) SETS[c] = 0xFF;
    SETS[0x7F] = 0xFF;
    const fragment = ' "<>`';
    const query = ' "#<>';
    const path = query + '?^`{}';
    const userinfo = path + '/:;=@[\\]|';
    const component = userinfo + '$%&+,';
    const form = component + '!\'()~';
    add(FRAGMENT, fragment);
    add(QUERY, query);
    add(SPECIAL_QUERY, query + '\'');
    add(PATH, path);
    add(USERINFO, userinfo);
    add(COMPONENT, component);
    add(FORM, form);
  })();

  // A literal table: computing it with a loop costs milliseconds per isolate in the interpreter.
  const HEX = ['%00', '%01', '%02', '%03', '%04', '%05', '%06', '%07', '%08', '%09', '%0A', '%0B', '%0C', '%0D', '%0E', '%0F', '%10', '%11', '%12', '%13', '%14', '%15', '%16', '%17', '%18', '%19', '%1A', '%1B', '%1C', '%1D', '%1E', '%1F', '%20', '%21', '%22', '%23', '%24', '%25', '%26', '%27', '%28', '%29', '%2A', '%2B', '%2C', '%2D', '%2E', '%2F', '%30', '%31', '%32', '%33', '%34', '%35', '%36', '%37', '%38', '%39', '%3A', '%3B', '%3C', '%3D', '%3E', '%3F', '%40', '%41', '%42', '%43', '%44', '%45', '%46', '%47', '%48', '%49', '%4A', '%4B', '%4C', '%4D', '%4E', '%4F', '%50', '%51', '%52', '%53', '%54', '%55', '%56', '%57', '%58', '%59', '%5A', '%5B', '%5C', '%5D', '%5E', '%5F', '%60', '%61', '%62', '%63', '%64', '%65', '%66', '%67', '%68', '%69', '%6A', '%6B', '%6C', '%6D', '%6E', '%6F', '%70', '%71', '%72', '%73', '%74', '%75', '%76', '%77', '%78', '%79', '%7A', '%7B', '%7C', '%7D', '%7E', '%7F', '%80', '%81', '%82', '%83', '%84', '%85', '%86', '%87', '%88', '%89', '%8A', '%8B', '%8C', '%8D', '%8E', '%8F', '%90', '%91', '%92', '%93', '%94', '%95', '%96', '%97', '%98', '%99', '%9A', '%9B', '%9C', '%9D', '%9E', '%9F', '%A0', '%A1', '%A2', '%A3', '%A4', '%A5', '%A6', '%A7', '%A8', '%A9', '%AA', '%AB', '%AC', '%AD', '%AE', '%AF', '%B0', '%B1', '%B2', '%B3', '%B4', '%B5', '%B6', '%B7', '%B8', '%B9', '%BA', '%BB', '%BC', '%BD', '%BE', '%BF', '%C0', '%C1', '%C2', '%C3', '%C4', '%C5', '%C6', '%C7', '%C8', '%C9', '%CA', '%CB', '%CC', '%CD', '%CE', '%CF', '%D0', '%D1', '%D2', '%D3', '%D4', '%D5', '%D6', '%D7', '%D8', '%D9', '%DA', '%DB', '%DC', '%DD', '%DE', '%DF', '%E0', '%E1', '%E2', '%E3', '%E4', '%E5', '%E6', '%E7', '%E8', '%E9', '%EA', '%EB', '%EC', '%ED', '%EE', '%EF', '%F0', '%F1', '%F2', '%F3', '%F4', '%F5', '%F6', '%F7', '%F8', '%F9', '%FA', '%FB', '%FC', '%FD', '%FE', '%FF'];

  // Percent-encodes every code point of s that is in the set `mask` (UTF-8; lone surrogates become U+FFFD).
  function encode(s, mask) {
    const n = s.length;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80 || (SETS[c] & mask) !== 0) break;
    }
    if (i === n) return s;
    let out = s.slice(0, i);
    for (; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        out += (SETS[c] & mask) !== 0 ? HEX[c] : s[i];
      } else if (c < 0x800) {
        out += HEX[0xC0 | (c >> 6)] + HEX[0x80 | (c & 63)];
      } else {
        if (c >= 0xD800 && c <= 0xDFFF) {
          if (c <= 0xDBFF && i + 1 < n) {
            const d = s.charCodeAt(i + 1);
            if (d >= 0xDC00 && d <= 0xDFFF) {
              const cp = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
              i++;
              out += HEX[0xF0 | (cp >> 18)] + HEX[0x80 | ((cp >> 12) & 63)] + HEX[0x80 | ((cp >> 6) & 63)] + HEX[0x80 | (cp & 63)];
              continue;
            }
          }
          c = 0xFFFD;
        }
        out += HEX[0xE0 | (c >> 12)] + HEX[0x80 | ((c >> 6) & 63)] + HEX[0x80 | (c & 63)];
      }
    }
    return out;
  }

  function hexVal(c) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    return -1;
  }

  // Pushes the UTF-8 bytes of s (well-formed or not) to bytes, decoding %XX sequences to single bytes;
  // '+' becomes 0x20 when plus is true.
  function percentDecodeBytes(s, plus) {
    const bytes = [];
    const n = s.length;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c === 0x25 && i + 2 < n) {
        const h = hexVal(s.charCodeAt(i + 1)), l = hexVal(s.charCodeAt(i + 2));
        if (h >= 0 && l >= 0) { bytes.push((h << 4) | l); i += 2; continue; }
        bytes.push(c);
      } else if (c < 0x80) {
        bytes.push(plus && c === 0x2B ? 0x20 : c);
      } else if (c < 0x800) {
        bytes.push(0xC0 | (c >> 6), 0x80 | (c & 63));
      } else {
        if (c >= 0xD800 && c <= 0xDFFF) {
          if (c <= 0xDBFF && i + 1 < n) {
            const d = s.charCodeAt(i + 1);
            if (d >= 0xDC00 && d <= 0xDFFF) {
              const cp = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
              i++;
              bytes.push(0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
              continue;
            }
          }
          c = 0xFFFD;
        }
        bytes.push(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
    }
    return bytes;
  }

  // UTF-8 decode without BOM, with replacement (WHATWG Encoding "UTF-8 decode without BOM").
  function utf8Decode(bytes) {
    let out = '';
    let needed = 0, seen = 0, cp = 0, lower = 0x80, upper = 0xBF;
    const n = bytes.length;
    for (let i = 0; i < n;) {
      const b = bytes[i];
      if (needed === 0) {
        i++;
        if (b <= 0x7F) { out += String.fromCharCode(b); continue; }
        if (b >= 0xC2 && b <= 0xDF) { needed = 1; cp = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) {
          if (b === 0xE0) lower = 0xA0;
          if (b === 0xED) upper = 0x9F;
          needed = 2; cp = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b === 0xF0) lower = 0x90;
          if (b === 0xF4) upper = 0x8F;
          needed = 3; cp = b & 7;
        } else out += '\uFFFD';
        continue;
      }
      if (b < lower || b > upper) {
        cp = needed = seen = 0; lower = 0x80; upper = 0xBF;
        out += '\uFFFD';
        continue; // reprocess b
      }
      lower = 0x80; upper = 0xBF;
      cp = (cp << 6) | (b & 0x3F);
      seen++; i++;
      if (seen === needed) {
        out += String.fromCodePoint(cp);
        cp = needed = seen = 0;
      }
    }
    if (needed !== 0) out += '\uFFFD';
    return out;
  }

  function percentDecodeString(s) {
    if (s.indexOf('%') < 0) return s;
    return utf8Decode(percentDecodeBytes(s, false));
  }

  // ---- USVString conversion ----
  const hasToWellFormed = typeof String.prototype.toWellFormed === 'function';
  function toUSV(v) {
    const s = typeof v === 'string' ? v : String(v);
    if (hasToWellFormed) return s.toWellFormed();
    let out = null;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDFFF) {
        if (c <= 0xDBFF && i + 1 < s.length) {
          const d = s.charCodeAt(i + 1);
          if (d >= 0xDC00 && d <= 0xDFFF) { if (out !== null) out += s[i] + s[i + 1]; i++; continue; }
        }
        if (out === null) out = s.slice(0, i);
        out += '\uFFFD';
      } else if (out !== null) out += s[i];
    }
    return out === null ? s : out;
  }

  // ---- schemes ----
  // -1: not special; otherwise the default port (0 for file, which has none).
  function specialPort(scheme) {
    switch (scheme) {
      case 'http': return 80;
      case 'https': return 443;
      case 'ws': return 80;
      case 'wss': return 443;
      case 'ftp': return 21;
      case 'file': return 0;
      default: return -1;
    }
  }

  // ---- URL record ----
  function UrlRecord() {
    this.scheme = '';
    this.username = '';
    this.password = '';
    this.host = null; // serialized host string, '' for the empty host, or null
    this.port = null; // number or null
    this.path = [];   // array of segments, or a string for an opaque path
    this.query = null;
    this.fragment = null;
    this.special = false;
  }

  function cloneRecord(r) {
    const u = new UrlRecord();
    u.scheme = r.scheme;
    u.username = r.username;
    u.password = r.password;
    u.host = r.host;
    u.port = r.port;
    u.path = typeof r.path === 'string' ? r.path : r.path.slice();
    u.query = r.query;
    u.fragment = r.fragment;
    u.special = r.special;
    return u;
  }

  function isAlpha(c) { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A); }
  function isDigit(c) { return c >= 0x30 && c <= 0x39; }

  function isWindowsDriveLetter(s, normalizedOnly) {
    if (s.length !== 2 || !isAlpha(s.charCodeAt(0))) return false;
    const c = s.charCodeAt(1);
    return c === 0x3A || (!normalizedOnly && c === 0x7C);
  }

  function startsWithWindowsDriveLetter(s, p) {
    if (s.length - p < 2) return false;
    if (!isAlpha(s.charCodeAt(p))) return false;
    const c1 = s.charCodeAt(p + 1);
    if (c1 !== 0x3A && c1 !== 0x7C) return false;
    if (s.length - p === 2) return true;
    const c2 = s.charCodeAt(p + 2);
    return c2 === 0x2F || c2 === 0x5C || c2 === 0x3F || c2 === 0x23;
  }

  function shortenPath(url) {
    const path = url.path;
    if (url.scheme === 'file' && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
    path.pop();
  }

  function isSingleDot(s) {
    return s === '.' || (s.length === 3 && s.toLowerCase() === '%2e');
  }

  function isDoubleDot(s) {
    switch (s.length) {
      case 2: return s === '..';
      case 4: { const l = s.toLowerCase(); return l === '.%2e' || l === '%2e.'; }
      case 6: return s.toLowerCase() === '%2e%2e';
      default: return false;
    }
  }

  // ---- hosts ----
  function isForbiddenHost(c) {
    switch (c) {
      case 0x00: case 0x09: case 0x0A: case 0x0D: case 0x20: case 0x23: case 0x2F: case 0x3A: case 0x3C:
      case 0x3E: case 0x3F: case 0x40: case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x7C:
        return true;
      default:
        return false;
    }
  }

  function isForbiddenDomain(c) {
    return c <= 0x20 || c === 0x25 || c === 0x7F || isForbiddenHost(c);
  }

  function parseIPv4Number(s) {
    if (s === '') return NaN;
    let radix = 10, i = 0;
    if (s.length >= 2 && s.charCodeAt(0) === 0x30 && (s.charCodeAt(1) === 0x78 || s.charCodeAt(1) === 0x58)) {
      radix = 16; i = 2;
    } else if (s.length >= 2 && s.charCodeAt(0) === 0x30) {
      radix = 8; i = 1;
    }
    if (i === s.length) return 0;
    let v = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      let d;
      if (radix === 16) { d = hexVal(c); if (d < 0) return NaN; }
      else { d = c - 0x30; if (d < 0 || d >= radix) return NaN; }
      v = v * radix + d;
    }
    return v;
  }

  function endsInANumber(s) {
    let end = s.length;
    if (end === 0) return false;
    if (s.charCodeAt(end - 1) === 0x2E) {
      end--;
      if (end === 0) return false;
    }
    const start = s.lastIndexOf('.', end - 1) + 1;
    if (start === end) return false;
    let allDigits = true;
    for (let i = start; i < end; i++) {
      if (!isDigit(s.charCodeAt(i))) { allDigits = false; break; }
    }
    if (allDigits) return true;
    return !Number.isNaN(parseIPv4Number(s.slice(start, end)));
  }

  // Returns the serialized IPv4 address or null on failure.
  function parseIPv4(s) {
    const parts = s.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const nums = [];
    for (let i = 0; i < parts.length; i++) {
      const n = parseIPv4Number(parts[i]);
      if (Number.isNaN(n)) return null;
      nums.push(n);
    }
    for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    const last = nums[nums.length - 1];
    if (last >= Math.pow(256, 5 - nums.length)) return null;
    let ipv4 = last;
    for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * Math.pow(256, 3 - i);
    return ((ipv4 / 16777216) >>> 0) + '.' + ((ipv4 >>> 16) & 255) + '.' + ((ipv4 >>> 8) & 255) + '.' + (ipv4 & 255);
  }

  // Returns the serialized IPv6 address (without brackets) or null on failure.
  function parseIPv6(s) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    const n = s.length;
    let pieceIndex = 0, compress = -1, p = 0;
    let c = n > 0 ? s.charCodeAt(0) : EOF;
    if (c === 0x3A) {
      if (p + 1 >= n || s.charCodeAt(p + 1) !== 0x3A) return null;
      p += 2;
      pieceIndex++;
      compress = pieceIndex;
    }
    while (p < n) {
      c = s.charCodeAt(p);
      if (pieceIndex === 8) return null;
      if (c === 0x3A) {
        if (compress !== -1) return null;
        p++;
        pieceIndex++;
        compress = pieceIndex;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && p < n) {
        const h = hexVal(s.charCodeAt(p));
        if (h < 0) break;
        value = value * 16 + h;
        p++; length++;
      }
      c = p < n ? s.charCodeAt(p) : EOF;
      if (c === 0x2E) {
        if (length === 0) return null;
        p -= length;
        if (pieceIndex > 6) return null;
        let numbersSeen = 0;
        while (p < n) {
          c = s.charCodeAt(p);
          let ipv4Piece = -1;
          if (numbersSeen > 0) {
            if (c === 0x2E && numbersSeen < 4) { p++; c = p < n ? s.charCodeAt(p) : EOF; }
            else return null;
          }
          if (!isDigit(c)) return null;
          while (isDigit(c)) {
            const number = c - 0x30;
            if (ipv4Piece === -1) ipv4Piece = number;
            else if (ipv4Piece === 0) return null;
            else ipv4Piece = ipv4Piece * 10 + number;
            if (ipv4Piece > 255) return null;
            p++;
            c = p < n ? s.charCodeAt(p) : EOF;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (c === 0x3A) {
        p++;
        if (p >= n) return null;
      } else if (c !== EOF) {
        return null;
      }
      address[pieceIndex] = value;
      pieceIndex++;
    }
    if (compress !== -1) {
      let swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        const t = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = t;
        pieceIndex--; swaps--;
      }
    } else if (pieceIndex !== 8) {
      return null;
    }
    // serialize
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8;) {
      if (address[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && address[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (i === best) {
        out += i === 0 ? '::' : ':';
        i += bestLen - 1;
        continue;
      }
      out += address[i].toString(16);
      if (i !== 7) out += ':';
    }
    return out;
  }

  function domainToASCII(domain) {
    const n = domain.length;
    let ascii = true, needsLower = false;
    for (let i = 0; i < n; i++) {
      const c = domain.charCodeAt(i);
      if (c >= 0x80) { ascii = false; break; }
      if (c >= 0x41 && c <= 0x5A) needsLower = true;
    }
    let result;
    // An ASCII domain is only lowercased (the URL Standard's fast path; "xn--" labels are not validated).
    if (ascii) result = needsLower ? domain.toLowerCase() : domain;
    if (!ascii) {
      if (host == null) return null;
      result = host.domainToASCII(domain);
      if (result == null) return null;
      result = String(result);
    }
    if (result === '') return null;
    for (let i = 0; i < result.length; i++) {
      if (isForbiddenDomain(result.charCodeAt(i))) return null;
    }
    return result;
  }

  // Host parser: returns the serialized host or null on failure.
  function parseHost(input, isOpaque) {
    const n = input.length;
    if (n > 0 && input.charCodeAt(0) === 0x5B) {
      if (input.charCodeAt(n - 1) !== 0x5D) return null;
      const v6 = parseIPv6(input.slice(1, n - 1));
      return v6 === null ? null : '[' + v6 + ']';
    }
    if (isOpaque) {
      for (let i = 0; i < n; i++) {
        if (isForbiddenHost(input.charCodeAt(i))) return null;
      }
      return encode(input, C0);
    }
    const ascii = domainToASCII(percentDecodeString(input));
    if (ascii === null) return null;
    if (endsInANumber(ascii)) return parseIPv4(ascii);
    return ascii;
  }

  // ---- basic URL parser ----
  const S_SCHEME_START = 1, S_SCHEME = 2, S_NO_SCHEME = 3, S_SPECIAL_RELATIVE_OR_AUTHORITY = 4,
    S_PATH_OR_AUTHORITY = 5, S_RELATIVE = 6, S_RELATIVE_SLASH = 7, S_SPECIAL_AUTHORITY_SLASHES = 8,
    S_SPECIAL_AUTHORITY_IGNORE_SLASHES = 9, S_AUTHORITY = 10, S_HOST = 11, S_HOSTNAME = 12, S_PORT = 13,
    S_FILE = 14, S_FILE_SLASH = 15, S_FILE_HOST = 16, S_PATH_START = 17, S_PATH = 18, S_OPAQUE_PATH = 19,
    S_QUERY = 20, S_FRAGMENT = 21;

  function isC0OrSpace(c) { return c <= 0x20; }

  function preprocess(input, trim) {
    let start = 0, end = input.length;
    if (trim) {
      while (start < end && isC0OrSpace(input.charCodeAt(start))) start++;
      while (end > start && isC0OrSpace(input.charCodeAt(end - 1))) end--;
    }
    if (input.indexOf('\t') < 0 && input.indexOf('\n') < 0 && input.indexOf('\r') < 0) return start === 0 && end === input.length ? input : input.slice(start, end);
    let out = '';
    for (let i = start; i < end; i++) {
      const c = input.charCodeAt(i);
      if (c !== 0x09 && c !== 0x0A && c !== 0x0D) out += input[i];
    }
    return out;
  }

  const FAILURE = null;

  // Fast path for the most common shape, "http(s)/ws(s)/ftp://host[:port][/path][?query][#fragment]" where
  // nothing needs percent-encoding, the host is a lowercase-able ASCII name, and the path has no dot segments.
  // One regex match (a builtin) is far cheaper than the per-code-unit state machine in the GraalJS interpreter;
  // anything outside this shape returns undefined and goes through the full parser.
  const FAST_RE = /^(https?|wss?|ftp):\/\/([A-Za-z0-9._-]+)(?::([0-9]{1,5}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@\/%\[\]|]*)?(\?[^\x00-\x20"#<>'\x7F-\uFFFF]*)?(#[^\x00-\x20"<>`\x7F-\uFFFF]*)?$/;

  function fastParse(input) {
    const m = FAST_RE.exec(input);
    if (m === null) return undefined;
    let hostname = m[2];
    // ends-in-a-number check: the last label starting with a digit may be an IPv4 address
    let end = hostname.length;
    if (hostname.charCodeAt(end - 1) === 0x2E) end--;
    const lastLabel = hostname.lastIndexOf('.', end - 1) + 1;
    if (lastLabel >= end || isDigit(hostname.charCodeAt(lastLabel))) return undefined;
    const path = m[4];
    // dot segments ("." / ".." and their "%2e" spellings) need the full parser
    if (path !== undefined && (path.indexOf('/.') >= 0 || (path.indexOf('%') >= 0 && /\/%2e/i.test(path)))) {
      return undefined;
    }
    const url = new UrlRecord();
    const scheme = m[1];
    url.scheme = scheme;
    url.special = true;
    url.host = hostname.toLowerCase();
    if (m[3] !== undefined) {
      const port = +m[3];
      if (port > 65535) return undefined;
      url.port = port === specialPort(scheme) ? null : port;
    }
    url.path = path === undefined ? [''] : path.slice(1).split('/');
    if (m[5] !== undefined) url.query = m[5].slice(1);
    if (m[6] !== undefined) url.fragment = m[6].slice(1);
    return url;
  }

  // Returns the URL record, or null on failure. With a state override, url is modified in place and the
  // return value only signals failure (null) or not (url).
  function basicParse(rawInput, base, url, stateOverride) {
    if (url === undefined) {
      const fast = fastParse(rawInput);
      if (fast !== undefined) return fast;
    }
    const input = preprocess(rawInput, url === undefined);
    if (url === undefined) url = new UrlRecord();
    const n = input.length;
    let state = stateOverride || S_SCHEME_START;
    let bufStart = stateOverride ? 0 : -1; // buffer = input.slice(bufStart, p); -1 when empty
    let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    let p = 0;
    for (; ; p++) {
      const c = p < n ? input.charCodeAt(p) : EOF;
      switch (state) {
        case S_SCHEME_START:
          if (isAlpha(c)) {
            bufStart = p;
            state = S_SCHEME;
          } else if (!stateOverride) {
            state = S_NO_SCHEME;
            p--;
          } else {
            return FAILURE;
          }
          break;

        case S_SCHEME:
          if (isAlpha(c) || isDigit(c) || c === 0x2B || c === 0x2D || c === 0x2E) {
            // buffer grows
          } else if (c === 0x3A) {
            const buffer = input.slice(bufStart, p).toLowerCase();
            const port = specialPort(buffer);
            if (stateOverride) {
              if (url.special !== (port >= 0)) return url;
              if ((url.username !== '' || url.password !== '' || url.port !== null) && buffer === 'file') return url;
              if (url.scheme === 'file' && url.host === '') return url;
            }
            url.scheme = buffer;
            url.special = port >= 0;
            if (stateOverride) {
              if (url.port === port) url.port = null;
              return url;
            }
            bufStart = -1;
            if (buffer === 'file') {
              state = S_FILE;
            } else if (url.special && base != null && base.scheme === buffer) {
              state = S_SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (url.special) {
              state = S_SPECIAL_AUTHORITY_SLASHES;
            } else if (p + 1 < n && input.charCodeAt(p + 1) === 0x2F) {
              state = S_PATH_OR_AUTHORITY;
              p++;
            } else {
              url.path = '';
              state = S_OPAQUE_PATH;
            }
          } else if (!stateOverride) {
            bufStart = -1;
            state = S_NO_SCHEME;
            p = -1;
          } else {
            return FAILURE;
          }
          break;

        case S_NO_SCHEME:
          if (base == null || (typeof base.path === 'string' && c !== 0x23)) {
            return FAILURE;
          } else if (typeof base.path === 'string' && c === 0x23) {
            url.scheme = base.scheme;
            url.special = base.special;
            url.path = base.path;
            url.query = base.query;
            url.fragment = '';
            state = S_FRAGMENT;
            bufStart = p + 1;
          } else if (base.scheme !== 'file') {
            state = S_RELATIVE;
            p--;
          } else {
            state = S_FILE;
            p--;
          }
          break;

        case S_SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 0x2F && p + 1 < n && input.charCodeAt(p + 1) === 0x2F) {
            state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
            p++;
          } else {
            state = S_RELATIVE;
            p--;
          }
          break;

        case S_PATH_OR_AUTHORITY:
          if (c === 0x2F) {
            state = S_AUTHORITY;
            bufStart = p + 1;
          } else {
            state = S_PATH;
            p--;
          }
          break;

        case S_RELATIVE:
          url.scheme = base.scheme;
          url.special = base.special;
          if (c === 0x2F || (url.special && c === 0x5C)) {
            state = S_RELATIVE_SLASH;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === 0x3F) {
              url.query = '';
              state = S_QUERY;
              bufStart = p + 1;
            } else if (c === 0x23) {
              url.fragment = '';
              state = S_FRAGMENT;
              bufStart = p + 1;
            } else if (c !== EOF) {
              url.query = null;
              shortenPath(url);
              state = S_PATH;
              p--;
            }
          }
          break;

        case S_RELATIVE_SLASH:
          if (url.special && (c === 0x2F || c === 0x5C)) {
            state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
          } else if (c === 0x2F) {
            state = S_AUTHORITY;
            bufStart = p + 1;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            state = S_PATH;
            p--;
          }
          break;

        case S_SPECIAL_AUTHORITY_SLASHES:
          if (c === 0x2F && p + 1 < n && input.charCodeAt(p + 1) === 0x2F) {
            state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
            p++;
          } else {
            state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
            p--;
          }
          break;

        case S_SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 0x2F && c !== 0x5C) {
            state = S_AUTHORITY;
            bufStart = p;
            p--;
          }
          break;

        case S_AUTHORITY:
          if (c === 0x40) {
            if (atSignSeen) {
              if (passwordTokenSeen) url.password += '%40'; else url.username += '%40';
            }
            atSignSeen = true;
            const buffer = input.slice(bufStart, p);
            if (!passwordTokenSeen) {
              const colon = buffer.indexOf(':');
              if (colon < 0) {
                url.username += encode(buffer, USERINFO);
              } else {
                passwordTokenSeen = true;
                url.username += encode(buffer.slice(0, colon), USERINFO);
                url.password += encode(buffer.slice(colon + 1), USERINFO);
              }
            } else {
              url.password += encode(buffer, USERINFO);
            }
            bufStart = p + 1;
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (url.special && c === 0x5C)) {
            if (atSignSeen && bufStart === p) return FAILURE;
            p = bufStart - 1;
            state = S_HOST;
          }
          break;

        case S_HOST:
        case S_HOSTNAME:
          if (stateOverride && url.scheme === 'file') {
            p--;
            state = S_FILE_HOST;
            bufStart = p + 1;
          } else if (c === 0x3A && !insideBrackets) {
            if (bufStart === p) return FAILURE;
            if (stateOverride === S_HOSTNAME) return FAILURE;
            const h = parseHost(input.slice(bufStart, p), !url.special);
            if (h === null) return FAILURE;
            url.host = h;
            bufStart = p + 1;
            state = S_PORT;
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (url.special && c === 0x5C)) {
            if (url.special && bufStart === p) return FAILURE;
            if (stateOverride && bufStart === p && (url.username !== '' || url.password !== '' || url.port !== null)) {
              return FAILURE;
            }
            const h = parseHost(input.slice(bufStart, p), !url.special);
            if (h === null) return FAILURE;
            url.host = h;
            state = S_PATH_START;
            if (stateOverride) return url;
            p--;
          } else {
            if (c === 0x5B) insideBrackets = true;
            if (c === 0x5D) insideBrackets = false;
          }
          break;

        case S_PORT:
          if (isDigit(c)) {
            // buffer grows
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (url.special && c === 0x5C) || stateOverride) {
            if (bufStart !== p) {
              let port = 0;
              for (let i = bufStart; i < p; i++) {
                port = port * 10 + (input.charCodeAt(i) - 0x30);
                if (port > 65535) return FAILURE;
              }
              url.port = specialPort(url.scheme) === port ? null : port;
              if (stateOverride) return url;
            }
            if (stateOverride) return FAILURE;
            state = S_PATH_START;
            p--;
          } else {
            return FAILURE;
          }
          break;

        case S_FILE:
          url.scheme = 'file';
          url.special = true;
          url.host = '';
          if (c === 0x2F || c === 0x5C) {
            state = S_FILE_SLASH;
          } else if (base != null && base.scheme === 'file') {
            url.host = base.host;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === 0x3F) {
              url.query = '';
              state = S_QUERY;
              bufStart = p + 1;
            } else if (c === 0x23) {
              url.fragment = '';
              state = S_FRAGMENT;
              bufStart = p + 1;
            } else if (c !== EOF) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(input, p)) shortenPath(url);
              else url.path = [];
              state = S_PATH;
              p--;
            }
          } else {
            state = S_PATH;
            p--;
          }
          break;

        case S_FILE_SLASH:
          if (c === 0x2F || c === 0x5C) {
            state = S_FILE_HOST;
            bufStart = p + 1;
          } else {
            if (base != null && base.scheme === 'file') {
              url.host = base.host;
              if (!startsWithWindowsDriveLetter(input, p) && base.path.length > 0 &&
                  isWindowsDriveLetter(base.path[0], true)) {
                url.path.push(base.path[0]);
              }
            }
            state = S_PATH;
            p--;
          }
          break;

        case S_FILE_HOST:
          if (c === EOF || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
            p--;
            const buffer = input.slice(bufStart, p + 1);
            if (!stateOverride && isWindowsDriveLetter(buffer, false)) {
              // the buffer is kept and becomes the start of the first path segment
              state = S_PATH;
            } else if (buffer === '') {
              url.host = '';
              if (stateOverride) return url;
              state = S_PATH_START;
            } else {
              let h = parseHost(buffer, !url.special);
              if (h === null) return FAILURE;
              if (h === 'localhost') h = '';
              url.host = h;
              if (stateOverride) return url;
              state = S_PATH_START;
            }
          }
          break;

        case S_PATH_START:
          if (url.special) {
            state = S_PATH;
            bufStart = -1;
            if (c !== 0x2F && c !== 0x5C) p--;
          } else if (!stateOverride && c === 0x3F) {
            url.query = '';
            state = S_QUERY;
            bufStart = p + 1;
          } else if (!stateOverride && c === 0x23) {
            url.fragment = '';
            state = S_FRAGMENT;
            bufStart = p + 1;
          } else if (c !== EOF) {
            state = S_PATH;
            bufStart = -1;
            if (c !== 0x2F) p--;
          } else if (stateOverride && url.host === null) {
            url.path.push('');
          }
          break;

        case S_PATH:
          if (c === EOF || c === 0x2F || (url.special && c === 0x5C) || (!stateOverride && (c === 0x3F || c === 0x23))) {
            const slash = c === 0x2F || (url.special && c === 0x5C);
            let buffer = bufStart < 0 ? '' : encode(input.slice(bufStart, p), PATH);
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (!slash) url.path.push('');
            } else if (isSingleDot(buffer)) {
              if (!slash) url.path.push('');
            } else {
              if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) {
                buffer = buffer[0] + ':';
              }
              url.path.push(buffer);
            }
            bufStart = -1;
            if (c === 0x3F) {
              url.query = '';
              state = S_QUERY;
              bufStart = p + 1;
            } else if (c === 0x23) {
              url.fragment = '';
              state = S_FRAGMENT;
              bufStart = p + 1;
            }
          } else if (bufStart < 0) {
            bufStart = p;
          }
          break;

        case S_OPAQUE_PATH:
          if (bufStart < 0) bufStart = p;
          if (c === 0x3F || c === 0x23 || c === EOF) {
            let seg = input.slice(bufStart, p);
            if (c !== EOF && seg.length > 0 && seg.charCodeAt(seg.length - 1) === 0x20) {
              seg = seg.slice(0, -1) + '%20';
            }
            url.path += encode(seg, C0);
            bufStart = -1;
            if (c === 0x3F) {
              url.query = '';
              state = S_QUERY;
              bufStart = p + 1;
            } else if (c === 0x23) {
              url.fragment = '';
              state = S_FRAGMENT;
              bufStart = p + 1;
            }
          }
          break;

        case S_QUERY:
          if (bufStart < 0) bufStart = p;
          if ((!stateOverride && c === 0x23) || c === EOF) {
            url.query += encode(input.slice(bufStart, p), url.special ? SPECIAL_QUERY : QUERY);
            bufStart = -1;
            if (c === 0x23) {
              url.fragment = '';
              state = S_FRAGMENT;
              bufStart = p + 1;
            }
          }
          break;

        case S_FRAGMENT:
          if (bufStart < 0) bufStart = p;
          if (c === EOF) {
            url.fragment += encode(input.slice(bufStart, p), FRAGMENT);
          }
          break;
      }
      if (p >= n) break;
    }
    return url;
  }

  // ---- serializers ----
  function serializePath(url) {
    const path = url.path;
    if (typeof path === 'string') return path;
    let out = '';
    for (let i = 0; i < path.length; i++) out += '/' + path[i];
    return out;
  }

  function serializeURL(url, excludeFragment) {
    let out = url.scheme + ':';
    if (url.host !== null) {
      out += '//';
      if (url.username !== '' || url.password !== '') {
        out += url.username;
        if (url.password !== '') out += ':' + url.password;
        out += '@';
      }
      out += url.host;
      if (url.port !== null) out += ':' + url.port;
    } else if (typeof url.path !== 'string' && url.path.length > 1 && url.path[0] === '') {
      out += '/.';
    }
    out += serializePath(url);
    if (url.query !== null) out += '?' + url.query;
    if (!excludeFragment && url.fragment !== null) out += '#' + url.fragment;
    return out;
  }

  function serializeOrigin(url) {
    switch (url.scheme) {
      case 'http': case 'https': case 'ws': case 'wss': case 'ftp':
        return url.scheme + '://' + url.host + (url.port !== null ? ':' + url.port : '');
      case 'blob': {
        if (typeof url.path !== 'string' && url.path.length === 0) return 'null';
        const pathURL = basicParse(serializePath(url), null);
        if (pathURL !== null && (pathURL.scheme === 'http' || pathURL.scheme === 'https')) {
          return serializeOrigin(pathURL);
        }
        return 'null';
      }
      default:
        return 'null';
    }
  }

  // ---- application/x-www-form-urlencoded ----
  function formParse(input) {
    const list = [];
    const n = input.length;
    let start = 0;
    while (start <= n) {
      let end = input.indexOf('&', start);
      if (end < 0) end = n;
      if (end > start) {
        const seq = input.slice(start, end);
        const eq = seq.indexOf('=');
        let name, value;
        if (eq >= 0) { name = seq.slice(0, eq); value = seq.slice(eq + 1); }
        else { name = seq; value = ''; }
        list.push([formDecode(name), formDecode(value)]);
      }
      start = end + 1;
    }
    return list;
  }

  function formDecode(s) {
    if (s.indexOf('%') < 0) return s.indexOf('+') < 0 ? s : s.replace(/\+/g, ' ');
    return utf8Decode(percentDecodeBytes(s, true));
  }

  function formEncode(s) {
    const e = encode(s, FORM);
    if (e.indexOf('%20') < 0) return e;
    return e.replace(/%20/g, '+');
  }

  function formSerialize(list) {
    let out = '';
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += '&';
      out += formEncode(list[i][0]) + '=' + formEncode(list[i][1]);
    }
    return out;
  }

  // ---- API ----
  function requireArgs(got, needed, what) {
    if (got < needed) {
      throw new TypeError('Failed to execute \'' + what + '\': ' + needed + ' argument' +
        (needed > 1 ? 's' : '') + ' required, but only ' + got + ' present.');
    }
  }

  function invalidURL() {
    return new TypeError('Invalid URL string.');
  }

  let getRecord; // (URL) => record
  let setRecord; // (URL, record) => void
  let newSearchParams; // (URL) => URLSearchParams bound to it
  let setList; // (URLSearchParams, list) => void
  let getSearchParams; // (URL) => URLSearchParams or null

  function parseWithBase(url, base) {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(toUSV(base), null);
      if (baseRecord === null) return null;
    }
    return basicParse(toUSV(url), baseRecord);
  }

  class URL {
    #url;
    #searchParams = null;

    constructor(url, base = undefined) {
      if (url === undefined) requireArgs(arguments.length, 1, 'URL');
      const record = parseWithBase(url, base);
      if (record === null) throw invalidURL();
      this.#url = record;
    }

    static {
      getRecord = (u) => u.#url;
      setRecord = (u, r) => { u.#url = r; };
      getSearchParams = (u) => u.#searchParams;
    }

    static canParse(url, base = undefined) {
      requireArgs(arguments.length, 1, 'canParse');
      return parseWithBase(url, base) !== null;
    }

    static parse(url, base = undefined) {
      requireArgs(arguments.length, 1, 'parse');
      try {
        return new URL(url, base);
      } catch (e) {
        return null;
      }
    }

    get href() { return serializeURL(this.#url, false); }
    set href(value) {
      const record = basicParse(toUSV(value), null);
      if (record === null) throw invalidURL();
      this.#url = record;
      if (this.#searchParams !== null) {
        setList(this.#searchParams, record.query === null ? [] : formParse(record.query));
      }
    }

    get origin() { return serializeOrigin(this.#url); }

    get protocol() { return this.#url.scheme + ':'; }
    set protocol(value) {
      basicParse(toUSV(value) + ':', null, this.#url, S_SCHEME_START);
    }

    get username() { return this.#url.username; }
    set username(value) {
      const url = this.#url;
      if (url.host === null || url.host === '' || url.scheme === 'file') return;
      url.username = encode(toUSV(value), USERINFO);
    }

    get password() { return this.#url.password; }
    set password(value) {
      const url = this.#url;
      if (url.host === null || url.host === '' || url.scheme === 'file') return;
      url.password = encode(toUSV(value), USERINFO);
    }

    get host() {
      const url = this.#url;
      if (url.host === null) return '';
      return url.port === null ? url.host : url.host + ':' + url.port;
    }
    set host(value) {
      const url = this.#url;
      if (typeof url.path === 'string') return;
      basicParse(toUSV(value), null, url, S_HOST);
    }

    get hostname() { return this.#url.host === null ? '' : this.#url.host; }
    set hostname(value) {
      const url = this.#url;
      if (typeof url.path === 'string') return;
      basicParse(toUSV(value), null, url, S_HOSTNAME);
    }

    get port() { return this.#url.port === null ? '' : String(this.#url.port); }
    set port(value) {
      const url = this.#url;
      if (url.host === null || url.host === '' || url.scheme === 'file') return;
      const v = toUSV(value);
      if (v === '') url.port = null;
      else basicParse(v, null, url, S_PORT);
    }

    get pathname() { return serializePath(this.#url); }
    set pathname(value) {
      const url = this.#url;
      if (typeof url.path === 'string') return;
      url.path = [];
      basicParse(toUSV(value), null, url, S_PATH_START);
    }

    get search() {
      const q = this.#url.query;
      return q === null || q === '' ? '' : '?' + q;
    }
    set search(value) {
      const url = this.#url;
      let input = toUSV(value);
      if (input === '') {
        url.query = null;
        if (this.#searchParams !== null) setList(this.#searchParams, []);
        return;
      }
      if (input.charCodeAt(0) === 0x3F) input = input.slice(1);
      url.query = '';
      basicParse(input, null, url, S_QUERY);
      if (this.#searchParams !== null) setList(this.#searchParams, formParse(input));
    }

    get searchParams() {
      if (this.#searchParams === null) this.#searchParams = newSearchParams(this);
      return this.#searchParams;
    }

    get hash() {
      const f = this.#url.fragment;
      return f === null || f === '' ? '' : '#' + f;
    }
    set hash(value) {
      const url = this.#url;
      let input = toUSV(value);
      if (input === '') {
        url.fragment = null;
        return;
      }
      if (input.charCodeAt(0) === 0x23) input = input.slice(1);
      url.fragment = '';
      basicParse(input, null, url, S_FRAGMENT);
    }

    toString() { return serializeURL(this.#url, false); }
    toJSON() { return serializeURL(this.#url, false); }
  }

  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

  const INIT_TOKEN = {};

  class URLSearchParams {
    #list = [];
    #url = null;

    constructor(init = '') {
      if (init === INIT_TOKEN) return;
      if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
        const iter = init[Symbol.iterator];
        if (iter !== undefined && iter !== null) {
          if (typeof iter !== 'function') throw new TypeError('URLSearchParams: init is not iterable');
          for (const pair of init) {
            if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') ||
                typeof pair[Symbol.iterator] !== 'function') {
              throw new TypeError('URLSearchParams: each init pair must be an iterable [name, value] pair');
            }
            const items = Array.from(pair);
            if (items.length !== 2) {
              throw new TypeError('Invalid URL search params sequence.');
            }
            this.#list.push([toUSV(items[0]), toUSV(items[1])]);
          }
        } else {
          const keys = Reflect.ownKeys(init);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const desc = Reflect.getOwnPropertyDescriptor(init, key);
            if (desc !== undefined && desc.enumerable) {
              if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
              this.#list.push([toUSV(key), toUSV(init[key])]);
            }
          }
        }
      } else {
        let s = toUSV(init);
        if (s.charCodeAt(0) === 0x3F) s = s.slice(1);
        this.#list = formParse(s);
      }
    }

    static {
      newSearchParams = (u) => {
        const sp = new URLSearchParams(INIT_TOKEN);
        sp.#url = u;
        const q = getRecord(u).query;
        if (q !== null) sp.#list = formParse(q);
        return sp;
      };
      setList = (sp, list) => { sp.#list = list; };
    }

    #update() {
      const u = this.#url;
      if (u === null) return;
      const s = formSerialize(this.#list);
      getRecord(u).query = s === '' ? null : s;
    }

    get size() { return this.#list.length; }

    append(name, value) {
      requireArgs(arguments.length, 2, 'append');
      this.#list.push([toUSV(name), toUSV(value)]);
      this.#update();
    }

    delete(name, value = undefined) {
      requireArgs(arguments.length, 1, 'delete');
      const n = toUSV(name);
      const list = this.#list;
      let j = 0;
      if (value === undefined) {
        for (let i = 0; i < list.length; i++) if (list[i][0] !== n) list[j++] = list[i];
      } else {
        const v = toUSV(value);
        for (let i = 0; i < list.length; i++) if (list[i][0] !== n || list[i][1] !== v) list[j++] = list[i];
      }
      list.length = j;
      this.#update();
    }

    get(name) {
      requireArgs(arguments.length, 1, 'get');
      const n = toUSV(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) if (list[i][0] === n) return list[i][1];
      return null;
    }

    getAll(name) {
      requireArgs(arguments.length, 1, 'getAll');
      const n = toUSV(name);
      const list = this.#list;
      const out = [];
      for (let i = 0; i < list.length; i++) if (list[i][0] === n) out.push(list[i][1]);
      return out;
    }

    has(name, value = undefined) {
      requireArgs(arguments.length, 1, 'has');
      const n = toUSV(name);
      const list = this.#list;
      if (value === undefined) {
        for (let i = 0; i < list.length; i++) if (list[i][0] === n) return true;
      } else {
        const v = toUSV(value);
        for (let i = 0; i < list.length; i++) if (list[i][0] === n && list[i][1] === v) return true;
      }
      return false;
    }

    set(name, value) {
      requireArgs(arguments.length, 2, 'set');
      const n = toUSV(name), v = toUSV(value);
      const list = this.#list;
      let found = false, j = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i][0] === n) {
          if (found) continue;
          found = true;
          list[i] = [n, v];
        }
        list[j++] = list[i];
      }
      list.length = j;
      if (!found) list.push([n, v]);
      this.#update();
    }

    sort() {
      // stable sort by name, comparing UTF-16 code units
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }

    forEach(callback, thisArg = undefined) {
      requireArgs(arguments.length, 1, 'forEach');
      if (typeof callback !== 'function') {
        throw new TypeError('Failed to execute \'forEach\': parameter 1 is not of type \'Function\'.');
      }
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        callback.call(thisArg, list[i][1], list[i][0], this);
      }
    }

    keys() { return makeIterator(this, 0); }
    values() { return makeIterator(this, 1); }
    entries() { return makeIterator(this, 2); }

    toString() { return formSerialize(this.#list); }

    static {
      getList = (sp) => sp.#list;
    }
  }
  var getList;

  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true,
  });
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, {
    value: 'URLSearchParams', configurable: true,
  });

  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

  class SearchParamsIterator {
    #params;
    #index = 0;
    #kind;

    constructor(params, kind) {
      this.#params = params;
      this.#kind = kind;
    }

    next() {
      const list = getList(this.#params);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const pair = list[this.#index++];
      const kind = this.#kind;
      return { value: kind === 0 ? pair[0] : kind === 1 ? pair[1] : [pair[0], pair[1]], done: false };
    }
  }
  Object.setPrototypeOf(SearchParamsIterator.prototype, IteratorPrototype);
  Object.defineProperty(SearchParamsIterator.prototype, Symbol.toStringTag, {
    value: 'URLSearchParams Iterator', configurable: true,
  });

  function makeIterator(params, kind) {
    return new SearchParamsIterator(params, kind);
  }

  return { URL, URLSearchParams };
})
