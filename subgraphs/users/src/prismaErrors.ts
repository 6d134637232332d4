import { conflict, notFound } from "@logicore/errors";
import { Prisma } from "./generated/prisma/client.js";

export interface PrismaErrorMapping {
  /** Field reported when a unique constraint is violated (P2002). */
  uniqueField?: string;
  /** Entity and id reported when the record to change does not exist (P2025). */
  notFound?: { entity: string; id: string; field: string };
}

/**
 * Known Prisma errors become coded GraphQL errors at the boundary; anything else is rethrown as is,
 * to be logged with its stack and hidden from the client by formatError.
 */
export function mapPrismaError(error: unknown, mapping: PrismaErrorMapping): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002" && mapping.uniqueField !== undefined) {
      throw conflict(mapping.uniqueField, `${mapping.uniqueField} is already in use`);
    }
    if (error.code === "P2025" && mapping.notFound !== undefined) {
      const { entity, id, field } = mapping.notFound;
      throw notFound(entity, id, field);
    }
  }
  throw error;
}
