;; Fixture for WebAssemblyTest: one function per behaviour the tests check (traps, imports, memory, table,
;; global) plus a custom section. Rebuild after editing (wabt, `apt-get install wabt`):
;;   wat2wasm --enable-annotations api.wat -o api.wasm
(module
  (import "env" "log" (func $log (param i32)))
  (@custom "hello" "abc")
  (memory (export "memory") 1 10)
  (global (export "g") (mut i32) (i32.const 7))
  (table (export "tbl") 2 funcref)
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "trap") unreachable)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "loop") (loop $forever br $forever))
  (func (export "callLog") (param i32) local.get 0 call $log)
  (func (export "oob") (result i32) i32.const 0x7fffffff i32.load)
  (func $rec (export "rec") (result i32) call $rec)
)
