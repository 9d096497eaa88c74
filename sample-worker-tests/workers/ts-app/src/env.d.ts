// Ambient types the worker uses (a real project gets them from @cloudflare/workers-types).
declare module "*.txt" {
  const text: string;
  export default text;
}
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
interface KVNamespace {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}
type ExportedHandler<E> = { fetch(request: Request, env: E): Promise<Response> };
