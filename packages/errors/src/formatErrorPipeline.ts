import type { GraphQLFormattedError } from "graphql";

/**
 * One step of Apollo Server's `formatError`: takes the error as formatted so far and the original
 * error (what was thrown, stack included), returns the error as the client is to see it.
 */
export type FormatErrorStep = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Apollo Server's `formatError` from steps that apply in the order listed, each to the previous
 * one's result. Each deployable declares its list in one place (`gatewayFormatErrorSteps`,
 * `subgraphFormatErrorSteps`), so the order reads top to bottom.
 */
export function formatErrorPipeline(steps: readonly FormatErrorStep[]): FormatErrorStep {
  return (formatted, error) => steps.reduce((current, step) => step(current, error), formatted);
}
