(function (host, global, internals) {
  'use strict';
  // The D1Database binding over a Java D1Binding, shaped like workerd's D1 shim: value conversion and result
  // shaping happen here, execution (transactions, SQLite errors, meta) in Java. Queries and results cross as JSON,
  // as they do between the shim and Miniflare's database object.

  // Errors as the shim throws them: a prefixed message, and the bare message as the cause.
  function d1Error(prefix, message) {
    return new Error(prefix + ': ' + message, { cause: new Error(message) });
  }

  function convertValue(r) {
    const rType = typeof r;
    if (rType === 'number' || rType === 'string') return r;
    if (rType === 'boolean') return r ? 1 : 0;
    if (rType === 'object') {
      if (r === null) return r;
      if (Array.isArray(r) && r.every((b) => typeof b === 'number' && b >= 0 && b < 256)) return r;
      if (r instanceof ArrayBuffer) return Array.from(new Uint8Array(r));
      if (ArrayBuffer.isView(r)) return Array.from(r);
    }
    throw d1Error('D1_TYPE_ERROR', `Type '${rType}' not supported for value '${r}'`);
  }

  // Runs queries ({ sql, params }) in one transaction; returns the raw results or throws the D1 error.
  function send(binding, queries, session) {
    if (queries.length > 0 && queries.some((q) => typeof q.sql !== 'string')) {
      throw d1Error('D1_ERROR', 'Failed to parse body as JSON, got: ZodError');
    }
    const answer = JSON.parse(binding.run(JSON.stringify(queries)));
    if (session !== undefined) session._bookmark = binding.bookmark();
    if (answer.error !== undefined) throw d1Error('D1_ERROR', answer.error);
    return answer.results;
  }

  function toObjects(rows, columns) {
    return rows.map((row) => Object.fromEntries(row.map((cell, i) => [columns[i], cell])));
  }
  function toResult(r) {
    return { success: true, meta: r.meta, results: toObjects(r.rows, r.columns) };
  }

  const implOf = new WeakMap();

  class D1PreparedStatement {
    constructor(dbSession, statement, params = []) {
      this.dbSession = dbSession;
      this.statement = statement;
      this.params = params;
    }

    bind(...values) {
      return new D1PreparedStatement(this.dbSession, this.statement, values.map(convertValue));
    }

    #send() {
      const s = this.dbSession;
      return send(implOf.get(s), [{ sql: this.statement, params: this.params }], s)[0];
    }

    async first(colName) {
      const info = this.#send();
      const results = toObjects(info.rows, info.columns);
      if (colName !== undefined) {
        if (results.length > 0 && results[0][colName] === undefined) {
          throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${colName})`, { cause: new Error('Column not found') });
        }
        return results[0]?.[colName] ?? null;
      }
      return results[0] ?? null;
    }

    async run() {
      return toResult(this.#send());
    }

    async all() {
      return toResult(this.#send());
    }

    async raw(options) {
      const info = this.#send();
      const rows = info.rows;
      if (options?.columnNames) return [info.columns, ...rows];
      return rows;
    }
  }

  class D1DatabaseSession {
    constructor(binding, bookmark) {
      implOf.set(this, binding);
      Object.defineProperty(this, '_bookmark', { value: bookmark, writable: true, enumerable: false });
    }

    prepare(query) {
      return new D1PreparedStatement(this, query);
    }

    async batch(statements) {
      const queries = statements.map((s) => ({ sql: s.statement, params: s.params }));
      return send(implOf.get(this), queries, this).map(toResult);
    }

    getBookmark() {
      return this._bookmark;
    }
  }

  class D1Database {
    constructor(binding) {
      implOf.set(this, binding);
      // Statements prepared on the database run outside any session (sessions only add bookmarks).
      this.alwaysPrimarySession = new D1DatabaseSession(binding, null);
    }

    prepare(query) {
      return new D1PreparedStatement(this.alwaysPrimarySession, query);
    }

    async batch(statements) {
      return this.alwaysPrimarySession.batch(statements);
    }

    async exec(query) {
      if (query === undefined || query === null) {
        throw new TypeError(`Cannot read properties of ${query} (reading 'trim')`);
      }
      const lines = query.trim().split('\n');
      const answer = JSON.parse(implOf.get(this).run(JSON.stringify(lines.map((sql) => ({ sql, params: [] })))));
      if (answer.error !== undefined) {
        // Miniflare runs all lines as one transaction and reports one error, which the shim pins on line 1.
        const message = `Error in line 1: ${lines[0]}: ${answer.error}`;
        throw d1Error('D1_EXEC_ERROR', message);
      }
      return { count: answer.results.length, duration: answer.results.reduce((p, c) => p + c.meta.duration, 0) };
    }

    withSession(constraintOrBookmark = 'first-unconstrained') {
      const c = constraintOrBookmark.trim();
      const bookmark = c === 'first-primary' || c === 'first-unconstrained' ? null : c;
      return new D1DatabaseSession(implOf.get(this), bookmark);
    }

    async dump() {
      return new Uint8Array(implOf.get(this).dump()).slice().buffer;
    }
  }

  internals.makeD1Database = (binding) => new D1Database(binding);
  return {};
})
