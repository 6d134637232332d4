import { forbidden } from "@logicore/errors";
import type { Mode } from "./env.js";

/**
 * Until authentication lands nobody can be told apart from anybody else, so in production every
 * mutation is refused with FORBIDDEN; development keeps them open for building and testing.
 */
export function lockMutationsInProduction(
  mutations: Record<string, unknown>,
  mode: Mode,
): Record<string, unknown> {
  if (mode === "development") return mutations;
  const refuse = () => {
    throw forbidden("Mutations are disabled in production until authentication is configured");
  };
  return Object.fromEntries(Object.keys(mutations).map((name) => [name, refuse]));
}
