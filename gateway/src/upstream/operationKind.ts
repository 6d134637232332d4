export type OperationKind = "query" | "mutation" | "subscription";

const LEADING_IGNORED = /^(?:[\s,\uFEFF]+|#[^\n\r]*)*/;
const KEYWORD = /^(query|mutation|subscription)\b/;

/**
 * The type of the operation the gateway sends to a subgraph, read from its text: the query planner
 * sends one operation per fetch, starting with its keyword or, for a query, possibly with `{`.
 * Undefined when the text starts otherwise; callers must then treat it as unsafe to repeat.
 * Reading the first token is enough and avoids parsing every subgraph request a second time.
 */
export function operationKindOf(query: string | undefined): OperationKind | undefined {
  if (query === undefined) return undefined;
  const text = query.replace(LEADING_IGNORED, "");
  if (text.startsWith("{")) return "query";
  return KEYWORD.exec(text)?.[1] as OperationKind | undefined;
}
