export function greet(site: string): string {
  return `Hello from ${site}`;
}
