(function (host, global, internals) {
  'use strict';
  // HTMLRewriter as in workerd (lol-html). The Java host tokenizes the whole (buffered) body into tokens with
  // source spans; this file tracks the open-element stack, matches selectors, runs the handlers (awaiting async
  // ones) and assembles the output, copying every token nobody touched verbatim from the input.

  const PREFIX = 'Parser error: ';
  const INVALID_TOKEN = 'This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.';
  const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img',
    'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
  const NS = ['http://www.w3.org/1999/xhtml', 'http://www.w3.org/2000/svg', 'http://www.w3.org/1998/Math/MathML'];
  const TEXT = 1, TEXT_END = 2, START = 3, END = 4, COMMENT = 5, DOCTYPE = 6;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  function escapeText(s) {
    return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  }
  function content(c, options) {
    c = String(c);
    return options !== undefined && options !== null && options.html ? c : escapeText(c);
  }
  function syntaxError(message) { return new TypeError(PREFIX + message); }

  // --- selectors ----------------------------------------------------------------------------------------------
  // The subset lol-html supports, with its error messages. A compiled selector is a list (for `a, b`) of complex
  // selectors; a complex selector is an array of { compound, comb } from left to right, where comb (' ' or '>')
  // links a compound to the one before it.

  const CASE_INSENSITIVE_ATTRS = new Set(['accept', 'accept-charset', 'align', 'alink', 'axis', 'bgcolor',
    'charset', 'checked', 'clear', 'codetype', 'color', 'compact', 'declare', 'defer', 'dir', 'direction', 'disabled',
    'enctype', 'face', 'frame', 'hreflang', 'http-equiv', 'lang', 'language', 'link', 'media', 'method', 'multiple',
    'nohref', 'noresize', 'noshade', 'nowrap', 'readonly', 'rel', 'rev', 'rules', 'scope', 'scrolling', 'selected',
    'shape', 'target', 'text', 'type', 'valign', 'valuetype', 'vlink']);
  const IDENT_START = /[A-Za-z_\u0080-\uffff\\-]/;
  const IDENT_CHAR = /[A-Za-z0-9_\u0080-\uffff\\-]/;
  const WS = /[ \t\n\r\f]/;

  class SelectorParser {
    constructor(s) { this.s = s; this.i = 0; }
    peek() { return this.s[this.i]; }
    eof() { return this.i >= this.s.length; }
    skipWs() {
      const start = this.i;
      while (!this.eof() && WS.test(this.s[this.i])) this.i++;
      return this.i > start;
    }
    ident() {
      let out = '';
      while (!this.eof() && IDENT_CHAR.test(this.s[this.i])) {
        if (this.s[this.i] === '\\') {
          this.i++;
          const hex = /^[0-9a-fA-F]{1,6}/.exec(this.s.slice(this.i));
          if (hex) {
            out += String.fromCodePoint(parseInt(hex[0], 16));
            this.i += hex[0].length;
            if (!this.eof() && WS.test(this.s[this.i])) this.i++;
          } else if (!this.eof()) {
            out += this.s[this.i++];
          }
        } else {
          out += this.s[this.i++];
        }
      }
      return out;
    }
    identAt() {
      const c = this.peek();
      if (c === undefined || !IDENT_START.test(c)) return false;
      // "-" followed by a digit does not start an identifier
      return !(c === '-' && /[0-9]/.test(this.s[this.i + 1] || ''));
    }
    list() {
      this.skipWs();
      const list = [];
      for (;;) {
        list.push(this.complex());
        this.skipWs();
        if (this.peek() === ',') { this.i++; this.skipWs(); continue; }
        break;
      }
      return list;
    }
    complex() {
      const parts = [];
      let comb = null;
      for (;;) {
        const compound = this.compound();
        if (compound.empty) {
          if (parts.length === 0) throw syntaxError('The selector is empty.');
          throw syntaxError(this.eof() ? 'Dangling combinator in selector.' : 'Unexpected token in selector.');
        }
        parts.push({ compound, comb });
        const ws = this.skipWs();
        const c = this.peek();
        if (c === undefined || c === ',' || c === ')') return parts;
        if (c === '>') {
          this.i++;
          this.skipWs();
          if (this.eof() || this.peek() === ',') throw syntaxError('Dangling combinator in selector.');
          comb = '>';
        } else if (c === '|') {
          throw syntaxError('Unexpected token in selector.');
        } else if (c === '+' || c === '~') {
          this.i++;
          this.skipWs();
          if (this.eof()) throw syntaxError('Dangling combinator in selector.');
          throw syntaxError(`Unsupported combinator \`${c}\` in selector.`);
        } else if (ws) {
          comb = ' ';
        } else {
          throw syntaxError('Unexpected token in selector.');
        }
      }
    }
    compound() {
      let tag = null;
      let any = false;
      const tests = [];
      if (this.peek() === '*') {
        this.i++;
        any = true;
        // "*|" (any namespace) is accepted and means nothing for HTML
        if (this.peek() === '|' && this.s[this.i + 1] !== '=') {
          this.i++;
          any = false;
          if (this.peek() === '*') { this.i++; any = true; } else if (this.identAt()) tag = this.ident().toLowerCase();
          else throw syntaxError('Unexpected token in selector.');
        }
      } else if (this.identAt()) {
        tag = this.ident().toLowerCase();
      }
      if (this.peek() === '|') throw syntaxError('Selectors with explicit namespaces are not supported.');
      for (;;) {
        const c = this.peek();
        if (c === '#' || c === '.') {
          this.i++;
          if (!this.identAt()) {
            const first = tag === null && !any && tests.length === 0;
            if (c === '#' && first) throw syntaxError('The selector is empty.');
            if (this.eof()) throw syntaxError('Unexpected end of selector.');
            // CSS tokenizes ".1" as a number, so that is an unexpected token rather than a bad class name
            if (c === '.' && !/[0-9]/.test(this.peek())) throw syntaxError('Invalid or unescaped class name in selector.');
            throw syntaxError(first ? 'The selector is empty.' : 'Unexpected token in selector.');
          }
          const name = this.ident();
          tests.push(c === '#' ? (el) => el.attrs.get('id') === name : (el) => hasWord(el.attrs.get('class'), name));
        } else if (c === '[') {
          this.i++;
          tests.push(this.attribute());
        } else if (c === ':') {
          this.i++;
          tests.push(this.pseudo());
        } else {
          break;
        }
      }
      return { tag, tests, empty: !any && tag === null && tests.length === 0 };
    }
    attribute() {
      this.skipWs();
      if (this.eof()) throw syntaxError('Unexpected end of selector.');
      if (this.peek() === '|' || this.peek() === '*') throw syntaxError('Selectors with explicit namespaces are not supported.');
      if (!this.identAt()) throw syntaxError('Missing attribute name in attribute selector.');
      const name = this.ident().toLowerCase();
      if (this.peek() === '|' && this.s[this.i + 1] !== '=') throw syntaxError('Selectors with explicit namespaces are not supported.');
      this.skipWs();
      if (this.eof() || this.peek() === ']') {
        if (!this.eof()) this.i++;
        return (el) => el.attrs.has(name);
      }
      let op = this.peek();
      if (op === '=') {
        this.i++;
      } else if ('~|^$*'.includes(op) && this.s[this.i + 1] === '=') {
        this.i += 2;
      } else {
        throw syntaxError('Unexpected token in the attribute selector.');
      }
      this.skipWs();
      if (this.eof()) throw syntaxError('Unexpected end of selector.');
      let value;
      const q = this.peek();
      if (q === '"' || q === "'") {
        this.i++;
        value = '';
        while (!this.eof() && this.peek() !== q) {
          if (this.peek() === '\\' && this.i + 1 < this.s.length) this.i++;
          value += this.s[this.i++];
        }
        if (!this.eof()) this.i++;
      } else if (this.identAt() || /[0-9]/.test(q)) {
        value = '';
        while (!this.eof() && IDENT_CHAR.test(this.peek())) value += this.s[this.i++];
      } else {
        throw syntaxError('Unexpected token in the attribute selector.');
      }
      this.skipWs();
      let insensitive = false;
      let sensitive = false;
      if (this.peek() === 'i' || this.peek() === 'I' || this.peek() === 's' || this.peek() === 'S') {
        insensitive = this.peek().toLowerCase() === 'i';
        sensitive = !insensitive;
        this.i++;
        this.skipWs();
      }
      // like cssparser, a selector may end inside an unclosed attribute selector
      if (!this.eof()) {
        if (this.peek() !== ']') throw syntaxError('Unexpected token in selector.');
        this.i++;
      }
      // lol-html's quirks: ^= and $= with an empty operand match any non-empty value, *= never does, and ~=
      // splits on every whitespace character (so ~='' matches an empty value).
      const test = {
        '=': (v, want) => v === want,
        '~': (v, want) => v.split(/[ \t\n\r\f]/).includes(want),
        '|': (v, want) => v === want || v.startsWith(want + '-'),
        '^': (v, want) => v !== '' && v.startsWith(want),
        '$': (v, want) => v !== '' && v.endsWith(want),
        '*': (v, want) => want !== '' && v.includes(want),
      }[op];
      // Without a flag, values of the attributes HTML defines as case-insensitive compare case-insensitively.
      const fold = insensitive || (!sensitive && CASE_INSENSITIVE_ATTRS.has(name));
      const wanted = fold ? value.toLowerCase() : value;
      const check = fold ? (v) => test(v.toLowerCase(), wanted) : (v) => test(v, wanted);
      return (el) => {
        const v = el.attrs.get(name);
        return v !== undefined && check(v);
      };
    }
    pseudo() {
      if (this.peek() === ':') throw syntaxError('Unsupported pseudo-class or pseudo-element in selector.');
      if (!this.identAt()) throw syntaxError(this.eof() ? 'Unexpected end of selector.' : 'Unexpected token in selector.');
      const name = this.ident().toLowerCase();
      if (this.peek() !== '(') {
        if (name === 'first-child') return (el) => el.childIdx === 1;
        if (name === 'first-of-type') return (el) => el.typeIdx === 1;
        throw syntaxError('Unsupported pseudo-class or pseudo-element in selector.');
      }
      this.i++;
      if (name === 'not') {
        this.skipWs();
        if (this.peek() === ')') throw syntaxError('The selector is empty.');
        const inner = this.list();
        this.skipWs();
        if (this.eof()) throw syntaxError('Unexpected end of selector.');
        if (this.peek() !== ')') throw syntaxError('Unexpected token in selector.');
        this.i++;
        return (el, stack, top) => !inner.some((parts) => matchComplex(parts, parts.length - 1, el, stack, top));
      }
      if (name === 'nth-child' || name === 'nth-of-type') {
        const close = this.s.indexOf(')', this.i);
        if (close < 0) throw syntaxError('Unexpected end of selector.');
        const [a, b] = parseNth(this.s.slice(this.i, close));
        this.i = close + 1;
        const key = name === 'nth-child' ? 'childIdx' : 'typeIdx';
        return (el) => nthMatches(a, b, el[key]);
      }
      throw syntaxError('Unsupported pseudo-class or pseudo-element in selector.');
    }
  }

  function parseNth(text) {
    const t = text.trim().toLowerCase();
    if (t === 'odd') return [2, 1];
    if (t === 'even') return [2, 0];
    let m = /^([+-]?\d+)$/.exec(t);
    if (m) return [0, parseInt(m[1], 10)];
    m = /^([+-]?\d*)n\s*(?:([+-])\s*(\d+))?$/.exec(t);
    if (!m) throw syntaxError(/[+-]$/.test(t) ? 'Unexpected end of selector.' : 'Unexpected token in selector.');
    const a = m[1] === '' || m[1] === '+' ? 1 : m[1] === '-' ? -1 : parseInt(m[1], 10);
    const b = m[2] === undefined ? 0 : parseInt(m[2] + m[3], 10);
    return [a, b];
  }
  function nthMatches(a, b, idx) {
    if (a === 0) return idx === b;
    const k = (idx - b) / a;
    return Number.isInteger(k) && k >= 0;
  }
  function hasWord(list, word) {
    return list !== undefined && list.split(/[ \t\n\r\f]/).includes(word);
  }

  function parseSelector(selector) {
    const p = new SelectorParser(String(selector));
    p.skipWs();
    if (p.eof()) throw syntaxError('The selector is empty.');
    const list = p.list();
    if (!p.eof()) throw syntaxError('Unexpected token in selector.');
    return list;
  }
  function matchCompound(compound, el, stack, top) {
    if (compound.tag !== null && compound.tag !== el.name) return false;
    for (const t of compound.tests) if (!t(el, stack, top)) return false;
    return true;
  }
  /** Whether element `el` (whose open ancestors are stack[0..top]) matches the complex selector. */
  function matchComplex(parts, k, el, stack, top) {
    if (!matchCompound(parts[k].compound, el, stack, top)) return false;
    if (k === 0) return true;
    if (parts[k].comb === '>') return top >= 0 && matchComplex(parts, k - 1, stack[top], stack, top - 1);
    for (let j = top; j >= 0; j--) if (matchComplex(parts, k - 1, stack[j], stack, j - 1)) return true;
    return false;
  }

  // --- content tokens -----------------------------------------------------------------------------------------

  function mutations() { return { before: [], after: [], replacement: null, removed: false }; }
  function serialize(m, body) {
    let s = m.before.length ? m.before.join('') : '';
    s += m.removed ? (m.replacement === null ? '' : m.replacement) : body;
    return m.after.length ? s + m.after.join('') : s;
  }

  let invalidate; // (token) => void: ends a token's validity once its handlers are done

  class Token {
    #valid = true;
    _m = mutations();
    _check() { if (!this.#valid) throw new TypeError(INVALID_TOKEN); }
    static { invalidate = (t) => { t.#valid = false; }; }
  }

  class ContentToken extends Token {
    before(c, options = undefined) { this._check(); this._m.before.push(content(c, options)); return this; }
    after(c, options = undefined) { this._check(); this._m.after.unshift(content(c, options)); return this; }
    replace(c, options = undefined) {
      this._check();
      this._m.replacement = content(c, options);
      this._m.removed = true;
      return this;
    }
    remove() { this._check(); this._m.removed = true; return this; }
    get removed() { this._check(); return this._m.removed; }
  }

  class Text extends ContentToken {
    #text;
    #last;
    constructor(text, last) { super(); this.#text = text; this.#last = last; }
    get text() { this._check(); return this.#text; }
    get lastInTextNode() { this._check(); return this.#last; }
    get [Symbol.toStringTag]() { return 'Text'; }
  }

  class Comment extends ContentToken {
    _text;
    _changed = false;
    constructor(text) { super(); this._text = text; }
    get text() { this._check(); return this._text; }
    set text(v) { this._check(); this._text = String(v); this._changed = true; }
    get [Symbol.toStringTag]() { return 'Comment'; }
  }

  class Doctype extends Token {
    #name; #publicId; #systemId;
    constructor(name, publicId, systemId) { super(); this.#name = name; this.#publicId = publicId; this.#systemId = systemId; }
    get name() { this._check(); return this.#name; }
    get publicId() { this._check(); return this.#publicId; }
    get systemId() { this._check(); return this.#systemId; }
    get [Symbol.toStringTag]() { return 'Doctype'; }
  }

  class DocumentEnd extends Token {
    append(c, options = undefined) { this._check(); this._m.after.push(content(c, options)); return this; }
    get [Symbol.toStringTag]() { return 'DocumentEnd'; }
  }

  const FORBIDDEN_NAME = /[ \t\n\r\f\/>]/;
  function checkName(name, what, extra) {
    const m = FORBIDDEN_NAME.exec(name) || (extra ? /=/.exec(name) : null);
    if (m) throw syntaxError(`\`${m[0]}\` character is forbidden in the ${what}`);
  }

  /** The end tag shared by every element one end tag closes (lol-html pops all of them at that tag). */
  class EndTag extends Token {
    _name;
    _renamed = false;
    constructor(name, m) { super(); this._name = name; this._m = m; }
    get name() { this._check(); return this._name.toLowerCase(); }
    set name(v) {
      this._check();
      v = String(v);
      checkName(v, 'tag name', false);
      this._name = v;
      this._renamed = true;
    }
    before(c, options = undefined) { this._check(); this._m.before.push(content(c, options)); return this; }
    after(c, options = undefined) { this._check(); this._m.after.unshift(content(c, options)); return this; }
    remove() { this._check(); this._m.removed = true; return this; }
    get [Symbol.toStringTag]() { return 'EndTag'; }
  }

  class Element extends Token {
    _tag;          // the tag name as written (renaming replaces it)
    _renamed = false;
    _attrs;        // [{ name (lower-cased), raw (source text or null once changed), rawName, value }]
    _dirty = false;
    _selfClosing;
    _canHaveContent;
    _ns;
    _end = mutations();
    _endTouched = false; // whether _end was used (lol-html creates an element's end-tag edits lazily)
    _endHandler = null;
    _removeContent = false;
    _inRemoved;
    constructor(rawTag, attrs, selfClosing, canHaveContent, ns, inRemoved) {
      super();
      this._tag = rawTag;
      this._attrs = attrs;
      this._selfClosing = selfClosing;
      this._canHaveContent = canHaveContent;
      this._ns = ns;
      this._inRemoved = inRemoved;
    }
    get tagName() { this._check(); return this._tag.toLowerCase(); }
    set tagName(v) {
      this._check();
      v = String(v);
      checkName(v, 'tag name', false);
      this._tag = v;
      this._renamed = true;
      this._dirty = true;
    }
    get namespaceURI() { this._check(); return NS[this._ns]; }
    get removed() { this._check(); return this._m.removed || this._inRemoved; }
    get attributes() {
      this._check();
      return this._attrs.map((a) => [a.name, a.value])[Symbol.iterator]();
    }
    getAttribute(name) {
      this._check();
      const n = String(name).toLowerCase();
      const a = this._attrs.find((x) => x.name === n);
      return a === undefined ? null : a.value;
    }
    hasAttribute(name) {
      this._check();
      const n = String(name).toLowerCase();
      return this._attrs.some((x) => x.name === n);
    }
    setAttribute(name, value) {
      this._check();
      name = String(name);
      checkName(name, 'attribute name', true);
      const n = name.toLowerCase();
      const a = this._attrs.find((x) => x.name === n);
      if (a !== undefined) {
        a.value = String(value);
        a.raw = null;
      } else {
        this._attrs.push({ name: n, rawName: n, value: String(value), raw: null });
      }
      this._dirty = true;
      return this;
    }
    removeAttribute(name) {
      this._check();
      const n = String(name).toLowerCase();
      const kept = this._attrs.filter((x) => x.name !== n);
      if (kept.length !== this._attrs.length) {
        this._attrs = kept;
        this._dirty = true;
      }
      return this;
    }
    before(c, options = undefined) { this._check(); this._m.before.push(content(c, options)); return this; }
    after(c, options = undefined) {
      this._check();
      if (this._canHaveContent) this._endTouched = true;
      (this._canHaveContent ? this._end : this._m).after.unshift(content(c, options));
      return this;
    }
    prepend(c, options = undefined) {
      this._check();
      if (this._canHaveContent) this._m.after.unshift(content(c, options));
      return this;
    }
    append(c, options = undefined) {
      this._check();
      if (this._canHaveContent) {
        this._endTouched = true;
        this._end.before.push(content(c, options));
      }
      return this;
    }
    setInnerContent(c, options = undefined) {
      this._check();
      if (this._canHaveContent) {
        this._removeContent = true;
        this._m.after = [content(c, options)];
        this._end.before = [];
        this._endTouched = true;
      }
      return this;
    }
    replace(c, options = undefined) {
      this._check();
      this._m.replacement = content(c, options);
      this._m.removed = true;
      this._removeContent = true;
      this._end.removed = true;
      this._endTouched = true;
      return this;
    }
    remove() {
      this._check();
      this._m.removed = true;
      this._removeContent = true;
      this._end.removed = true;
      this._endTouched = true;
      return this;
    }
    removeAndKeepContent() {
      this._check();
      this._m.removed = true;
      this._end.removed = true;
      this._endTouched = true;
      return this;
    }
    onEndTag(handler) {
      this._check();
      if (!this._canHaveContent) throw syntaxError('No end tag.');
      if (typeof handler !== 'function') {
        throw new TypeError("Failed to execute 'onEndTag' on 'Element': parameter 1 is not of type 'Function'.");
      }
      this._endHandler = handler;
    }
    _startTag(source) {
      if (!this._dirty) return source;
      let s = '<' + this._tag;
      for (const a of this._attrs) {
        s += ' ' + (a.raw !== null ? a.raw : `${a.rawName}="${a.value.replace(/"/g, '&quot;')}"`);
      }
      return s + (this._selfClosing ? ' />' : '>');
    }
    get [Symbol.toStringTag]() { return 'Element'; }
  }

  // --- the rewriter -------------------------------------------------------------------------------------------

  function handlerFn(handlers, name, type) {
    const f = handlers[name];
    if (f === undefined || f === null) return null;
    if (typeof f !== 'function') {
      throw new TypeError(`Incorrect type for the '${name}' field on '${type}': the provided value is not of type 'function'.`);
    }
    return f;
  }

  /** Calls one handler; only awaits when it returned a thenable (most handlers are synchronous). */
  function call(h, kind, token) {
    const r = h[kind].call(h.self, token);
    return r !== null && typeof r === 'object' && typeof r.then === 'function' ? r : undefined;
  }

  async function runHandlers(list, kind, token) {
    try {
      for (const h of list) {
        const p = call(h, kind, token);
        if (p !== undefined) await p;
      }
    } finally {
      invalidate(token);
    }
  }

  async function rewrite(html, regs, docs) {
    const tokens = JSON.parse(host.tokenize(html));
    const out = [];
    const root = { childCount: 0, typeCounts: new Map() };
    const stack = [];
    const active = new Array(regs.length).fill(0);
    let suppressed = 0;
    const wants = (kind) => regs.some((r) => r[kind] !== null) || docs.some((d) => d[kind] !== null);
    const wantText = wants('text');
    const wantComments = wants('comments');
    const needMatch = regs.length > 0;
    const scoped = (kind) => {
      const list = [];
      for (let r = 0; r < regs.length; r++) if (active[r] > 0 && regs[r][kind] !== null) list.push(regs[r]);
      for (const d of docs) if (d[kind] !== null) list.push(d);
      return list;
    };
    const emit = (s) => { if (suppressed === 0 && s !== '') out.push(s); };

    for (const tok of tokens) {
      switch (tok[0]) {
        case TEXT:
        case TEXT_END: {
          const raw = tok[0] === TEXT ? html.slice(tok[1], tok[2]) : '';
          const list = wantText ? scoped('text') : [];
          if (list.length === 0) { emit(raw); break; }
          const t = new Text(raw, tok[0] === TEXT_END);
          await runHandlers(list, 'text', t);
          emit(serialize(t._m, raw));
          break;
        }
        case START: {
          const [, start, end, name, selfClosing, ns, flat] = tok;
          const source = html.slice(start, end);
          const parent = stack.length > 0 ? stack[stack.length - 1] : root;
          parent.childCount++;
          const typeIdx = (parent.typeCounts.get(name) || 0) + 1;
          parent.typeCounts.set(name, typeIdx);
          const canHaveContent = ns === 0 ? !VOID.has(name) : selfClosing === 0;
          const entry = { name, attrs: null, childIdx: parent.childCount, typeIdx, childCount: 0, typeCounts: new Map(),
            matched: null, el: null, suppress: false, start, flat };
          let matched = null;
          if (needMatch) {
            const attrs = new Map();
            for (let i = 0; i < flat.length; i += 4) {
              const n = flat[i].toLowerCase();
              if (!attrs.has(n)) attrs.set(n, flat[i + 1]);
            }
            entry.attrs = attrs;
            for (let r = 0; r < regs.length; r++) {
              if (regs[r].selector.some((parts) => matchComplex(parts, parts.length - 1, entry, stack, stack.length - 1))) {
                (matched || (matched = [])).push(r);
              }
            }
          }
          const elementHandlers = matched === null ? [] : matched.filter((r) => regs[r].element !== null).map((r) => regs[r]);
          if (elementHandlers.length === 0) {
            emit(source);
          } else {
            const attrs = [];
            for (let i = 0; i < flat.length; i += 4) {
              attrs.push({ name: flat[i].toLowerCase(), rawName: flat[i], value: flat[i + 1], raw: html.slice(flat[i + 2], flat[i + 3]) });
            }
            const rawTag = source.slice(1, 1 + /^[^ \t\n\r\f\/>]*/.exec(source.slice(1))[0].length);
            const el = new Element(rawTag, attrs, selfClosing === 1, canHaveContent, ns, suppressed > 0);
            await runHandlers(elementHandlers, 'element', el);
            emit(serialize(el._m, el._startTag(source)));
            entry.el = el;
            entry.suppress = el._removeContent && canHaveContent;
          }
          if (canHaveContent) {
            entry.matched = matched;
            if (matched !== null) for (const r of matched) active[r]++;
            if (entry.suppress) suppressed++;
            stack.push(entry);
          }
          break;
        }
        case END: {
          const [, start, end, name] = tok;
          let k = stack.length - 1;
          while (k >= 0 && stack[k].name !== name) k--;
          const source = html.slice(start, end);
          if (k < 0) { emit(source); break; }
          const popped = stack.splice(k);
          for (const e of popped) {
            if (e.matched !== null) for (const r of e.matched) active[r]--;
            if (e.suppress) suppressed--;
          }
          const owner = popped[0].el;
          if (popped.every((e) => e.el === null)) { emit(source); break; }
          const endTag = new EndTag(owner !== null && owner._renamed ? owner._tag : name, mutations());
          if (owner !== null && owner._renamed) endTag._renamed = true;
          try {
            // Innermost first. As in lol-html, an element whose end-tag edits were touched (append, after, removal)
            // replaces the end tag's edits with its own, dropping what inner elements' handlers did.
            for (let i = popped.length - 1; i >= 0; i--) {
              const el = popped[i].el;
              if (el === null) continue;
              if (el._endTouched) {
                endTag._m = { before: el._end.before.slice(), after: el._end.after.slice(), replacement: null, removed: el._end.removed };
              }
              if (el._endHandler !== null) {
                const r = el._endHandler.call(undefined, endTag);
                if (r !== null && typeof r === 'object' && typeof r.then === 'function') await r;
              }
            }
          } finally {
            invalidate(endTag);
          }
          emit(serialize(endTag._m, endTag._renamed ? `</${endTag._name}>` : source));
          break;
        }
        case COMMENT: {
          const source = html.slice(tok[1], tok[2]);
          const list = wantComments ? scoped('comments') : [];
          if (list.length === 0) { emit(source); break; }
          const c = new Comment(html.slice(tok[3], tok[4]));
          await runHandlers(list, 'comments', c);
          emit(serialize(c._m, c._changed ? `<!--${c._text}-->` : source));
          break;
        }
        case DOCTYPE: {
          const list = docs.filter((d) => d.doctype !== null);
          if (list.length > 0) await runHandlers(list, 'doctype', new Doctype(tok[3], tok[4], tok[5]));
          emit(html.slice(tok[1], tok[2]));
          break;
        }
        default:
          emit(html.slice(tok[1], tok[2]));
      }
    }
    const endHandlers = docs.filter((d) => d.end !== null);
    if (endHandlers.length > 0) {
      const e = new DocumentEnd();
      await runHandlers(endHandlers, 'end', e);
      if (e._m.after.length) out.push(e._m.after.join(''));
    }
    return out.join('');
  }

  const E = 'ElementContentHandlers';
  const D = 'DocumentContentHandlers';

  class HTMLRewriter {
    #regs = [];
    #docs = [];

    constructor() {}

    on(selector, handlers) {
      if (arguments.length < 2 || handlers === null || (typeof handlers !== 'object' && typeof handlers !== 'function')) {
        throw new TypeError("Failed to execute 'on' on 'HTMLRewriter': parameter 2 is not of type 'ElementContentHandlers'.");
      }
      const compiled = parseSelector(selector);
      this.#regs.push({ selector: compiled, self: handlers, element: handlerFn(handlers, 'element', E),
        comments: handlerFn(handlers, 'comments', E), text: handlerFn(handlers, 'text', E) });
      return this;
    }

    onDocument(handlers) {
      if (handlers === null || (typeof handlers !== 'object' && typeof handlers !== 'function')) {
        throw new TypeError("Failed to execute 'onDocument' on 'HTMLRewriter': parameter 1 is not of type 'DocumentContentHandlers'.");
      }
      this.#docs.push({ self: handlers, doctype: handlerFn(handlers, 'doctype', D),
        comments: handlerFn(handlers, 'comments', D), text: handlerFn(handlers, 'text', D), end: handlerFn(handlers, 'end', D) });
      return this;
    }

    transform(response) {
      if (!(response instanceof global.Response)) {
        throw new TypeError("Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.");
      }
      const regs = this.#regs.slice();
      const docs = this.#docs.slice();
      const headers = new global.Headers(response.headers);
      headers.delete('content-length');
      const init = { status: response.status, statusText: response.statusText, headers };
      if (internals.bodySource(response) === null) return new global.Response(null, init);
      // The input is taken (and marked used) now, as workerd pipes it into the rewriter right away.
      const input = internals.takeBody(response);
      input.catch(() => {});
      let started = false;
      const body = new global.ReadableStream({
        async pull(controller) {
          if (started) return;
          started = true;
          try {
            const src = await input;
            const html = src === null ? '' : typeof src === 'string' ? src : decoder.decode(src);
            const result = await rewrite(html, regs, docs);
            if (result.length > 0) controller.enqueue(encoder.encode(result));
            controller.close();
          } catch (e) {
            controller.error(e);
          }
        },
      });
      return new global.Response(body, init);
    }

    get [Symbol.toStringTag]() { return 'HTMLRewriter'; }
  }

  return { HTMLRewriter };
})
