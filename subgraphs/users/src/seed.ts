import type { Mode } from "@logicore/service";
import type { Logger } from "pino";
import type { PrismaClient, Role } from "./generated/prisma/client.js";
import { assertPasswordPolicy, hashPassword } from "./passwords.js";

export const SEED_ADMIN_EMAIL = "admin@logicore.dev";

const developmentUsers: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "manager@logicore.dev", name: "Morgan Manager", role: "MANAGER" },
  { email: "dispatcher@logicore.dev", name: "Dana Dispatcher", role: "DISPATCHER" },
  { email: "driver@logicore.dev", name: "Drew Driver", role: "DRIVER" },
  { email: "customer@logicore.dev", name: "Casey Customer", role: "CUSTOMER" },
];

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
  const wanted = [
    { email: SEED_ADMIN_EMAIL, name: "LogiCore Admin", role: "ADMIN" as Role },
    ...(options.mode === "development" ? developmentUsers : []),
  ];
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
