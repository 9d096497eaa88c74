// Ambient type for wasm imports (a real project gets it from @cloudflare/workers-types).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
