(function (host, global, internals) {
  'use strict';
  // WebSocketPair and WebSocket as workerd has them (checked on Miniflare 4 / workerd: no on* handler
  // properties, readyState OPEN from the start, messages buffered until accept(), close codes 1000-4999 except
  // 1004-1006 and 1015). The two ends of a pair are linked directly while both are in this isolate; an end that
  // leaves in a 101 response is replaced by a Java dev.miniflare.http.WebSocket (WebSocketHost), and one that
  // arrives from outside talks to its Java end. Whatever Java delivers comes in as a task on this isolate's loop.
  const { EventTarget, MessageEvent, CloseEvent, DOMException } = global;
  const CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;
  const SEND_TYPE_ERROR = "Failed to execute 'send' on 'WebSocket': parameter 1 is not of type 'ArrayBuffer or ArrayBufferView or string'.";
  const INTERNAL = Symbol('internal');

  // installed on internals by the lazy loader from the returned object (assigning them here would recurse)
  let webSocketToHost, webSocketFromHost, isWebSocket, acceptWebSocketForHibernation;
  const validCloseCode = (c) => c >= 1000 && c < 5000 && c !== 1004 && c !== 1005 && c !== 1006 && c !== 1015;

  class WebSocket extends EventTarget {
    #readyState = OPEN;
    #binaryType = 'arraybuffer';
    #accepted = false;
    #closeSent = false;
    #closeReceived = false;
    // The other end: another WebSocket of this isolate, or { socket, exported } for a Java end (exported: this
    // end's peer left the isolate, so sends go to the Java holder; otherwise the Java end came from outside).
    #peer = null;
    #inbox = []; // events received before accept()
    #handedOut = false;
    #attachment = undefined;
    #hibernation = null; // (item) => void: a Durable Object's ctx.acceptWebSocket handlers take the events

    constructor(url, protocols) {
      if (url !== INTERNAL) {
        // workerd's client WebSocket (new WebSocket(url)) opens an outbound connection: not simulated here.
        throw new TypeError('new WebSocket(url) (outbound WebSocket client connections) is not supported by this simulator yet; use fetch() with an "Upgrade: websocket" header.');
      }
      super();
    }

    get readyState() { return this.#readyState; }
    get url() { return null; }
    get protocol() { return ''; }
    get extensions() { return ''; }
    get binaryType() { return this.#binaryType; }
    set binaryType(value) {
      // workerd takes "blob" and "arraybuffer" and ignores anything else
      value = String(value);
      if (value === 'blob' || value === 'arraybuffer') this.#binaryType = value;
    }

    accept() {
      if (this.#hibernation !== null) throw new TypeError("Can't accept() WebSocket after enabling hibernation.");
      if (this.#accepted) return;
      if (this.#handedOut) throw new TypeError("Can't accept() WebSocket that was already used in a response.");
      this.#accepted = true;
      const peer = this.#peer;
      if (peer !== null && !(peer instanceof WebSocket) && !peer.exported) {
        host.listen(peer.socket, (text, bytes) => this.#receiveMessage(text !== null ? text : copyBuffer(bytes)),
          (code, reason, wasClean) => this.#receiveClose(code, reason, wasClean));
      }
      const inbox = this.#inbox;
      this.#inbox = [];
      if (inbox.length > 0) Promise.resolve().then(() => { for (const item of inbox) this.#dispatch(item); });
    }

    send(message) {
      if (arguments.length < 1) throw new TypeError(SEND_TYPE_ERROR);
      if (!this.#accepted) {
        throw new TypeError('You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.');
      }
      if (this.#closeSent) throw new TypeError("Can't call WebSocket send() after close().");
      let data;
      if (typeof message === 'string') data = message;
      else if (message instanceof ArrayBuffer) data = message.slice(0);
      else if (ArrayBuffer.isView(message)) data = message.buffer.slice(message.byteOffset, message.byteOffset + message.byteLength);
      else data = String(message);
      const peer = this.#peer;
      if (peer === null) return;
      if (peer instanceof WebSocket) {
        peer.#receiveMessage(data);
      } else if (typeof data === 'string') {
        (peer.exported ? host.sendToHolder : host.sendToOrigin).call(host, peer.socket, data, 0, data.length);
      } else {
        (peer.exported ? host.sendToHolder : host.sendToOrigin).call(host, peer.socket, data, 0, data.byteLength);
      }
    }

    close(code = undefined, reason = undefined) {
      if (code === undefined && reason !== undefined) {
        throw new DOMException('If you specify a WebSocket close reason, you must also specify a code.', 'InvalidAccessError');
      }
      if (code !== undefined) {
        code = Number(code) & 0xffff;
        if (!validCloseCode(code)) throw new DOMException(`Invalid WebSocket close code: ${code}.`, 'InvalidAccessError');
      }
      if (this.#closeSent) return;
      this.#closeSent = true;
      this.#readyState = this.#closeReceived ? CLOSED : CLOSING;
      const sentCode = code === undefined ? 1005 : code; // "no status received", as the far end sees it
      const sentReason = reason === undefined ? '' : String(reason);
      const peer = this.#peer;
      if (peer === null) return;
      if (peer instanceof WebSocket) peer.#receiveClose(sentCode, sentReason, true);
      else if (peer.exported) host.closeToHolder(peer.socket, sentCode, sentReason);
      else host.closeToOrigin(peer.socket, sentCode, sentReason);
    }

    // Durable Object hibernation attachments (workerd keeps them with the socket)
    serializeAttachment(value) { this.#attachment = global.structuredClone(value); }
    deserializeAttachment() { return this.#attachment === undefined ? null : global.structuredClone(this.#attachment); }

    #receiveMessage(data) {
      this.#enqueue({ message: data });
    }

    #receiveClose(code, reason, wasClean) {
      this.#enqueue({ close: true, code, reason, wasClean });
    }

    #enqueue(item) {
      if (!this.#accepted) {
        this.#inbox.push(item);
        return;
      }
      Promise.resolve().then(() => this.#dispatch(item));
    }

    #dispatch(item) {
      if (this.#hibernation !== null) {
        if (item.close) {
          this.#closeReceived = true;
          this.#readyState = this.#closeSent ? CLOSED : CLOSING;
        }
        this.#hibernation(item);
        return;
      }
      if (item.close) {
        this.#closeReceived = true;
        this.#readyState = this.#closeSent ? CLOSED : CLOSING;
        this.dispatchEvent(new CloseEvent('close', { code: item.code, reason: item.reason, wasClean: item.wasClean }));
        return;
      }
      let data = item.message;
      if (typeof data !== 'string' && this.#binaryType === 'blob' && global.Blob) data = new global.Blob([data]);
      this.dispatchEvent(new MessageEvent('message', { data }));
    }

    static {
      // A pair's two ends.
      internals.newWebSocketPair = () => {
        const a = new WebSocket(INTERNAL);
        const b = new WebSocket(INTERNAL);
        a.#peer = b;
        b.#peer = a;
        return [a, b];
      };
      /** The Java end for a JS end leaving in a 101 response (its peer stays here and talks to Java). */
      webSocketToHost = (ws) => {
        if (ws.#handedOut) throw new TypeError("Can't return WebSocket in a Response more than once.");
        const peer = ws.#peer;
        if (peer !== null && !(peer instanceof WebSocket) && !peer.exported && !ws.#accepted) {
          // an end that came from outside is handed on as it is (a worker proxying another's WebSocket)
          ws.#handedOut = true;
          return peer.socket;
        }
        if (!(peer instanceof WebSocket)) throw new TypeError('This WebSocket cannot be returned in a Response.');
        const socket = host.export(
          (text, bytes) => peer.#receiveMessage(text !== null ? text : copyBuffer(bytes)),
          (code, reason, wasClean) => peer.#receiveClose(code, reason, wasClean));
        peer.#peer = { socket, exported: true };
        ws.#handedOut = true;
        ws.#peer = null;
        // what the kept end sent before the response left was waiting here: it goes to the Java holder
        for (const item of ws.#inbox) {
          if (item.close) host.closeToHolder(socket, item.code, item.reason);
          else if (typeof item.message === 'string') host.sendToHolder(socket, item.message, 0, item.message.length);
          else host.sendToHolder(socket, item.message, 0, item.message.byteLength);
        }
        ws.#inbox = [];
        return socket;
      };
      /** A JS end for a Java end that arrived from outside (another worker's 101 response). */
      webSocketFromHost = (socket) => {
        const ws = new WebSocket(INTERNAL);
        ws.#peer = { socket, exported: false };
        return ws;
      };
      isWebSocket = (v) => v instanceof WebSocket;
      /** ctx.acceptWebSocket: accepts the end with handlers instead of event listeners (texts from workerd). */
      acceptWebSocketForHibernation = (ws, onMessage, onClose) => {
        if (ws.#accepted) throw new Error('Cannot call `acceptWebSocket()` if the WebSocket was already accepted via `accept()`');
        ws.#hibernation = (item) => {
          if (item.close) onClose(item.code, item.reason, item.wasClean);
          else onMessage(item.message);
        };
        ws.#accepted = true;
        const peer = ws.#peer;
        if (peer !== null && !(peer instanceof WebSocket) && !peer.exported) {
          host.listen(peer.socket, (text, bytes) => ws.#receiveMessage(text !== null ? text : copyBuffer(bytes)),
            (code, reason, wasClean) => ws.#receiveClose(code, reason, wasClean));
        }
        const inbox = ws.#inbox;
        ws.#inbox = [];
        if (inbox.length > 0) Promise.resolve().then(() => { for (const item of inbox) ws.#dispatch(item); });
      };
    }
  }
  for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED],
    ['READY_STATE_CONNECTING', CONNECTING], ['READY_STATE_OPEN', OPEN], ['READY_STATE_CLOSING', CLOSING],
    ['READY_STATE_CLOSED', CLOSED]]) {
    const d = { value, enumerable: true, writable: false, configurable: false };
    Object.defineProperty(WebSocket, name, d);
    Object.defineProperty(WebSocket.prototype, name, d);
  }

  function copyBuffer(bytes) {
    return new Uint8Array(bytes).slice().buffer;
  }

  class WebSocketPair {
    constructor() {
      const [client, server] = internals.newWebSocketPair();
      // own enumerable "0" and "1", as workerd
      Object.defineProperties(this, {
        0: { value: client, enumerable: true, writable: true, configurable: true },
        1: { value: server, enumerable: true, writable: true, configurable: true },
      });
    }
  }

  return {
    WebSocketPair, WebSocket,
    webSocketToHost, webSocketFromHost, isWebSocket, acceptWebSocketForHibernation,
  };
})
