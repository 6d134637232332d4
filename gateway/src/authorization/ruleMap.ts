import type { ShieldRule } from "@logicore/auth";

/**
 * Rules of one type: one per field, or `"*"` for every field a plain output type has (a field's own
 * entry still wins over `"*"`).
 */
export type TypeRules = Readonly<Record<string, ShieldRule>>;

/** Type name -> its rules. A field that no entry covers is denied. */
export type GatewayRuleMap = Readonly<Record<string, TypeRules>>;

/** The rule for `typeName.fieldName`, or undefined when none is declared (and the field is denied). */
export function ruleFor(rules: GatewayRuleMap, typeName: string, fieldName: string): ShieldRule | undefined {
  const typeRules = Object.hasOwn(rules, typeName) ? rules[typeName] : undefined;
  if (typeRules === undefined) return undefined;
  if (Object.hasOwn(typeRules, fieldName)) return typeRules[fieldName];
  return Object.hasOwn(typeRules, "*") ? typeRules["*"] : undefined;
}
