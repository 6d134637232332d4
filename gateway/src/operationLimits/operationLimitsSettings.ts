/** The limits every operation is held to before it is planned; each is named so in refusals. */
export const OPERATION_LIMITS = [
  "maxDepth",
  "maxAliases",
  "maxDirectives",
  "maxTokens",
  "maxCost",
  "maxRootFields",
] as const;

export type OperationLimit = (typeof OPERATION_LIMITS)[number];

/** A limit's largest allowed value, or `false` when that limit is off. */
export type LimitValue = number | false;

/**
 * Each limit's largest allowed value. The defaults leave several times the headroom the heaviest
 * query of the README and the test suites needs (see the README's "Operation limits").
 */
export interface OperationLimitsSettings {
  /**
   * MAX_DEPTH: deepest field nesting, leaves counted (`{ me { id } }` is 2) and fragments
   * flattened. Sandbox's `__schema` introspection is not counted. @default 12
   */
  readonly maxDepth: LimitValue;
  /** MAX_ALIASES: aliased fields in the operation, its fragments included. @default 30 */
  readonly maxAliases: LimitValue;
  /** MAX_DIRECTIVES: directives anywhere in the operation, its fragments included. @default 50 */
  readonly maxDirectives: LimitValue;
  /**
   * MAX_TOKENS: lexical tokens of the whole document (names, punctuation, values; not comments),
   * counted while parsing, which stops at the first token over. @default 3000
   */
  readonly maxTokens: LimitValue;
  /**
   * MAX_COST: estimated work, with the request's variables. Each field costs 1 plus its
   * selections' cost, times its `first`/`last` argument when it has one; a list without one
   * counts `defaultListSize` items (a connection's `edges` count once: `first` priced them).
   * Introspection costs nothing. @default 25000
   */
  readonly maxCost: LimitValue;
  /** MAX_ROOT_FIELDS: distinct top-level fields (by response key), `__typename` aside. @default 20 */
  readonly maxRootFields: LimitValue;
  /** How many items the cost assumes for a list field without `first`/`last`. @default 10 */
  readonly defaultListSize: number;
}

export type OperationLimitsOptions = Partial<OperationLimitsSettings>;

export const DEFAULT_OPERATION_LIMITS: OperationLimitsSettings = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 3000,
  maxCost: 25_000,
  maxRootFields: 20,
  defaultListSize: 10,
});

export function resolveOperationLimits(options: OperationLimitsOptions = {}): OperationLimitsSettings {
  const settings = { ...DEFAULT_OPERATION_LIMITS, ...options };
  for (const limit of OPERATION_LIMITS) {
    const value = settings[limit];
    // Zero would refuse every operation: a limit is either at least 1 or off.
    if (value !== false && !(Number.isSafeInteger(value) && value >= 1)) {
      throw new RangeError(
        `operation limit ${limit} must be a whole number of at least 1 or false, got ${value}`,
      );
    }
  }
  if (!(Number.isSafeInteger(settings.defaultListSize) && settings.defaultListSize >= 0)) {
    throw new RangeError(
      `defaultListSize must be a whole number of at least 0, got ${settings.defaultListSize}`,
    );
  }
  return Object.freeze(settings);
}
