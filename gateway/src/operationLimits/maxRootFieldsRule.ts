import type { SelectionSetNode, ValidationContext, ValidationRule } from "graphql";
import { graphqlRuntime } from "../graphqlRuntime.js";
import { operationLimitError } from "./operationLimitError.js";

const { Kind } = graphqlRuntime;

/**
 * Refuses an operation with more than `max` distinct top-level fields: each is a separate entry
 * point the gateway plans and fetches, so this bounds an operation's breadth the way depth bounds
 * its length. Fields are counted by response key (`a: me` and `b: me` are two, `me` selected twice
 * is one), through fragments; `__typename` is answered by the gateway itself and not counted.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const measured = rootResponseKeys(context, operation.selectionSet, new Set(), new Set()).size;
      if (measured > max) {
        context.reportError(operationLimitError({ limit: "maxRootFields", max, measured, node: operation }));
      }
      // Nothing below the operation matters to this rule.
      return false;
    },
  });
}

function rootResponseKeys(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  keys: Set<string>,
  visitedFragments: Set<string>,
): Set<string> {
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        if (selection.name.value !== "__typename") keys.add((selection.alias ?? selection.name).value);
        break;
      case Kind.INLINE_FRAGMENT:
        rootResponseKeys(context, selection.selectionSet, keys, visitedFragments);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        // Once is enough (a second spread adds no key), and a cycle, refused by graphql's own
        // NoFragmentCyclesRule, must not loop here first.
        if (!fragment || visitedFragments.has(name)) break;
        visitedFragments.add(name);
        rootResponseKeys(context, fragment.selectionSet, keys, visitedFragments);
        break;
      }
      default: {
        const unknown: never = selection;
        throw new Error(`unknown selection ${JSON.stringify(unknown)}`);
      }
    }
  }
  return keys;
}
