;; A hand-written stand-in for what wasm-bindgen emits for this Rust (no wasm32 target or wasm-bindgen is
;; available offline here, so the module is written in the same shape by hand):
;;
;;   #[wasm_bindgen] extern "C" { #[wasm_bindgen(js_namespace = console)] fn log(s: &str); }
;;   #[wasm_bindgen] pub fn greet(name: &str) -> String {
;;       if name.is_empty() { wasm_bindgen::throw_str("name must not be empty"); }
;;       let s = format!("Hello, {name}!"); log(&s); s
;;   }
;;
;; Same ABI as wasm-bindgen: imports from "./index_bg.js" named __wbg_*/__wbindgen_*, strings passed as
;; (ptr, len) in linear memory allocated by __wbindgen_malloc, results returned through a retptr obtained from
;; __wbindgen_add_to_stack_pointer, the caller freeing them with __wbindgen_free. The allocator is a bump
;; allocator that grows memory when needed. Rebuild (wabt): wat2wasm index_bg.wat -o index_bg.wasm
(module
  (import "./index_bg.js" "__wbg_log_0f7c3a1b2e" (func $log (param i32 i32)))
  (import "./index_bg.js" "__wbindgen_throw" (func $throw (param i32 i32)))
  (memory (export "memory") 17)
  (global $__stack_pointer (mut i32) (i32.const 1048576))
  (global $heap (mut i32) (i32.const 1048576))
  (data (i32.const 1024) "Hello, ")
  (data (i32.const 1031) "!")
  (data (i32.const 1040) "name must not be empty")

  (func $malloc (export "__wbindgen_malloc") (param $size i32) (param $align i32) (result i32)
    (local $ptr i32) (local $end i32)
    ;; align the heap top up
    global.get $heap
    local.get $align i32.const 1 i32.sub
    i32.add
    local.get $align i32.const 1 i32.sub i32.const -1 i32.xor
    i32.and
    local.set $ptr
    local.get $ptr local.get $size i32.add local.set $end
    ;; grow memory by whole pages when the heap passes its end
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)) (memory.size)))
              (i32.const -1))
          (then unreachable))))
    local.get $end global.set $heap
    local.get $ptr)

  (func (export "__wbindgen_free") (param i32 i32 i32))

  (func (export "__wbindgen_add_to_stack_pointer") (param $delta i32) (result i32)
    global.get $__stack_pointer local.get $delta i32.add global.set $__stack_pointer
    global.get $__stack_pointer)

  ;; greet(retptr, name_ptr, name_len): writes (ptr, len) of "Hello, {name}!" at retptr
  (func (export "greet") (param $ret i32) (param $name i32) (param $len i32)
    (local $out i32) (local $outLen i32)
    (if (i32.eqz (local.get $len))
      (then (call $throw (i32.const 1040) (i32.const 22)) unreachable))
    local.get $len i32.const 8 i32.add local.set $outLen
    local.get $outLen i32.const 1 call $malloc local.set $out
    (memory.copy (local.get $out) (i32.const 1024) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (memory.copy (i32.add (i32.add (local.get $out) (i32.const 7)) (local.get $len)) (i32.const 1031) (i32.const 1))
    (call $log (local.get $out) (local.get $outLen))
    (i32.store (local.get $ret) (local.get $out))
    (i32.store offset=4 (local.get $ret) (local.get $outLen)))

  ;; spin(): a runaway loop, for the CPU limit
  (func (export "spin") (loop $forever br $forever))
)
