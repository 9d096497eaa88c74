// Ambient types the worker uses (a real project gets them from @cloudflare/workers-types).
declare module "*.txt" {
  const text: string;
  export default text;
}
interface KVNamespace {
  get(key: string): Promise<string | null>;
  put(key: string, value: string): Promise<void>;
}
type ExportedHandler<E> = { fetch(request: Request, env: E): Promise<Response> };
