package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectTest {
  /**
   * {arguments builder, expected output}. The expected strings were produced by Node.js 20's util.format() with the
   * same arguments, which is the formatting workerd's console follows.
   */
  private static final String[][] NODE_CASES = {
      {"() => ['hello', 'world']",
       "hello world"},
      {"() => [1, -0, 0, 1.5, NaN, -Infinity]",
       "1 -0 0 1.5 NaN -Infinity"},
      {"() => [10n, Symbol('x'), Symbol(), undefined, null, true]",
       "10n Symbol(x) Symbol() undefined null true"},
      {"() => [function foo() {}, () => {}, class A {}, class B extends Array {}, async function af() {}, function* g() {}]",
       "[Function: foo] [Function (anonymous)] [class A] [class B extends Array] [AsyncFunction: af] [GeneratorFunction: g]"},
      {"() => [[1, 2, 3], [], [[1, [2, [3, [4]]]]]]",
       "[ 1, 2, 3 ] [] [ [ 1, [ 2, [Array] ] ] ]"},
      {"() => [{ a: 1, b: 'x' }, {}, { 'a-b': 1, c: { d: { e: { f: 1 } } } }]",
       "{ a: 1, b: 'x' } {} { 'a-b': 1, c: { d: { e: [Object] } } }"},
      {"() => [{ s: \"it's\", t: 'a\"b\\'c', n: 'line\\nbreak', tab: '\\t' }]",
       "{ s: \"it's\", t: `a\"b'c`, n: 'line\\nbreak', tab: '\\t' }"},
      {"() => { const o = { a: 1 }; o.self = o; return [o]; }",
       "<ref *1> { a: 1, self: [Circular *1] }"},
      {"() => { const o = { a: [1] }; o.a.push(o); return [o]; }",
       "<ref *1> { a: [ 1, [Circular *1] ] }"},
      {"() => [new Map([['a', 1], ['b', { c: 2 }]]), new Set([1, 'two']), new Map(), new Set()]",
       "Map(2) { 'a' => 1, 'b' => { c: 2 } } Set(2) { 1, 'two' } Map(0) {} Set(0) {}"},
      {"() => [new Date(0), new Date(NaN)]",
       "1970-01-01T00:00:00.000Z Invalid Date"},
      {"() => { class Foo { constructor() { this.x = 1; } } class Bar {} return [new Foo(), new Bar()]; }",
       "Foo { x: 1 } Bar {}"},
      {"() => [new Uint8Array([1, 2, 3]), new Float64Array(2), new Uint8Array(0), new BigInt64Array([1n])]",
       "Uint8Array(3) [ 1, 2, 3 ] Float64Array(2) [ 0, 0 ] Uint8Array(0) [] BigInt64Array(1) [ 1n ]"},
      {"() => [new Uint8Array([1, 2]).buffer, new ArrayBuffer(0)]",
       "ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 } ArrayBuffer { [Uint8Contents]: <>, byteLength: 0 }"},
      {"() => [Array.from({ length: 120 }, (_, i) => i)]",
       "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n  96, 97, 98, 99,\n  ... 20 more items\n]"},
      {"() => [Array.from({ length: 30 }, (_, i) => 'item' + i)]",
       "[\n  'item0',  'item1',  'item2',\n  'item3',  'item4',  'item5',\n  'item6',  'item7',  'item8',\n  'item9',  'item10', 'item11',\n  'item12', 'item13', 'item14',\n  'item15', 'item16', 'item17',\n  'item18', 'item19', 'item20',\n  'item21', 'item22', 'item23',\n  'item24', 'item25', 'item26',\n  'item27', 'item28', 'item29'\n]"},
      {"() => [[1, , 3], [, , , 4], new Array(5)]",
       "[ 1, <1 empty item>, 3 ] [ <3 empty items>, 4 ] [ <5 empty items> ]"},
      {"() => { const a = [1, 2]; a.extra = true; return [a]; }",
       "[ 1, 2, extra: true ]"},
      {"() => [Object.create(null), Object.assign(Object.create(null), { a: 1 })]",
       "[Object: null prototype] {} [Object: null prototype] { a: 1 }"},
      {"() => [{ [Symbol('k')]: 1, get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} }]",
       "{ g: [Getter], s: [Setter], gs: [Getter/Setter], [Symbol(k)]: 1 }"},
      {"() => [new Number(3), new String('ab'), new Boolean(false), Object(1n), Object(Symbol('q'))]",
       "[Number: 3] [String: 'ab'] [Boolean: false] [BigInt: 1n] [Symbol: Symbol(q)]"},
      {"() => [/ab+c/gi]",
       "/ab+c/gi"},
      {"() => ['%s is %d years and %i, %f', 'Bob', 42.5, 42.5, '3.25']",
       "Bob is 42.5 years and 42, 3.25"},
      {"() => ['%j %j', { a: [1, 2] }, 'str']",
       "{\"a\":[1,2]} \"str\""},
      {"() => { const o = {}; o.o = o; return ['%j', o]; }",
       "[Circular]"},
      {"() => ['%o', { a: 1 }]",
       "{ a: 1 }"},
      {"() => ['%O', { a: { b: { c: { d: 1 } } } }]",
       "{ a: { b: { c: [Object] } } }"},
      {"() => ['%c styled %s', 'color: red', 'text']",
       " styled text"},
      {"() => ['100%% sure %s', 'yes']",
       "100% sure yes"},
      {"() => ['%s %s', 'only one']",
       "only one %s"},
      {"() => ['%d', '42abc']",
       "NaN"},
      {"() => ['%s', { a: 1 }, 'extra', 5]",
       "{ a: 1 } extra 5"},
      {"() => ['%s', null, undefined, -0]",
       "null undefined -0"},
      {"() => ['%s', 5n, Symbol('s')]",
       "5n Symbol(s)"},
      {"() => ['%x %s', 'a']",
       "%x a"},
      {"() => ['no format', { a: 1 }]",
       "no format { a: 1 }"},
      {"() => ['%s', [1, [2, [3]]]]",
       "[ 1, [Array] ]"},
      {"() => ['%s', new (class K { toString() { return 'custom'; } })()]",
       "custom"},
      {"() => ['%s', new (class K2 {})()]",
       "K2 {}"},
      {"() => [{ longPropertyName1: 'some string value', longPropertyName2: 'another string value', n: 12345 }]",
       "{\n  longPropertyName1: 'some string value',\n  longPropertyName2: 'another string value',\n  n: 12345\n}"},
      {"() => [{ a: { b: { c: {} } } }, { arr: [[[[]]]] }]",
       "{ a: { b: { c: {} } } } { arr: [ [ [Array] ] ] }"},
      {"() => [[{ a: 1, b: 2 }, { a: 3, b: 4 }]]",
       "[ { a: 1, b: 2 }, { a: 3, b: 4 } ]"},
      {"() => [{ fn: function named() {}, anon: () => {}, cls: class {} }]",
       "{ fn: [Function: named], anon: [Function: anon], cls: [class cls] }"},
      {"() => [new Map([[{ k: 1 }, [1, 2]]])]",
       "Map(1) { { k: 1 } => [ 1, 2 ] }"},
      {"() => [Promise.resolve(1).constructor.name]",
       "Promise"},
      {"() => [new WeakMap(), new WeakSet()]",
       "WeakMap { <items unknown> } WeakSet { <items unknown> }"},
      {"() => [{ x: new Uint8Array([1,2,3]), m: new Map([[1,2]]) }]",
       "{ x: Uint8Array(3) [ 1, 2, 3 ], m: Map(1) { 1 => 2 } }"},
      {"() => [Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1))]",
       "[\n  'a',     'bb',    'ccc',   'dddd',\n  'eeeee', 'f',     'gg',    'hhh',\n  'iiii',  'jjjjj', 'k',     'll',\n  'mmm',   'nnnn',  'ooooo', 'p',\n  'qq',    'rrr',   'ssss',  'ttttt',\n  'u',     'vv',    'www',   'xxxx',\n  'yyyyy', 'z'\n]"},
      {"() => [Array.from({ length: 10 }, (_, i) => i * 1000)]",
       "[\n     0, 1000, 2000,\n  3000, 4000, 5000,\n  6000, 7000, 8000,\n  9000\n]"},
      {"() => [{ a: 'x'.repeat(100) }]",
       "{\n  a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n}"},
      {"() => [[ 'a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30) ]]",
       "[\n  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',\n  'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',\n  'cccccccccccccccccccccccccccccc'\n]"},
      {"() => [new DataView(new ArrayBuffer(2))]",
       "DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}"},
      {"() => { const e = new Error('boom'); e.stack = 'Error: boom\\n    at x (y.js:1:1)'; return [e]; }",
       "Error: boom\n    at x (y.js:1:1)"},
      {"() => { const e = new TypeError('bad'); e.stack = 'TypeError: bad\\n    at z'; e.code = 'E1'; return [e, { err: e }]; }",
       "TypeError: bad\n    at z {\n  code: 'E1'\n} {\n  err: TypeError: bad\n      at z {\n    code: 'E1'\n  }\n}"},
      {"() => { const e = new Error('nostack'); delete e.stack; Object.defineProperty(e, 'stack', {value: undefined}); return [e]; }",
       "[Error: nostack]"},
      {"() => [Object.assign(() => {}, { prop: 1 })]",
       "[Function (anonymous)] { prop: 1 }"},
      {"() => [{ 'key with space': 1, 123: 2, valid_id: 3, $dollar: 4 }]",
       "{ '123': 2, 'key with space': 1, valid_id: 3, '$dollar': 4 }"},
      {"() => [new Uint8Array(150)]",
       "Uint8Array(150) [\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0,\n  ... 50 more items\n]"},
      {"() => ['a\\nb', ['a\\nb']]",
       "a\nb [ 'a\\nb' ]"},
      {"() => [{ [Symbol.toStringTag]: 'Tagged', a: 1 }]",
       "{ a: 1, [Symbol(Symbol.toStringTag)]: 'Tagged' }"},
      {"() => { class T { get [Symbol.toStringTag]() { return 'TT'; } } return [new T()]; }",
       "T [TT] {}"},
      {"() => [[undefined, null, NaN]]",
       "[ undefined, null, NaN ]"},
      {"() => [Array.from({length: 7}, (_, i) => ({ i }))]",
       "[\n  { i: 0 }, { i: 1 },\n  { i: 2 }, { i: 3 },\n  { i: 4 }, { i: 5 },\n  { i: 6 }\n]"},
      {"() => [new Set([[1, 2], { a: new Set([1]) }])]",
       "Set(2) { [ 1, 2 ], { a: Set(1) { 1 } } }"},
  };

  private JsTestSupport js;

  @BeforeEach
  void setUp() {
    js = JsTestSupport.load("dom.js", "inspect.js");
  }

  @AfterEach
  void tearDown() {
    js.close();
  }

  private String format(String argsExpr) {
    return js.eval("__formatConsoleArgs(" + argsExpr + ")").asString();
  }

  @Test
  void matchesNodeUtilFormat() {
    for (String[] c : NODE_CASES) {
      assertThat(js.eval("__formatConsoleArgs((" + c[0] + ")())").asString()).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void noArgumentsAndSingleString() {
    assertThat(format("[]")).isEqualTo("");
    assertThat(format("['100%% %s']")).isEqualTo("100%% %s");
  }

  @Test
  void promisesStateIsNotObservable() {
    assertThat(format("[Promise.resolve(1), new Promise(() => {})]")).isEqualTo("Promise { <unknown> } Promise { <unknown> }");
  }

  @Test
  void errorsPrintTheirStack() {
    String out = format("[new Error('boom')]");
    assertThat(out).startsWith("Error: boom\n    at ");
    assertThat(format("[{ e: new RangeError('r') }]")).startsWith("{\n  e: RangeError: r\n      at ");
    assertThat(format("[new Error('x', { cause: 'why' })]")).endsWith(" {\n  [cause]: 'why'\n}");
    assertThat(format("[new DOMException('gone', 'AbortError')]")).startsWith("AbortError: gone\n").endsWith(" {\n  code: 20\n}");
  }

  @Test
  void runtimeClassInstances() {
    assertThat(format("[new AbortController(), new Event('x')]")).isEqualTo("AbortController {} Event {}");
  }

  @Test
  void longStringsAreTruncatedWhenNested() {
    assertThat(format("[['x'.repeat(10005)]]")).endsWith("xxx'... 5 more characters\n]");
  }
}
