;; Source of add.wasm (rebuild with: wat2wasm add.wat -o add.wasm, from Debian's wabt package).
(module
  (func (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))
