(function (host, global, internals) {
  'use strict';
  // DOMException, Event, EventTarget, AbortController, AbortSignal, CustomEvent as workerd has them
  // (src/workerd/api/basics.{h,c++}, src/workerd/jsg/dom-exception.{h,c++}).
  const NAMES = ['IndexSizeError', 'DOMStringSizeError', 'HierarchyRequestError', 'WrongDocumentError',
    'InvalidCharacterError', 'NoDataAllowedError', 'NoModificationAllowedError', 'NotFoundError',
    'NotSupportedError', 'InUseAttributeError', 'InvalidStateError', 'SyntaxError', 'InvalidModificationError',
    'NamespaceError', 'InvalidAccessError', 'ValidationError', 'TypeMismatchError', 'SecurityError',
    'NetworkError', 'AbortError', 'URLMismatchError', 'QuotaExceededError', 'TimeoutError',
    'InvalidNodeTypeError', 'DataCloneError'];
  const CONSTANTS = ['INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR',
    'INVALID_CHARACTER_ERR', 'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR',
    'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR', 'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR',
    'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR',
    'ABORT_ERR', 'URL_MISMATCH_ERR', 'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR',
    'DATA_CLONE_ERR'];
  const str = (v) => (typeof v === 'string' ? v : `${v}`);
  const ro = (value) => ({ value, enumerable: true, writable: false, configurable: true });
  const tag = (cls, name) =>
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });
  const constants = (cls, names, first) => {
    for (let i = 0; i < names.length; i++) {
      const d = { value: i + first, enumerable: true, writable: false, configurable: false };
      Object.defineProperty(cls, names[i], d);
      Object.defineProperty(cls.prototype, names[i], d);
    }
  };

  class DOMException extends Error {
    constructor(message, name) {
      message = message === undefined ? '' : str(message);
      name = name === undefined ? 'Error' : str(name);
      super(message);
      // workerd defines these as read-only enumerable own properties, and makes `stack` enumerable too.
      const code = NAMES.indexOf(name) + 1;
      Object.defineProperties(this, { message: ro(message), name: ro(name), code: ro(code) });
      const stack = Object.getOwnPropertyDescriptor(this, 'stack');
      if (stack) {
        stack.enumerable = true;
        Object.defineProperty(this, 'stack', stack);
      }
    }
  }
  constants(DOMException, CONSTANTS, 1);
  tag(DOMException, 'DOMException');

  // ---------------------------------------------------------------------------------------------
  const TRUSTED = 1, STOPPED = 2, PREVENTED = 4, DISPATCHING = 8, PROPAGATION_STOPPED = 16,
    COMPOSED = 32, BUBBLES = 64, CANCELABLE = 128;
  const INTERNAL = Symbol('internal');
  let ev; // internal access to Event state, set in Event's static block

  class Event {
    #type;
    #flags;
    #target = null;
    constructor(type, init) {
      this.#type = str(type);
      let flags = 0;
      if (init !== undefined && init !== null) {
        if (typeof init !== 'object' && typeof init !== 'function') {
          throw new TypeError(`Failed to construct '${new.target.name}': constructor parameter 2 is not of type '${
            new.target === CustomEvent ? 'CustomEventInit' : 'Init'}'.`);
        }
        if (init.bubbles) flags |= BUBBLES;
        if (init.cancelable) flags |= CANCELABLE;
        if (init.composed) flags |= COMPOSED;
        if (init[INTERNAL] === true) flags |= TRUSTED;
      }
      this.#flags = flags;
    }
    get type() { return this.#type; }
    get eventPhase() { return this.#flags & DISPATCHING ? 2 : 0; }
    get composed() { return (this.#flags & COMPOSED) !== 0; }
    get bubbles() { return (this.#flags & BUBBLES) !== 0; }
    get cancelable() { return (this.#flags & CANCELABLE) !== 0; }
    get defaultPrevented() { return (this.#flags & (CANCELABLE | PREVENTED)) === (CANCELABLE | PREVENTED); }
    get returnValue() { return !this.defaultPrevented; }
    get currentTarget() { return this.#target === null ? undefined : this.#target; }
    get target() { return this.#target === null ? undefined : this.#target; }
    get srcElement() { return this.#target === null ? undefined : this.#target; }
    get timeStamp() { return 0; } // workerd always reports 0
    get isTrusted() { return (this.#flags & TRUSTED) !== 0; }
    get cancelBubble() { return (this.#flags & PROPAGATION_STOPPED) !== 0; }
    set cancelBubble(v) { this.#flags = v ? this.#flags | PROPAGATION_STOPPED : this.#flags & ~PROPAGATION_STOPPED; }
    stopImmediatePropagation() { this.#flags |= STOPPED; }
    preventDefault() { this.#flags |= PREVENTED; }
    stopPropagation() { this.#flags |= PROPAGATION_STOPPED; }
    composedPath() { return this.#flags & DISPATCHING ? [this.#target] : []; }
    static {
      ev = {
        is: (e) => e !== null && typeof e === 'object' && #type in e,
        begin(e, target) {
          if (e.#flags & DISPATCHING) throw new DOMException('The event is already being dispatched.', 'InvalidStateError');
          e.#flags = (e.#flags | DISPATCHING) & ~PREVENTED;
          e.#target = target;
        },
        end(e) { e.#flags &= ~DISPATCHING; },
        flag: (e, f) => (e.#flags & f) !== 0,
      };
    }
  }
  constants(Event, ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'], 0);
  tag(Event, 'Event');

  class CustomEvent extends Event {
    #detail;
    constructor(type, init) {
      super(type, init);
      if (init !== undefined && init !== null) this.#detail = init.detail;
    }
    get detail() { return this.#detail; }
  }
  tag(CustomEvent, 'CustomEvent');

  // Events workerd exposes for errors, messages, WebSocket closes and promise rejections.
  class ErrorEvent extends Event {
    #init;
    constructor(type, init = undefined) {
      super(type, init);
      this.#init = init === undefined || init === null ? {} : init;
    }
    get message() { return this.#init.message === undefined ? '' : String(this.#init.message); }
    get filename() { return this.#init.filename === undefined ? '' : String(this.#init.filename); }
    get lineno() { return this.#init.lineno === undefined ? 0 : Number(this.#init.lineno) >>> 0; }
    get colno() { return this.#init.colno === undefined ? 0 : Number(this.#init.colno) >>> 0; }
    get error() { return this.#init.error; }
  }
  tag(ErrorEvent, 'ErrorEvent');
  class MessageEvent extends Event {
    #data;
    constructor(type, init = undefined) {
      super(type, init);
      if (init !== undefined && init !== null) this.#data = init.data;
    }
    get data() { return this.#data; }
  }
  tag(MessageEvent, 'MessageEvent');
  class CloseEvent extends Event {
    #init;
    constructor(type, init = undefined) {
      super(type, init);
      this.#init = init === undefined || init === null ? {} : init;
    }
    get code() { return this.#init.code === undefined ? 0 : Number(this.#init.code) & 0xffff; }
    get reason() { return this.#init.reason === undefined ? '' : String(this.#init.reason); }
    get wasClean() { return Boolean(this.#init.wasClean); }
  }
  tag(CloseEvent, 'CloseEvent');
  // Only the runtime creates these (workerd: "Illegal constructor").
  const REJECTION = Symbol('rejection');
  class PromiseRejectionEvent extends Event {
    #promise;
    #reason;
    constructor(type, init = undefined, token = undefined) {
      if (token !== REJECTION) throw new TypeError('Illegal constructor');
      super(type); // not cancelable on workerd
      this.#promise = init.promise;
      this.#reason = init.reason;
    }
    get promise() { return this.#promise; }
    get reason() { return this.#reason; }
  }
  tag(PromiseRejectionEvent, 'PromiseRejectionEvent');
  if (internals !== undefined) {
    internals.promiseRejectionEvent = (type, promise, reason) =>
      new PromiseRejectionEvent(type, { promise, reason }, REJECTION);
  }

  // ---------------------------------------------------------------------------------------------
  let et; // internal access to EventTarget state

  class EventTarget {
    // type -> array of { id, fn, self, once }; arrays are replaced (copy on write) when modified so that
    // dispatch can iterate a snapshot.
    #map = null;
    addEventListener(type, listener, options) {
      type = str(type);
      if (listener === undefined || listener === null) return;
      let fn = listener, self = this;
      if (typeof listener !== 'function') {
        if (typeof listener !== 'object') {
          throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'function or HandlerObject'.");
        }
        fn = listener.handleEvent;
        if (typeof fn !== 'function') {
          throw new TypeError("Incorrect type for the 'handleEvent' field on 'HandlerObject': the provided value is not of type 'function'.");
        }
        self = listener;
      }
      let once = false, signal;
      if (options !== undefined && options !== null) {
        if (typeof options === 'object' || typeof options === 'function') {
          if (options.capture) throw new TypeError('addEventListener(): options.capture must be false.');
          if (options.passive) throw new TypeError('addEventListener(): options.passive must be false.');
          once = !!options.once;
          signal = options.signal;
          if (signal !== undefined && !(signal instanceof AbortSignal)) {
            throw new TypeError("Incorrect type for the 'signal' field on 'AddEventListenerOptions': the provided value is not of type 'AbortSignal'.");
          }
        } else if (options) {
          throw new TypeError('addEventListener(): useCapture must be false.');
        }
      }
      if (signal !== undefined) {
        if (signal.aborted) return;
      }
      if (this.#add(type, { id: listener, fn, self, once }) && signal !== undefined) {
        const remove = () => this.removeEventListener(type, listener);
        et.add(signal, 'abort', { id: remove, fn: remove, self: undefined, once: true });
      }
    }
    removeEventListener(type, listener, options) {
      type = str(type);
      if (options !== undefined && options !== null) {
        if (typeof options === 'object' || typeof options === 'function') {
          if (options.capture) throw new TypeError('removeEventListener(): options.capture must be false.');
        } else if (options) {
          throw new TypeError('removeEventListener(): useCapture must be false.');
        }
      }
      if (listener === undefined || listener === null || this.#map === null) return;
      const list = this.#map.get(type);
      if (list === undefined) return;
      for (let i = 0; i < list.length; i++) {
        if (list[i].id === listener) {
          const copy = list.slice();
          copy.splice(i, 1);
          if (copy.length === 0) this.#map.delete(type); else this.#map.set(type, copy);
          return;
        }
      }
    }
    dispatchEvent(event) {
      if (!ev.is(event)) {
        throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      }
      ev.begin(event, this);
      try {
        const type = event.type;
        const on = this['on' + type];
        if (typeof on === 'function') {
          if (on.call(this, event) === true) event.preventDefault();
        }
        const list = this.#map === null ? undefined : this.#map.get(type);
        if (list !== undefined) {
          for (let i = 0; i < list.length; i++) {
            if (ev.flag(event, STOPPED)) break;
            const h = list[i];
            const current = this.#map.get(type);
            if (current !== list && (current === undefined || current.indexOf(h) < 0)) continue;
            if (h.once) this.removeEventListener(type, h.id);
            if (h.fn.call(h.self, event) === true) event.preventDefault();
          }
        }
        return !ev.flag(event, PREVENTED);
      } finally {
        ev.end(event);
      }
    }
    #add(type, entry) {
      if (this.#map === null) this.#map = new Map();
      const list = this.#map.get(type);
      if (list === undefined) {
        this.#map.set(type, [entry]);
        return true;
      }
      for (let i = 0; i < list.length; i++) if (list[i].id === entry.id) return false;
      this.#map.set(type, list.concat(entry));
      return true;
    }
    static {
      et = {
        add: (target, type, entry) => target.#add(type, entry),
        clear(target) { target.#map = null; },
      };
    }
  }
  tag(EventTarget, 'EventTarget');

  // ---------------------------------------------------------------------------------------------
  const KEY = Symbol('AbortSignal');
  let trigger;

  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #onabort = null;
    constructor(key, aborted, reason) {
      if (key !== KEY) throw new TypeError('Illegal constructor');
      super();
      if (aborted) {
        this.#aborted = true;
        this.#reason = reason === undefined ? abortError() : reason;
      }
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    get onabort() { return this.#onabort; }
    set onabort(h) { this.#onabort = (typeof h === 'function' || (typeof h === 'object' && h !== null)) ? h : null; }
    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }
    static abort(reason) {
      return new AbortSignal(KEY, true, reason);
    }
    static timeout(delay) {
      const signal = new AbortSignal(KEY);
      global.setTimeout(() => trigger(signal,
        new DOMException('The operation was aborted due to timeout', 'TimeoutError')), +delay);
      return signal;
    }
    static any(signals) {
      if (!Array.isArray(signals)) {
        throw new TypeError("Failed to execute 'any' on 'AbortSignal': parameter 1 is not of type 'Array'.");
      }
      for (let i = 0; i < signals.length; i++) {
        if (!(signals[i] instanceof AbortSignal)) {
          throw new TypeError(`Incorrect type for array element ${i}: the provided value is not of type 'AbortSignal'.`);
        }
      }
      for (const s of signals) if (s.#aborted) return new AbortSignal(KEY, true, s.#reason);
      const signal = new AbortSignal(KEY);
      for (const s of signals) {
        const fn = () => trigger(signal, s.#reason);
        et.add(s, 'abort', { id: fn, fn, self: undefined, once: true });
      }
      return signal;
    }
    static {
      trigger = (signal, reason) => {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason === undefined ? abortError() : reason;
        try {
          signal.dispatchEvent(new Event('abort', { [INTERNAL]: true }));
        } finally {
          et.clear(signal); // workerd drops all listeners once aborted
        }
      };
    }
  }
  tag(AbortSignal, 'AbortSignal');
  const abortError = () => new DOMException('The operation was aborted', 'AbortError');

  class AbortController {
    #signal = new AbortSignal(KEY);
    get signal() { return this.#signal; }
    abort(reason) { trigger(this.#signal, reason); }
  }
  tag(AbortController, 'AbortController');

  return {
    DOMException, Event, EventTarget, AbortController, AbortSignal, CustomEvent, ErrorEvent, MessageEvent,
    CloseEvent, PromiseRejectionEvent,
  };
})
