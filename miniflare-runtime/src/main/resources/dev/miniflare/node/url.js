(function (host, global, internals) {
  'use strict';
  // node:url: the WHATWG URL classes are the runtime's own; the file-URL helpers, domainToASCII/Unicode and the
  // legacy parse/format/resolve follow Node's (legacy parsing is done with the WHATWG parser where it agrees).
  const { nodeError, invalidArgType } = internals.nodeErrors;
  const querystring = internals.nodeModule('querystring').default;

  function fileURLToPath(path) {
    let u = path;
    if (typeof u === 'string') u = new URL(u);
    else if (!(u instanceof URL)) throw invalidArgType('path', 'of type string or an instance of URL', path);
    if (u.protocol !== 'file:') throw nodeError(Error, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file'); // an Error on workerd
    if (u.hostname !== '') throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    if (/%2f/i.test(u.pathname)) throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    return decodeURIComponent(u.pathname);
  }
  function pathToFileURL(filepath) {
    if (typeof filepath !== 'string') throw invalidArgType('path', 'of type string', filepath);
    let resolved = internals.nodeModule('path').default.resolve(filepath);
    if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
    const encoded = resolved.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
    const u = new URL('file://');
    u.pathname = encoded;
    return new URL(u.href.replace(/#/g, '%23').replace(/\?/g, '%3F'));
  }
  const domainToASCII = (domain) => { try { return new URL('http://' + domain).hostname; } catch (e) { return ''; } };
  const domainToUnicode = (domain) => { try { return host.domainToUnicode(String(domain)) || ''; } catch (e) { return ''; } };
  function urlToHttpOptions(u) {
    const options = {
      protocol: u.protocol, hostname: u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname,
      hash: u.hash, search: u.search, pathname: u.pathname, path: `${u.pathname || ''}${u.search || ''}`, href: u.href,
    };
    if (u.port !== '') options.port = Number(u.port);
    if (u.username || u.password) options.auth = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
    return options;
  }

  // --- legacy API -----------------------------------------------------------------------------------------
  function Url() {
    this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null;
    this.hostname = null; this.hash = null; this.search = null; this.query = null; this.pathname = null;
    this.path = null; this.href = null;
  }
  const SLASHED = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);
  function parse(urlString, parseQueryString = false, slashesDenoteHost = false) {
    if (urlString instanceof Url) return urlString;
    if (typeof urlString !== 'string') throw invalidArgType('url', 'of type string', urlString);
    const result = new Url();
    let rest = urlString.trim();
    const hashAt = rest.indexOf('#');
    if (hashAt >= 0) { result.hash = rest.slice(hashAt); rest = rest.slice(0, hashAt); }
    const searchAt = rest.indexOf('?');
    if (searchAt >= 0) { result.search = rest.slice(searchAt); rest = rest.slice(0, searchAt); }
    const proto = /^([a-z0-9.+-]+:)/i.exec(rest);
    if (proto) { result.protocol = proto[1].toLowerCase(); rest = rest.slice(proto[1].length); }
    if ((proto && SLASHED.has(result.protocol)) || slashesDenoteHost || rest.startsWith('//')) {
      if (rest.startsWith('//')) {
        result.slashes = true;
        rest = rest.slice(2);
        const end = rest.search(/[/\\]/);
        let authority = end >= 0 ? rest.slice(0, end) : rest;
        rest = end >= 0 ? rest.slice(end) : '';
        const atSign = authority.lastIndexOf('@');
        if (atSign >= 0) { result.auth = decodeURIComponent(authority.slice(0, atSign)); authority = authority.slice(atSign + 1); }
        result.host = authority.toLowerCase();
        const portMatch = /:(\d*)$/.exec(result.host);
        if (portMatch) { if (portMatch[1]) result.port = portMatch[1]; result.hostname = result.host.slice(0, portMatch.index); } else result.hostname = result.host;
      }
    }
    result.pathname = rest || (result.slashes ? '/' : null);
    if (parseQueryString) result.query = querystring.parse(result.search ? result.search.slice(1) : '');
    else result.query = result.search ? result.search.slice(1) : null;
    result.path = (result.pathname || '') + (result.search || '') || null;
    result.href = format(result);
    return result;
  }
  function format(urlObject, options) {
    if (typeof urlObject === 'string') urlObject = parse(urlObject);
    if (urlObject instanceof URL) {
      const o = { auth: true, fragment: true, search: true, unicode: false, ...options };
      let out = urlObject.protocol;
      if (urlObject.host) {
        out += '//';
        if (o.auth && (urlObject.username || urlObject.password)) out += urlObject.username + (urlObject.password ? ':' + urlObject.password : '') + '@';
        out += urlObject.host;
      }
      out += urlObject.pathname;
      if (o.search) out += urlObject.search;
      if (o.fragment) out += urlObject.hash;
      return out;
    }
    if (urlObject === null || typeof urlObject !== 'object') throw invalidArgType('urlObject', 'of type object', urlObject);
    let auth = urlObject.auth ? encodeURIComponent(urlObject.auth).replace(/%3A/i, ':') + '@' : '';
    let protocol = urlObject.protocol || '';
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    let host = '';
    if (urlObject.host) host = auth + urlObject.host;
    else if (urlObject.hostname) host = auth + (urlObject.hostname.includes(':') ? `[${urlObject.hostname}]` : urlObject.hostname) + (urlObject.port ? ':' + urlObject.port : '');
    let pathname = urlObject.pathname || '';
    let hash = urlObject.hash || '';
    let search = urlObject.search || '';
    if (!search && urlObject.query && typeof urlObject.query === 'object') {
      const q = querystring.stringify(urlObject.query);
      if (q) search = '?' + q;
    }
    if (urlObject.slashes || ((!protocol || SLASHED.has(protocol)) && host)) {
      host = '//' + host;
      if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
    }
    if (hash && hash[0] !== '#') hash = '#' + hash;
    if (search && search[0] !== '?') search = '?' + search;
    return protocol + host + pathname.replace(/[?#]/g, encodeURIComponent) + search.replace('#', '%23') + hash;
  }
  const resolve = (from, to) => new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\/\/?/, '');
  const resolveObject = (from, to) => parse(resolve(from, to));
  const toPathIfFileURL = (u) => (u instanceof URL || (typeof u === 'string' && u.startsWith('file:')) ? fileURLToPath(u) : u);

  const exports = {
    URL: global.URL, URLSearchParams: global.URLSearchParams, Url, domainToASCII, domainToUnicode, fileURLToPath,
    format, parse, pathToFileURL, resolve, resolveObject, toPathIfFileURL, urlToHttpOptions,
  };
  return { default: { ...exports }, ...exports };
})
