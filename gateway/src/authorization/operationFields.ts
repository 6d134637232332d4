import type {
  ASTNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  ValueNode,
} from "graphql";
import { graphqlRuntime } from "../graphqlRuntime.js";

// The schema is the gateway's: only its own copy of graphql can walk it (see graphqlRuntime).
const { getArgumentValues, Kind, TypeInfo, visit, visitWithTypeInfo } = graphqlRuntime;

/** One field an operation selects, wherever it sits: nested, in an inline or a named fragment. */
export interface FieldSelection {
  /** The type the field is selected on (an object type, or an interface). */
  readonly typeName: string;
  readonly fieldName: string;
  readonly definition: GraphQLField<unknown, unknown>;
  readonly node: FieldNode;
  /**
   * The coerced arguments (defaults applied) when they use no variables: the same for every
   * request with this document. Undefined when they must be coerced per request.
   */
  readonly constantArguments: Record<string, unknown> | undefined;
}

// Frozen: shared by every request with this document, so no rule can change them for the next one.
const NO_ARGUMENTS: Record<string, unknown> = Object.freeze({});

/**
 * Every field `operation` selects, in document order, each fragment walked once however often it
 * is spread. Introspection (`__typename`, `__schema`, `__type`) is left out, subtree included:
 * whether introspection is answered is the introspection setting's business. Fields under
 * `@skip`/`@include` are listed too: a directive's variable must not decide what is checked.
 * The document must have passed validation against `schema`.
 */
export function selectedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): FieldSelection[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const selections: FieldSelection[] = [];
  const queued = new Set<string>();
  const pending: ASTNode[] = [operation];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const typeInfo = new TypeInfo(schema);
    visit(
      next,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          if (node.name.value.startsWith("__")) return false;
          const parentType = typeInfo.getParentType();
          const definition = typeInfo.getFieldDef();
          if (!parentType || !definition) {
            throw new Error(`Field ${node.name.value} is not in the schema; the document was not validated`);
          }
          selections.push({
            typeName: parentType.name,
            fieldName: definition.name,
            definition,
            node,
            constantArguments: usesVariables(node) ? undefined : constantArguments(definition, node),
          });
          return undefined;
        },
        FragmentSpread(node) {
          const fragment = fragments.get(node.name.value);
          if (fragment && !queued.has(fragment.name.value)) {
            queued.add(fragment.name.value);
            pending.push(fragment);
          }
        },
      }),
    );
  }
  return selections;
}

/** The field's arguments for a request's coerced variable values. */
export function argumentsOf(
  selection: FieldSelection,
  variableValues: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return (
    selection.constantArguments ?? getArgumentValues(selection.definition, selection.node, variableValues)
  );
}

function constantArguments(
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
): Record<string, unknown> {
  if (definition.args.length === 0) return NO_ARGUMENTS;
  return Object.freeze(getArgumentValues(definition, node, {}));
}

function usesVariables(node: FieldNode): boolean {
  return (node.arguments ?? []).some((argument) => valueUsesVariables(argument.value));
}

function valueUsesVariables(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(valueUsesVariables);
    case Kind.OBJECT:
      return value.fields.some((field) => valueUsesVariables(field.value));
    default:
      return false;
  }
}
