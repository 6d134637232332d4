import { DEVELOPMENT_SEED_USERS, type Mode } from "@logicore/service";
import type { Logger } from "pino";
import type { PrismaClient } from "./generated/prisma/client.js";
import { assertPasswordPolicy, hashPassword } from "./passwords.js";

export const SEED_ADMIN_EMAIL = "admin@logicore.dev";

export interface SeedOptions {
  mode: Mode;
  /** Password of the seeded ADMIN (and, in development, of the sample users). */
  adminPassword: string;
  logger: Logger;
}

/**
 * Creates the seed users that do not exist yet and changes none that do, so it is safe to run
 * again. Production gets the ADMIN only; development also gets one user per role.
 */
export async function seedUsers(prisma: PrismaClient, options: SeedOptions): Promise<string[]> {
  assertPasswordPolicy("SEED_ADMIN_PASSWORD", options.adminPassword);
  const passwordHash = await hashPassword(options.adminPassword);
  const wanted = DEVELOPMENT_SEED_USERS.filter(
    (user) => options.mode === "development" || user.email === SEED_ADMIN_EMAIL,
  );
  const created: string[] = [];
  for (const user of wanted) {
    const result = await prisma.user.createMany({
      data: [{ ...user, passwordHash, emailVerified: true }],
      skipDuplicates: true,
    });
    if (result.count === 1) created.push(user.email);
  }
  options.logger.info({ created }, `seed created ${created.length} user(s)`);
  return created;
}
