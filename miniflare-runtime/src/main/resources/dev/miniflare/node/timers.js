(function (host, global, internals) {
  'use strict';
  // node:timers: Node's Timeout/Immediate objects over the runtime's own timers (which carry the async context).
  const { setTimeout: webSetTimeout, setInterval: webSetInterval, clearTimeout: webClear } = global;

  class Timeout {
    #id; #repeat; #callback; #delay; #args;
    constructor(callback, delay, args, repeat) {
      this.#callback = callback; this.#delay = delay; this.#args = args; this.#repeat = repeat;
      this.#start();
    }
    #start() {
      this.#id = (this.#repeat ? webSetInterval : webSetTimeout)(this.#callback, this.#delay, ...this.#args);
    }
    refresh() { webClear(this.#id); this.#start(); return this; }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    close() { webClear(this.#id); return this; }
    [Symbol.toPrimitive]() { return this.#id; }
    [Symbol.dispose]() { this.close(); }
  }
  function checkCallback(callback) {
    if (typeof callback !== 'function') throw internals.nodeErrors.invalidArgType('callback', 'of type function', callback);
  }
  function setTimeout(callback, delay, ...args) { checkCallback(callback); return new Timeout(callback, delay, args, false); }
  function setInterval(callback, delay, ...args) { checkCallback(callback); return new Timeout(callback, delay, args, true); }
  function clearTimeout(timer) {
    if (timer instanceof Timeout || timer instanceof Immediate) timer.close();
    else if (timer !== undefined && timer !== null) webClear(Number(timer));
  }

  class Immediate {
    #id;
    constructor(callback, args) { this.#id = webSetTimeout(callback, 0, ...args); }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    close() { webClear(this.#id); return this; }
    [Symbol.dispose]() { this.close(); }
  }
  function setImmediate(callback, ...args) { checkCallback(callback); return new Immediate(callback, args); }
  function clearImmediate(immediate) { if (immediate instanceof Immediate) immediate.close(); }

  // timers/promises
  const abortError = (signal) => internals.nodeErrors.abortError(signal);
  function delayed(delay, value, options = {}) {
    const { signal } = options;
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const id = webSetTimeout(() => { if (signal) signal.removeEventListener('abort', onAbort); resolve(value); }, delay);
      function onAbort() { webClear(id); reject(abortError(signal)); }
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
  }
  const promises = {
    setTimeout: (delay, value, options) => delayed(delay, value, options),
    setImmediate: (value, options) => delayed(0, value, options),
    async *setInterval(delay, value, options = {}) {
      while (true) { yield await delayed(delay, value, options); }
    },
    scheduler: {
      wait: (delay, options) => delayed(delay, undefined, options),
      yield: () => delayed(0, undefined),
    },
  };

  const exports = {
    Timeout, setTimeout, setInterval, clearTimeout, clearInterval: clearTimeout, setImmediate, clearImmediate,
    promises,
    active(timer) { if (timer instanceof Timeout) timer.refresh(); },
    enroll() { throw new Error('timers.enroll is not supported'); },
    unenroll(timer) { clearTimeout(timer); },
  };
  const named = { ...exports };
  delete named.Timeout;
  return { default: named, ...exports };
})
