package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DomTest {
  private JsTestSupport js;

  @BeforeEach
  void setUp() {
    js = JsTestSupport.load("dom.js");
  }

  @AfterEach
  void tearDown() {
    js.close();
  }

  private String eval(String code) {
    return js.eval(code).toString();
  }

  /** Runs the statements and describes what they threw: "Name|message". */
  private String thrown(String code) {
    return eval("(() => { try { " + code + "; return 'no error'; } catch (e) { return e.name + '|' + e.message; } })()");
  }

  @Test
  void domExceptionDefaultsAndCodes() {
    assertThat(eval("const d = new DOMException(); [d.name, d.message, d.code].join(',')")).isEqualTo("Error,,0");
    assertThat(eval("const a = new DOMException('boom', 'AbortError'); [a.name, a.message, a.code, String(a)].join(',')"))
        .isEqualTo("AbortError,boom,20,AbortError: boom");
    assertThat(eval("['InvalidCharacterError','NotSupportedError','InvalidStateError','SyntaxError','TimeoutError',"
        + "'DataCloneError','NoSuchThing'].map((n) => new DOMException('', n).code).join(',')"))
        .isEqualTo("5,9,11,12,23,25,0");
    assertThat(eval("[DOMException.INVALID_CHARACTER_ERR, DOMException.ABORT_ERR, DOMException.DATA_CLONE_ERR,"
        + " DOMException.prototype.TIMEOUT_ERR, DOMException.INDEX_SIZE_ERR].join(',')")).isEqualTo("5,20,25,23,1");
    assertThat(eval("DOMException.ABORT_ERR = 1; DOMException.ABORT_ERR")).isEqualTo("20");
  }

  @Test
  void domExceptionIsAnError() {
    assertThat(eval("const e = new DOMException('m', 'DataCloneError');"
        + " [e instanceof Error, e instanceof DOMException, Object.getPrototypeOf(DOMException.prototype) === Error.prototype,"
        + " typeof e.stack, e.stack.startsWith('DataCloneError: m'), Object.prototype.toString.call(e),"
        + " DOMException.name].join(',')"))
        .isEqualTo("true,true,true,string,true,[object DOMException],DOMException");
    // workerd defines name/message/code as read-only enumerable own properties
    assertThat(eval("const x = new DOMException('m', 'AbortError'); x.name = 'Other';"
        + " [x.name, Object.keys(x).includes('message'), Object.keys(x).includes('code')].join(',')"))
        .isEqualTo("AbortError,true,true");
    assertThat(eval("String(new DOMException(undefined, undefined))")).isEqualTo("Error");
  }

  @Test
  void eventBasics() {
    assertThat(eval("const e = new Event('foo'); [e.type, e.bubbles, e.cancelable, e.composed, e.defaultPrevented,"
        + " e.eventPhase, e.timeStamp, e.isTrusted, e.returnValue, e.target, Object.prototype.toString.call(e)].join(',')"))
        .isEqualTo("foo,false,false,false,false,0,0,false,true,,[object Event]");
    assertThat(eval("const c = new Event('x', { cancelable: true, bubbles: 1 }); c.preventDefault();"
        + " [c.defaultPrevented, c.returnValue, c.bubbles].join(',')")).isEqualTo("true,false,true");
    assertThat(eval("const n = new Event('x'); n.preventDefault(); n.defaultPrevented")).isEqualTo("false");
    assertThat(eval("[Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE].join(',')"))
        .isEqualTo("0,1,2,3");
    assertThat(eval("new Event().type")).isEqualTo("undefined");
    assertThat(thrown("new Event('x', 5)"))
        .isEqualTo("TypeError|Failed to construct 'Event': constructor parameter 2 is not of type 'Init'.");
  }

  @Test
  void customEventDetail() {
    assertThat(eval("const e = new CustomEvent('c', { detail: { a: 1 } });"
        + " [e.detail.a, e instanceof Event, e.type, String(new CustomEvent('d').detail)].join(',')"))
        .isEqualTo("1,true,c,undefined");
  }

  @Test
  void dispatchCallsListenersInOrderWithTargetAndThis() {
    assertThat(eval("const t = new EventTarget(); const log = [];"
        + " t.addEventListener('a', function (e) { log.push('f:' + (this === t) + ':' + (e.target === t) + ':' + e.eventPhase); });"
        + " t.addEventListener('a', { handleEvent(e) { log.push('o:' + (this !== t)); } });"
        + " t.addEventListener('b', () => log.push('b'));"
        + " const r = t.dispatchEvent(new Event('a'));"
        + " log.push(r); log.join(',')"))
        .isEqualTo("f:true:true:2,o:true,true");
  }

  @Test
  void duplicateListenersAreIgnoredAndRemovalWorks() {
    assertThat(eval("const t = new EventTarget(); let n = 0; const f = () => n++;"
        + " t.addEventListener('x', f); t.addEventListener('x', f); t.dispatchEvent(new Event('x'));"
        + " t.removeEventListener('x', f); t.dispatchEvent(new Event('x')); n")).isEqualTo("1");
  }

  @Test
  void onceListenersRunOnce() {
    assertThat(eval("const t = new EventTarget(); let n = 0;"
        + " t.addEventListener('x', () => n++, { once: true });"
        + " t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x')); n")).isEqualTo("1");
  }

  @Test
  void stopImmediatePropagationAndPreventDefault() {
    assertThat(eval("const t = new EventTarget(); const log = [];"
        + " t.addEventListener('x', (e) => { log.push(1); e.preventDefault(); e.stopImmediatePropagation(); });"
        + " t.addEventListener('x', () => log.push(2));"
        + " const ev = new Event('x', { cancelable: true });"
        + " log.push(t.dispatchEvent(ev), ev.defaultPrevented); log.join(',')")).isEqualTo("1,false,true");
    // returning true from a handler is preventDefault() in workerd
    assertThat(eval("const t2 = new EventTarget(); t2.addEventListener('y', () => true);"
        + " t2.dispatchEvent(new Event('y', { cancelable: true }))")).isEqualTo("false");
  }

  @Test
  void listenerRemovedDuringDispatchIsSkipped() {
    assertThat(eval("const t = new EventTarget(); const log = []; const g = () => log.push('g');"
        + " t.addEventListener('x', () => { log.push('f'); t.removeEventListener('x', g); }); t.addEventListener('x', g);"
        + " t.addEventListener('x', () => { log.push('h'); t.addEventListener('x', () => log.push('late')); });"
        + " t.dispatchEvent(new Event('x')); log.join(',')")).isEqualTo("f,h");
  }

  @Test
  void listenerExceptionsPropagateAndEventCanBeRedispatched() {
    assertThat(thrown("const t = new EventTarget(); t.addEventListener('x', () => { throw new RangeError('r'); });"
        + " t.dispatchEvent(new Event('x'))")).isEqualTo("RangeError|r");
    assertThat(thrown("const t = new EventTarget(); const e = new Event('x');"
        + " t.addEventListener('x', () => t.dispatchEvent(e)); t.dispatchEvent(e)"))
        .isEqualTo("InvalidStateError|The event is already being dispatched.");
  }

  @Test
  void workerdRejectsCaptureAndPassive() {
    assertThat(thrown("new EventTarget().addEventListener('x', () => {}, true)"))
        .isEqualTo("TypeError|addEventListener(): useCapture must be false.");
    assertThat(thrown("new EventTarget().addEventListener('x', () => {}, { capture: true })"))
        .isEqualTo("TypeError|addEventListener(): options.capture must be false.");
    assertThat(thrown("new EventTarget().addEventListener('x', () => {}, { passive: true })"))
        .isEqualTo("TypeError|addEventListener(): options.passive must be false.");
    assertThat(thrown("new EventTarget().removeEventListener('x', () => {}, true)"))
        .isEqualTo("TypeError|removeEventListener(): useCapture must be false.");
    assertThat(thrown("new EventTarget().addEventListener('x', () => {}, { capture: false }); "
        + "new EventTarget().addEventListener('x', null)")).isEqualTo("no error");
    assertThat(thrown("new EventTarget().dispatchEvent({ type: 'x' })"))
        .isEqualTo("TypeError|Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
  }

  @Test
  void signalOptionRemovesListener() {
    assertThat(eval("const t = new EventTarget(); const c = new AbortController(); let n = 0;"
        + " t.addEventListener('x', () => n++, { signal: c.signal }); t.dispatchEvent(new Event('x'));"
        + " c.abort(); t.dispatchEvent(new Event('x'));"
        + " t.addEventListener('x', () => n += 10, { signal: AbortSignal.abort() }); t.dispatchEvent(new Event('x')); n"))
        .isEqualTo("1");
  }

  @Test
  void abortControllerAndSignal() {
    assertThat(eval("const c = new AbortController(); const s = c.signal; const log = [];"
        + " s.onabort = (e) => log.push('on:' + e.type + ':' + e.isTrusted);"
        + " s.addEventListener('abort', () => log.push('listener'));"
        + " log.push(s.aborted, String(s.reason)); c.abort(); c.abort();"
        + " log.push(s.aborted, s.reason.name, s.reason.message, s.reason instanceof DOMException, s.reason.code);"
        + " log.join(',')"))
        .isEqualTo("false,undefined,on:abort:true,listener,true,AbortError,The operation was aborted,true,20");
    assertThat(eval("const c2 = new AbortController(); c2.abort('why'); c2.signal.reason")).isEqualTo("why");
    assertThat(thrown("const c3 = new AbortController(); c3.abort(new RangeError('r')); c3.signal.throwIfAborted()"))
        .isEqualTo("RangeError|r");
    assertThat(thrown("new AbortController().signal.throwIfAborted()")).isEqualTo("no error");
    assertThat(thrown("new AbortSignal()")).isEqualTo("TypeError|Illegal constructor");
    assertThat(eval("const s2 = new AbortController().signal; [s2 instanceof EventTarget,"
        + " Object.prototype.toString.call(s2), s2.onabort, (s2.onabort = 5, s2.onabort)].join(',')"))
        .isEqualTo("true,[object AbortSignal],,");
  }

  @Test
  void staticAbort() {
    assertThat(eval("const s = AbortSignal.abort(); [s.aborted, s.reason.name, s.reason.message].join(',')"))
        .isEqualTo("true,AbortError,The operation was aborted");
    assertThat(eval("AbortSignal.abort(42).reason")).isEqualTo("42");
  }

  @Test
  void timeoutUsesGlobalSetTimeoutAtCallTime() {
    assertThat(eval("const timers = []; globalThis.setTimeout = (fn, ms) => { timers.push([fn, ms]); return 1; };"
        + " const s = AbortSignal.timeout(250); const before = s.aborted; timers[0][0]();"
        + " [before, timers[0][1], s.aborted, s.reason.name, s.reason.message, s.reason.code].join(',')"))
        .isEqualTo("false,250,true,TimeoutError,The operation was aborted due to timeout,23");
  }

  @Test
  void abortSignalAny() {
    assertThat(eval("const a = new AbortController(), b = new AbortController();"
        + " const s = AbortSignal.any([a.signal, b.signal]); let events = 0; s.addEventListener('abort', () => events++);"
        + " const before = s.aborted; b.abort('second'); a.abort('first');"
        + " [before, s.aborted, s.reason, events].join(',')")).isEqualTo("false,true,second,1");
    assertThat(eval("const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort('x')]);"
        + " [pre.aborted, pre.reason].join(',')")).isEqualTo("true,x");
    assertThat(eval("AbortSignal.any([]).aborted")).isEqualTo("false");
    assertThat(thrown("AbortSignal.any([{}])"))
        .isEqualTo("TypeError|Incorrect type for array element 0: the provided value is not of type 'AbortSignal'.");
    assertThat(thrown("AbortSignal.any(new AbortController().signal)"))
        .isEqualTo("TypeError|Failed to execute 'any' on 'AbortSignal': parameter 1 is not of type 'Array'.");
  }

  @Test
  void onPropertyHandlersOnPlainTargets() {
    assertThat(eval("const t = new EventTarget(); const log = []; t.onping = () => log.push('on');"
        + " t.addEventListener('ping', () => log.push('l')); t.dispatchEvent(new Event('ping'));"
        + " const e = new Event('ping'); t.dispatchEvent(e); log.push(e.composedPath().length); log.join(',')"))
        .isEqualTo("on,l,on,l,0");
  }

  @Test
  void subclassingEventTarget() {
    assertThat(eval("class Emitter extends EventTarget { fire() { return this.dispatchEvent(new CustomEvent('go', { detail: 7 })); } }"
        + " const em = new Emitter(); let d; em.addEventListener('go', (e) => { d = e.detail; }); em.fire(); d")).isEqualTo("7");
  }
}
