(function (host, global, internals) {
  'use strict';
  // Cloudflare Queues in a worker: the producer binding (env.QUEUE.send/sendBatch over a Java QueueProducerHost)
  // and the consumer side (the MessageBatch handed to queue() and the result reported back to the broker).
  // Installed on demand, only in isolates that bind or consume a queue. Type checks and error messages follow
  // workerd's api/queue.c++; sizes, delays and delivery are the Java broker's.

  const CONTENT_TYPES = ['text', 'bytes', 'json', 'v8'];

  function call(fn) {
    try { return fn(); } catch (e) { internals.rethrow(e); }
  }
  function contentTypeOf(type) {
    if (type === undefined) return 'v8';
    const lower = String(type).toLowerCase();
    if (!CONTENT_TYPES.includes(lower)) throw new TypeError(`Unsupported queue message content type: ${type}`);
    return lower;
  }
  /** The body as [data, offset, length] for the host: a string (sent as UTF-8) or an ArrayBuffer range. */
  function encode(body, type, op) {
    switch (type) {
      case 'text':
        if (typeof body !== 'string') {
          throw new TypeError(`Content Type "text" requires a value of type string, but received: ${typeof body}`);
        }
        return [body, 0, body.length];
      case 'bytes':
        if (!ArrayBuffer.isView(body)) {
          throw new TypeError(`Content Type "bytes" requires a value of type ArrayBufferView, but received: ${typeof body}`);
        }
        return [body.buffer, body.byteOffset, body.byteLength];
      case 'json': {
        const text = JSON.stringify(body);
        // workerd sends the text "undefined", which the local broker cannot parse: the send fails with a 500.
        if (text === undefined) throw new Error(`Queue ${op} failed: Internal Server Error`);
        return [text, 0, text.length];
      }
      default: {
        const text = internals.serialize(body);
        return [text, 0, text.length];
      }
    }
  }
  const delayOf = (options) => (options !== undefined && options !== null && options.delaySeconds !== undefined
    ? Number(options.delaySeconds) : NaN);
  function metricsFrom(json) {
    const m = JSON.parse(json);
    if (m.oldestMessageTimestamp !== undefined) m.oldestMessageTimestamp = new Date(m.oldestMessageTimestamp);
    return m;
  }

  class WorkerQueue {
    #host;
    constructor(queueHost) { this.#host = queueHost; }

    async send(body, options = undefined) {
      if (body === undefined) throw new TypeError('Message body cannot be undefined');
      const type = contentTypeOf(options === undefined || options === null ? undefined : options.contentType);
      const [data, offset, length] = encode(body, type, 'send');
      const json = call(() => this.#host.send(type, data, offset, length, delayOf(options)));
      const metadata = JSON.parse(json);
      metadata.metrics = metricsFrom(JSON.stringify(metadata.metrics));
      return { metadata };
    }

    async sendBatch(messages, options = undefined) {
      if (messages === null || typeof messages !== 'object' || typeof messages[Symbol.iterator] !== 'function') {
        throw new TypeError("Failed to execute 'sendBatch' on 'WorkerQueue': parameter 1 is not of type 'Sequence'.");
      }
      const list = [...messages];
      if (list.length === 0) throw new TypeError('sendBatch() requires at least one message');
      const out = [];
      for (const m of list) {
        const body = m === null || m === undefined ? undefined : m.body;
        if (body === undefined) throw new TypeError('Message body cannot be undefined');
        const type = contentTypeOf(m.contentType);
        const [data, offset, length] = encode(body, type, 'sendBatch');
        out.push([type, data, offset, length, delayOf(m)]);
      }
      const json = call(() => this.#host.sendBatch(out, delayOf(options)));
      const metadata = JSON.parse(json);
      metadata.metrics = metricsFrom(JSON.stringify(metadata.metrics));
      return { metadata };
    }

    async metrics() {
      return metricsFrom(call(() => this.#host.metrics()));
    }
  }
  internals.makeQueueProducer = (queueHost) => new WorkerQueue(queueHost);

  // --- consumer --------------------------------------------------------------------------------------------------
  const warn = (message) => global.console.warn(message);
  const delayOption = (options) => {
    if (options === undefined || options === null || options.delaySeconds === undefined) return undefined;
    const d = Math.trunc(Number(options.delaySeconds));
    return Number.isFinite(d) ? d : undefined;
  };

  class QueueMessage {
    #state;
    constructor(state, id, timestamp, body, attempts) {
      this.#state = state;
      const ro = (value) => ({ value, enumerable: true, writable: false, configurable: false });
      Object.defineProperties(this, { attempts: ro(attempts), body: ro(body), timestamp: ro(timestamp), id: ro(id) });
    }
    retry(options = undefined) {
      const s = this.#state;
      if (s.retryAll) return;
      if (s.ackAll) {
        warn(`Received a call to retry() on message ${this.id} after ackAll() was already called. `
          + 'Calling retry() on a message after calling ackAll() has no effect.');
        return;
      }
      if (s.acks.has(this.id)) {
        warn(`Received a call to retry() on message ${this.id} after ack() was already called. `
          + 'Calling retry() on a message after calling ack() has no effect.');
        return;
      }
      if (!s.retries.has(this.id)) s.retries.set(this.id, delayOption(options));
    }
    ack() {
      const s = this.#state;
      if (s.ackAll) return;
      if (s.retryAll) {
        warn(`Received a call to ack() on message ${this.id} after retryAll() was already called. `
          + 'Calling ack() on a message after calling retryAll() has no effect.');
        return;
      }
      if (s.retries.has(this.id)) {
        warn(`Received a call to ack() on message ${this.id} after retry() was already called. `
          + 'Calling ack() on a message after calling retry() has no effect.');
        return;
      }
      s.acks.add(this.id);
    }
  }

  class MessageBatch {
    #state;
    constructor(state, queue, messages, metadata) {
      this.#state = state;
      const ro = (value) => ({ value, enumerable: true, writable: false, configurable: false });
      Object.defineProperties(this, { metadata: ro(metadata), queue: ro(queue), messages: ro(messages) });
    }
    retryAll(options = undefined) {
      const s = this.#state;
      if (s.ackAll) {
        warn('Received a call to retryAll() after ackAll() was already called. '
          + 'Calling retryAll() after calling ackAll() has no effect.');
        return;
      }
      s.retryAll = true;
      s.retryAllDelay = delayOption(options);
    }
    ackAll() {
      const s = this.#state;
      if (s.retryAll) {
        warn('Received a call to ackAll() after retryAll() was already called. '
          + 'Calling ackAll() after calling retryAll() has no effect.');
        return;
      }
      s.ackAll = true;
    }
  }

  let QueueEvent = null;
  function queueEventClass() {
    if (QueueEvent !== null) return QueueEvent;
    QueueEvent = class QueueEvent extends global.Event {
      #batch;
      #onWaitUntil;
      constructor(batch, onWaitUntil) { super('queue'); this.#batch = batch; this.#onWaitUntil = onWaitUntil; }
      get queue() { return this.#batch.queue; }
      get messages() { return this.#batch.messages; }
      get metadata() { return this.#batch.metadata; }
      retryAll(options = undefined) { this.#batch.retryAll(options); }
      ackAll() { this.#batch.ackAll(); }
      waitUntil(promise) { this.#onWaitUntil(promise); }
    };
    return QueueEvent;
  }

  function bodyOf(batchHost, i) {
    switch (batchHost.contentType(i)) {
      case 'text': return batchHost.text(i);
      case 'json': return JSON.parse(batchHost.text(i));
      case 'bytes': return new Uint8Array(batchHost.bytes(i)).slice().buffer;
      default: return internals.deserialize(batchHost.text(i));
    }
  }

  /**
   * Runs the worker's queue handler with the batch behind `batchHost`, then reports to `cb` (as JSON) the outcome,
   * ackAll/retryAll and the explicit acks and retries, once the handler and its waitUntil promises settled.
   */
  internals.dispatchQueue = (batchHost, cb) => {
    const state = { ackAll: false, retryAll: false, retryAllDelay: undefined, acks: new Set(), retries: new Map() };
    const waits = [];
    const onWaitUntil = (promise) => {
      waits.push(Promise.resolve(promise).catch(() => {}));
      internals.trackWaitUntil(promise);
    };
    const finish = (outcome, error) => {
      const result = {
        outcome,
        ackAll: state.ackAll,
        retryBatch: state.retryAll ? { retry: true, delaySeconds: state.retryAllDelay } : { retry: false },
        explicitAcks: [...state.acks],
        retryMessages: [...state.retries].map(([msgId, delaySeconds]) => ({ msgId, delaySeconds })),
      };
      if (outcome !== 'ok') {
        const isError = error !== null && typeof error === 'object';
        result.error = {
          name: isError && error.name ? String(error.name) : 'Error',
          message: isError ? String(error.message) : String(error),
          stack: internals.describeError(error),
        };
      }
      cb.resolveJson(JSON.stringify(result));
    };
    let result;
    try {
      const messages = [];
      for (let i = 0; i < batchHost.size(); i++) {
        messages.push(new QueueMessage(state, batchHost.id(i), new Date(batchHost.timestamp(i)), bodyOf(batchHost, i),
          batchHost.attempts(i)));
      }
      const batch = new MessageBatch(state, batchHost.queue(), messages, JSON.parse(batchHost.metadata()));
      const exported = internals.moduleExports();
      if (exported !== null) {
        const ctx = new internals.ExecutionContext(onWaitUntil);
        const handler = internals.exportHandler('default', ctx);
        if (handler === undefined || handler === null || typeof handler.queue !== 'function') {
          throw new Error('Handler does not export a queue() function.');
        }
        result = typeof exported.default === 'function' ? handler.queue(batch) : handler.queue(batch, internals.env(), ctx);
      } else {
        if (internals.listenerCount('queue') === 0) throw new Error('No queue event listener registered.');
        internals.dispatchEvent(new (queueEventClass())(batch, onWaitUntil));
      }
    } catch (e) {
      internals.reportError(e);
      finish('exception', e);
      return;
    }
    Promise.resolve(result).then(() => Promise.all(waits)).then(() => finish('ok'), (e) => {
      internals.reportError(e);
      finish('exception', e);
    });
  };

  return {};
})
