export function greet(prefix: string, name: string): string {
  return `${prefix}, ${name}!`;
}
