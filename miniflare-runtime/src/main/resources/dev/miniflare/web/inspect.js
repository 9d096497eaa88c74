(function (host, global) {
  'use strict';
  // console.log formatting after Node's util.format/util.inspect (defaults: depth 2, breakLength 80, compact 3,
  // maxArrayLength 100, maxStringLength 10000, no colors).
  const BREAK = 80, MAX_ARRAY = 100, MAX_STRING = 10000;
  const objToString = Object.prototype.toString;
  const fnToString = Function.prototype.toString;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const ESCAPES = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\\': '\\\\' };

  function quote(s) {
    let q = "'";
    if (s.includes("'")) {
      if (!s.includes('"')) q = '"';
      else if (!s.includes('`') && !s.includes('${')) q = '`';
    }
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i], c = s.charCodeAt(i);
      if (ch === q || ch === '\\' || c < 0x20 || c === 0x7f) {
        out += ch === q ? '\\' + q : ESCAPES[ch] || '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
      } else {
        out += ch;
      }
    }
    return q + out + q;
  }

  const CUSTOM_INSPECT = Symbol.for('nodejs.util.inspect.custom');
  const num = (n) => (Object.is(n, -0) ? '-0' : `${n}`);

  function primitive(v) {
    switch (typeof v) {
      case 'string': {
        let extra = '';
        if (v.length > MAX_STRING) {
          extra = `... ${v.length - MAX_STRING} more character${v.length - MAX_STRING > 1 ? 's' : ''}`;
          v = v.slice(0, MAX_STRING);
        }
        return quote(v) + extra;
      }
      case 'number': return num(v);
      case 'bigint': return `${v}n`;
      case 'symbol': return String(v);
      default: return `${v}`;
    }
  }

  function fnBase(fn, ctorName, tag) {
    let src = '';
    try { src = fnToString.call(fn); } catch (e) { /* ignore */ }
    if (src.startsWith('class') && /^class\s*[{\s\w$]/.test(src)) {
      let s = `[class ${fn.name || '(anonymous)'}`;
      const sup = Object.getPrototypeOf(fn);
      if (sup && sup !== Function.prototype && sup.name) s += ` extends ${sup.name}`;
      return s + ']';
    }
    let type = 'Function';
    const t = objToString.call(fn);
    if (t === '[object AsyncFunction]') type = 'AsyncFunction';
    else if (t === '[object GeneratorFunction]') type = 'GeneratorFunction';
    else if (t === '[object AsyncGeneratorFunction]') type = 'AsyncGeneratorFunction';
    let base = `[${type}`;
    if (ctorName === null) base += ' (null prototype)';
    base += typeof fn.name === 'string' && fn.name !== '' ? `: ${fn.name}]` : ' (anonymous)]';
    if (ctorName !== type && ctorName !== null) base += ` ${ctorName}`;
    if (tag !== '' && ctorName !== tag) base += ` [${tag}]`;
    return base;
  }

  function constructorName(obj) {
    let o = obj;
    while (o !== null) {
      const d = Object.getOwnPropertyDescriptor(o, 'constructor');
      if (d !== undefined && typeof d.value === 'function' && d.value.name !== '') return d.value.name;
      o = Object.getPrototypeOf(o);
    }
    return null;
  }

  function prefix(ctor, tag, fallback, size) {
    const s = size === undefined ? '' : `(${size})`;
    if (ctor === null) {
      return tag !== '' && fallback !== tag ? `[${fallback}${s}: null prototype] [${tag}] ` : `[${fallback}${s}: null prototype] `;
    }
    return tag !== '' && ctor !== tag ? `${ctor}${s} [${tag}] ` : `${ctor}${s} `;
  }

  function formatValue(ctx, v, depth) {
    if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return primitive(v);
    if (ctx.seen.includes(v)) {
      let idx = ctx.circular.get(v);
      if (idx === undefined) ctx.circular.set(v, idx = ctx.circular.size + 1);
      return `[Circular *${idx}]`;
    }
    // Node's custom inspection hook (node:buffer's Buffer prints as <Buffer 68 69> through it)
    const custom = v[CUSTOM_INSPECT];
    if (typeof custom === 'function') {
      const remaining = ctx.depth - depth;
      const result = custom.call(v, remaining, { depth: remaining }, (x, o) => inspect(x, o && 'depth' in o ? o.depth : 2));
      if (result !== v) return typeof result === 'string' ? result : formatValue(ctx, result, depth);
    }
    let out = formatRaw(ctx, v, depth);
    const idx = ctx.circular.get(v);
    if (idx !== undefined) out = `<ref *${idx}> ${out}`;
    return out;
  }

  function formatRaw(ctx, v, depth) {
    const ctor = constructorName(v);
    let tag = v[Symbol.toStringTag];
    tag = typeof tag === 'string' && !Object.prototype.propertyIsEnumerable.call(v, Symbol.toStringTag) ? tag : '';
    let keys = Object.keys(v);
    const symbols = Object.getOwnPropertySymbols(v).filter((s) => Object.prototype.propertyIsEnumerable.call(v, s));
    let braces, base = '', entries = null, isArrayLike = false, extra = null;
    const t = objToString.call(v).slice(8, -1);
    if (Array.isArray(v)) {
      keys = keys.filter((k) => !isIndex(k, v.length));
      const p = ctor !== 'Array' || tag !== '' ? prefix(ctor, tag, 'Array', v.length) : '';
      braces = [`${p}[`, ']'];
      if (v.length === 0 && keys.length === 0 && symbols.length === 0) return `${braces[0]}]`;
      isArrayLike = true;
      if (depth > ctx.depth) return `[${ctor || 'Array'}]`;
      entries = () => formatArray(ctx, v, depth);
    } else if (typeof v === 'function') {
      base = fnBase(v, ctor, tag);
      if (keys.length === 0 && symbols.length === 0) return base;
      braces = ['{', '}'];
    } else if (ArrayBuffer.isView(v) && t !== 'DataView') {
      const len = v.length;
      keys = keys.filter((k) => !isIndex(k, len));
      braces = [`${prefix(ctor, tag === ctor ? '' : tag, t, len)}[`, ']'];
      if (len === 0 && keys.length === 0) return `${braces[0]}]`;
      isArrayLike = true;
      if (depth > ctx.depth) return `[${ctor || t}]`;
      entries = () => {
        const out = [];
        const n = Math.min(len, MAX_ARRAY);
        for (let i = 0; i < n; i++) out.push(typeof v[i] === 'bigint' ? `${v[i]}n` : num(v[i]));
        if (len > n) out.push(`... ${len - n} more item${len - n > 1 ? 's' : ''}`);
        return out;
      };
    } else if (t === 'Map' && v instanceof Map) {
      braces = [`${prefix(ctor, tag === 'Map' ? '' : tag, 'Map', v.size)}{`, '}'];
      if (v.size === 0 && keys.length === 0) return `${braces[0]}}`;
      if (depth > ctx.depth) return `[${ctor || 'Map'}]`;
      entries = () => {
        const out = [];
        ctx.indent += 2;
        for (const [k, val] of v) out.push(`${formatValue(ctx, k, depth + 1)} => ${formatValue(ctx, val, depth + 1)}`);
        ctx.indent -= 2;
        return out;
      };
    } else if (t === 'Set' && v instanceof Set) {
      braces = [`${prefix(ctor, tag === 'Set' ? '' : tag, 'Set', v.size)}{`, '}'];
      if (v.size === 0 && keys.length === 0) return `${braces[0]}}`;
      if (depth > ctx.depth) return `[${ctor || 'Set'}]`;
      entries = () => {
        const out = [];
        ctx.indent += 2;
        for (const val of v) out.push(formatValue(ctx, val, depth + 1));
        ctx.indent -= 2;
        return out;
      };
    } else {
      braces = ['{', '}'];
      if (t === 'Error' || v instanceof Error) {
        base = formatError(ctx, v, keys);
        if (hasOwn(v, 'cause') && !keys.includes('cause')) extra = ['[cause]', v.cause];
        if (keys.length === 0 && symbols.length === 0 && extra === null) return base;
      } else if (t === 'Date' && v instanceof Date) {
        base = Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
        if (keys.length === 0 && symbols.length === 0) return base;
      } else if (t === 'RegExp' && v instanceof RegExp) {
        base = RegExp.prototype.toString.call(v);
        if (keys.length === 0 && symbols.length === 0) return base;
      } else if (t === 'ArrayBuffer' && v instanceof ArrayBuffer) {
        braces[0] = `${prefix(ctor, tag === 'ArrayBuffer' ? '' : tag, 'ArrayBuffer')}{`;
        if (depth > ctx.depth) return `[${ctor || 'ArrayBuffer'}]`;
        entries = () => {
          if (v.detached) return ['(detached)'];
          const bytes = new Uint8Array(v, 0, Math.min(v.byteLength, MAX_ARRAY));
          let hex = Array.prototype.map.call(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
          const rest = v.byteLength - bytes.length;
          if (rest > 0) hex += ` ... ${rest} more byte${rest > 1 ? 's' : ''}`;
          return [`[Uint8Contents]: <${hex}>`, `byteLength: ${v.byteLength}`];
        };
      } else if (t === 'DataView') {
        braces[0] = `${prefix(ctor, tag === 'DataView' ? '' : tag, 'DataView')}{`;
        if (depth > ctx.depth) return `[${ctor || 'DataView'}]`;
        entries = () => {
          ctx.indent += 2;
          const out = [`byteLength: ${v.byteLength}`, `byteOffset: ${v.byteOffset}`,
            `buffer: ${formatValue(ctx, v.buffer, depth + 1)}`];
          ctx.indent -= 2;
          return out;
        };
      } else if (t === 'Promise' && v instanceof Promise) {
        braces[0] = `${prefix(ctor, tag === 'Promise' ? '' : tag, 'Promise')}{`;
        entries = () => ['<unknown>'];
      } else if ((t === 'WeakMap' || t === 'WeakSet') && ctor !== null) {
        braces[0] = `${prefix(ctor, tag === t ? '' : tag, t)}{`;
        entries = () => ['<items unknown>'];
      } else if (t === 'Number' || t === 'String' || t === 'Boolean' || t === 'BigInt' || t === 'Symbol') {
        let prim;
        try { prim = global[t].prototype.valueOf.call(v); } catch (e) { prim = undefined; }
        if (prim !== undefined) {
          if (t === 'String') keys = keys.filter((k) => !isIndex(k, prim.length));
          base = `[${t}${ctor !== t ? ` (${ctor === null ? 'null prototype' : ctor})` : ''}: ${primitive(prim)}]`;
          if (tag !== '' && tag !== ctor) base += ` [${tag}]`;
          if (keys.length === 0 && symbols.length === 0) return base;
        }
      } else if (t === 'Arguments') {
        braces[0] = '[Arguments] [';
        braces[1] = ']';
        isArrayLike = true;
        keys = keys.filter((k) => !isIndex(k, v.length));
        entries = () => formatArray(ctx, v, depth);
      } else {
        if (ctor === 'Object') {
          if (tag !== '') braces[0] = `Object [${tag}] {`;
        } else {
          braces[0] = `${prefix(ctor, tag, 'Object')}{`;
        }
        if (keys.length === 0 && symbols.length === 0) return `${braces[0]}}`;
      }
    }
    if (depth > ctx.depth) {
      return `[${ctor === null ? `${t}: null prototype` : ctor}]`;
    }
    ctx.seen.push(v);
    let output;
    try {
      output = entries === null ? [] : entries();
      ctx.indent += 2;
      for (const k of keys) output.push(formatProperty(ctx, v, k, depth, isArrayLike));
      for (const s of symbols) output.push(formatProperty(ctx, v, s, depth, isArrayLike));
      if (extra !== null) output.push(`${extra[0]}: ${formatValue(ctx, extra[1], depth + 1)}`);
      ctx.indent -= 2;
    } finally {
      ctx.seen.pop();
    }
    return reduce(ctx, output, base, braces, isArrayLike, v);
  }

  function isIndex(k, len) {
    const c = k.charCodeAt(0);
    if (c < 48 || c > 57) return false;
    const n = +k;
    return `${n}` === k && n < len;
  }

  function formatArray(ctx, v, depth) {
    const out = [];
    const len = v.length;
    let i = 0;
    ctx.indent += 2;
    while (i < len && out.length < MAX_ARRAY) {
      if (!hasOwn(v, i)) {
        let j = i;
        while (j < len && !hasOwn(v, j)) j++;
        out.push(`<${j - i} empty item${j - i > 1 ? 's' : ''}>`);
        i = j;
      } else {
        out.push(formatProp(ctx, v, i, depth));
        i++;
      }
    }
    ctx.indent -= 2;
    if (i < len) out.push(`... ${len - i} more item${len - i > 1 ? 's' : ''}`);
    return out;
  }

  function formatProp(ctx, v, k, depth) {
    const d = Object.getOwnPropertyDescriptor(v, k);
    if (d === undefined || 'value' in d) return formatValue(ctx, d === undefined ? v[k] : d.value, depth + 1);
    return d.get ? (d.set ? '[Getter/Setter]' : '[Getter]') : d.set ? '[Setter]' : 'undefined';
  }

  function formatProperty(ctx, v, k, depth) {
    const name = typeof k === 'symbol' ? `[${String(k)}]` : IDENT.test(k) ? k : quote(k);
    return `${name}: ${formatProp(ctx, v, k, depth)}`;
  }

  function formatError(ctx, err, keys) {
    let stack;
    try { stack = err.stack; } catch (e) { /* ignore */ }
    let s = typeof stack === 'string' && stack !== '' ? stack : `[${Error.prototype.toString.call(err)}]`;
    for (const name of ['name', 'message', 'stack']) {
      const i = keys.indexOf(name);
      if (i !== -1 && s.includes(String(err[name]))) keys.splice(i, 1);
    }
    if (ctx.indent !== 0) s = s.split('\n').join(`\n${' '.repeat(ctx.indent)}`);
    return s;
  }

  function reduce(ctx, output, base, braces, isArrayLike, value) {
    const entries = output.length;
    if (isArrayLike && entries > 6) output = group(ctx, output, value);
    if (entries === output.length) {
      const start = output.length + ctx.indent + braces[0].length + base.length + 10;
      let total = output.length + start;
      let fits = total + output.length <= BREAK;
      for (let i = 0; fits && i < output.length; i++) {
        total += output[i].length;
        if (total > BREAK) fits = false;
      }
      if (fits && !base.includes('\n')) {
        const joined = output.join(', ');
        if (!joined.includes('\n')) {
          return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
        }
      }
    }
    const ind = `\n${' '.repeat(ctx.indent)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${ind}  ${output.join(`,${ind}  `)}${ind}${braces[1]}`;
  }

  // Lays out long arrays of short entries in columns, like Node's groupArrayElements.
  function group(ctx, output, value) {
    let total = 0, maxLen = 0;
    let n = output.length;
    if (output[n - 1].startsWith('... ') && output[n - 1].endsWith(' more items')) n--;
    const lens = new Array(n);
    for (let i = 0; i < n; i++) {
      const len = output[i].length;
      lens[i] = len;
      total += len + 2;
      if (maxLen < len) maxLen = len;
    }
    const actualMax = maxLen + 2;
    if (actualMax * 3 + ctx.indent < BREAK && (total / actualMax > 5 || maxLen <= 6)) {
      const bias = Math.sqrt(actualMax - total / output.length);
      const biasedMax = Math.max(actualMax - 3 - bias, 1);
      const columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * n) / biasedMax),
        Math.floor((BREAK - ctx.indent) / actualMax), 12, 15);
      if (columns <= 1) return output;
      const maxLine = [];
      for (let i = 0; i < columns; i++) {
        let lineLen = 0;
        for (let j = i; j < output.length; j += columns) if (lens[j] > lineLen) lineLen = lens[j];
        maxLine.push(lineLen + 2);
      }
      let padStart = value !== undefined;
      if (padStart) {
        for (let i = 0; i < output.length; i++) {
          if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') { padStart = false; break; }
        }
      }
      const tmp = [];
      for (let i = 0; i < n; i += columns) {
        const max = Math.min(i + columns, n);
        let s = '';
        let j = i;
        for (; j < max - 1; j++) {
          s += padStart ? `${output[j]}, `.padStart(maxLine[j - i], ' ') : `${output[j]}, `.padEnd(maxLine[j - i], ' ');
        }
        s += padStart ? output[j].padStart(maxLine[j - i] - 2, ' ') : output[j];
        tmp.push(s);
      }
      if (n < output.length) tmp.push(output[n]);
      return tmp;
    }
    return output;
  }

  function inspect(v, depth) {
    return formatValue({ seen: [], circular: new Map(), indent: 0, depth }, v, 0);
  }

  function __formatConsoleArgs(args) {
    const first = args[0];
    let a = 0, out = '', join = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const c = first[++i];
        if (a + 1 !== args.length) {
          let s;
          switch (c) {
            case 's': {
              const arg = args[++a];
              if (typeof arg === 'number') s = num(arg);
              else if (typeof arg === 'bigint') s = `${arg}n`;
              else if (typeof arg !== 'object' || arg === null || !builtinToString(arg)) s = String(arg);
              else s = inspect(arg, 0);
              break;
            }
            case 'j': s = `${json(args[++a])}`; break;
            case 'd': {
              const arg = args[++a];
              s = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : num(Number(arg));
              break;
            }
            case 'O': s = inspect(args[++a], 2); break;
            case 'o': s = inspect(args[++a], 4); break;
            case 'i': {
              const arg = args[++a];
              s = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : num(parseInt(arg));
              break;
            }
            case 'f': {
              const arg = args[++a];
              s = typeof arg === 'symbol' ? 'NaN' : num(parseFloat(arg));
              break;
            }
            case 'c': a++; s = ''; break;
            case '%': out += first.slice(last, i); last = i + 1; continue;
            default: continue;
          }
          if (last !== i - 1) out += first.slice(last, i - 1);
          out += s;
          last = i + 1;
        } else if (c === '%') {
          out += first.slice(last, i);
          last = i + 1;
        }
      }
      if (last !== 0) {
        a++;
        join = ' ';
        if (last < first.length) out += first.slice(last);
      }
    }
    for (; a < args.length; a++) {
      const v = args[a];
      out += join + (typeof v === 'string' ? v : inspect(v, 2));
      join = ' ';
    }
    return out;
  }

  function json(v) {
    try {
      return JSON.stringify(v);
    } catch (e) {
      if (e instanceof TypeError && /circular|cyclic/i.test(e.message)) return '[Circular]';
      throw e;
    }
  }

  // Like Node: under %s, objects whose toString() is not a built-in one are printed with String().
  function builtinToString(obj) {
    if (typeof obj.toString !== 'function') return true;
    if (hasOwn(obj, 'toString')) return false;
    let o = obj;
    do { o = Object.getPrototypeOf(o); } while (o !== null && !hasOwn(o, 'toString'));
    if (o === null) return true;
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    return d !== undefined && typeof d.value === 'function' && BUILTINS.includes(d.value.name);
  }
  const BUILTINS = ['Object', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError',
    'URIError', 'AggregateError', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Promise',
    'ArrayBuffer', 'DataView', 'Number', 'String', 'Boolean', 'BigInt', 'Symbol', 'Function', 'TypedArray'];

  // __inspect: node:util's inspect (depth only; the other options are not supported)
  return { __formatConsoleArgs, __inspect: inspect };
})
