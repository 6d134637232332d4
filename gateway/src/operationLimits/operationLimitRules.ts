import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import type { ValidationContext, ValidationRule } from "graphql";
import { maxRootFieldsRule } from "./maxRootFieldsRule.js";
import { operationLimitError } from "./operationLimitError.js";
import type { OperationLimit, OperationLimitsSettings } from "./operationLimitsSettings.js";

/** What graphql-armor hands `onAccept`: the figure it measured for one operation. */
interface ArmorMeasurement {
  readonly n: number;
}

type ArmorAccept = (context: ValidationContext | null, details: ArmorMeasurement) => void;

/**
 * Validation rules for the limits a document can be held to without its variables: depth, aliases
 * and directives (graphql-armor) and root fields. They run once per distinct document text (Apollo
 * Server caches validated documents), before the operation is resolved, authorized or planned.
 */
export function operationLimitRules(settings: OperationLimitsSettings): ValidationRule[] {
  const rules: ValidationRule[] = [];
  const { maxDepth, maxAliases, maxDirectives, maxRootFields } = settings;
  if (maxDepth !== false) {
    rules.push(
      maxDepthRule({
        ...measuredOnly("maxDepth", maxDepth),
        // Sandbox's introspection query is 15 deep through its `ofType` chains; whether it is
        // answered at all is the introspection setting's business (off in production).
        ignoreIntrospection: true,
        // A fragment is a way of writing selections, not a level of the response.
        flattenFragments: true,
      }),
    );
  }
  if (maxAliases !== false) {
    rules.push(maxAliasesRule(measuredOnly("maxAliases", maxAliases)));
  }
  if (maxDirectives !== false) {
    rules.push(maxDirectivesRule(measuredOnly("maxDirectives", maxDirectives)));
  }
  if (maxRootFields !== false) rules.push(maxRootFieldsRule(maxRootFields));
  return rules;
}

/**
 * graphql-armor options that make its rule a measurement and leave the verdict to us. Armor's own
 * refusal is a code-less "Syntax Error: ..." with the figure only inside its English message, and
 * when propagated it is thrown out of graphql's `validate`, which Apollo Server answers with a 500.
 * Its `onAccept` callback, by contrast, receives the figure as a number.
 */
function measuredOnly(limit: OperationLimit, max: number) {
  const judge: ArmorAccept = (context, { n }) => {
    if (n > max) context?.reportError(operationLimitError({ limit, max, measured: n }));
  };
  return {
    n: Number.POSITIVE_INFINITY,
    propagateOnRejection: false,
    onAccept: [judge],
  };
}
