import addModule from "./add.wasm";

interface AddExports {
  add(a: number, b: number): number;
}

const adder = new WebAssembly.Instance(addModule).exports as unknown as AddExports;

/** Adds in WebAssembly (callable from a Java test). */
export function add(a: number, b: number): number {
  return adder.add(a, b);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const a = Number(params.get("a") ?? "0");
    const b = Number(params.get("b") ?? "0");
    return new Response(`${a} + ${b} = ${add(a, b)}`);
  },
};
