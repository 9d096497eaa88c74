(function (host, global, internals) {
  'use strict';
  // node:diagnostics_channel after Node's: named channels (one per name), subscribe/unsubscribe/publish, and
  // tracing channels with start/end/asyncStart/asyncEnd/error. Subscribers run synchronously in the publisher's
  // async context; an error a subscriber throws is reported and does not reach the publisher.
  const { invalidArgType } = internals.nodeErrors;
  const channels = new Map();

  class Channel {
    #subscribers = [];
    #name;
    constructor(name) { this.#name = name; }
    get name() { return this.#name; }
    get hasSubscribers() { return this.#subscribers.length > 0; }
    subscribe(fn) {
      if (typeof fn !== 'function') throw invalidArgType('subscription', 'of type function', fn);
      this.#subscribers.push(fn);
    }
    unsubscribe(fn) {
      const at = this.#subscribers.indexOf(fn);
      if (at < 0) return false;
      this.#subscribers.splice(at, 1);
      return true;
    }
    publish(message) {
      for (const fn of this.#subscribers.slice()) {
        try { fn(message, this.#name); } catch (e) { queueMicrotask(() => { throw e; }); }
      }
    }
    bindStore() {}
    unbindStore() { return false; }
    runStores(data, fn, thisArg, ...args) {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    }
  }
  function channel(name) {
    if (typeof name !== 'string' && typeof name !== 'symbol') throw invalidArgType('channel', 'of type string or symbol', name);
    let ch = channels.get(name);
    if (ch === undefined) { ch = new Channel(name); channels.set(name, ch); }
    return ch;
  }
  const hasSubscribers = (name) => (channels.has(name) ? channels.get(name).hasSubscribers : false);
  const subscribe = (name, fn) => channel(name).subscribe(fn);
  const unsubscribe = (name, fn) => channel(name).unsubscribe(fn);

  const EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
  class TracingChannel {
    constructor(nameOrChannels) {
      for (const e of EVENTS) {
        this[e] = typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${e}`) : nameOrChannels[e];
      }
    }
    get hasSubscribers() { return EVENTS.some((e) => this[e].hasSubscribers); }
    subscribe(handlers) { for (const e of EVENTS) if (handlers[e]) this[e].subscribe(handlers[e]); }
    unsubscribe(handlers) {
      let done = true;
      for (const e of EVENTS) if (handlers[e] && !this[e].unsubscribe(handlers[e])) done = false;
      return done;
    }
    traceSync(fn, context = {}, thisArg, ...args) {
      this.start.publish(context);
      try {
        const result = Reflect.apply(fn, thisArg, args);
        context.result = result;
        return result;
      } catch (error) {
        context.error = error;
        this.error.publish(context);
        throw error;
      } finally {
        this.end.publish(context);
      }
    }
    tracePromise(fn, context = {}, thisArg, ...args) {
      this.start.publish(context);
      try {
        const promise = Reflect.apply(fn, thisArg, args);
        return Promise.resolve(promise).then((result) => {
          context.result = result;
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          return result;
        }, (error) => {
          context.error = error;
          this.error.publish(context);
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          throw error;
        });
      } catch (error) {
        context.error = error;
        this.error.publish(context);
        throw error;
      } finally {
        this.end.publish(context);
      }
    }
    traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
      const callback = args.at(position);
      if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
      const tracing = this;
      args.splice(position, 1, function (err, result) {
        if (err) { context.error = err; tracing.error.publish(context); } else context.result = result;
        tracing.asyncStart.publish(context);
        try { return Reflect.apply(callback, this, arguments); } finally { tracing.asyncEnd.publish(context); }
      });
      return this.traceSync(fn, context, thisArg, ...args);
    }
  }
  const tracingChannel = (nameOrChannels) => new TracingChannel(nameOrChannels);
  const exports = { Channel, channel, hasSubscribers, subscribe, tracingChannel, unsubscribe };
  return { default: { ...exports }, ...exports };
})
