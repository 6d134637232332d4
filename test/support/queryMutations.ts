import fc from "fast-check";

/** Fragments of GraphQL (and of things that are not) for the mutator to insert. */
const TOKENS = [
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ":",
  "$",
  "!",
  "=",
  ",",
  "...",
  "@skip(if: true)",
  "@include(if: $x)",
  "fragment F on Query { __typename }",
  "...F",
  "...on User { id }",
  '"',
  '"""',
  "#",
  "\\",
  "\u0000",
  "\ud800",
  "🚀",
  "query",
  "mutation",
  "subscription",
  "__typename",
  "a: users",
  "null",
  "1e999",
  "-0",
  '"\\u0000"',
  "$first",
  "first: 1000000",
  "users(first: 100) { edges { node { id } } }",
];

export type Mutation =
  | { kind: "flip"; at: number; char: string }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; token: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("flip" as const),
    at: fc.nat(),
    char: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
);

export function mutate(text: string, change: Mutation): string {
  const at = change.at % (text.length + 1);
  switch (change.kind) {
    case "flip":
      return text.slice(0, at) + change.char + text.slice(at + 1);
    case "truncate":
      return text.slice(0, at);
    case "insert":
      return text.slice(0, at) + change.token + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + change.length);
    case "duplicate":
      return text.slice(0, at + change.length) + text.slice(at);
    default: {
      const unknown: never = change;
      throw new Error(`unknown mutation ${JSON.stringify(unknown)}`);
    }
  }
}
