import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { applyMigrations, assertMigrationsApplied } from "@logicore/db";
import { createTestDatabase, type TestDatabase } from "@logicore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient, Role } from "../src/generated/prisma/client.js";

// The migrations are hand-written (no schema engine offline), so this test is what proves they match
// schema.prisma: a fresh database built from them must serve every model and field of the generated client.
const migrationsDir = fileURLToPath(new URL("../../../prisma/users/migrations", import.meta.url));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let testDb: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await applyMigrations(testDb.database, migrationsDir);
  prisma = new PrismaClient({ adapter: testDb.database.adapter });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await testDb?.drop();
});

const catalog = <R extends Record<string, unknown>>(sql: string) =>
  testDb.database.withSession((s) => s.query<R>(sql));
const newUser = (email: string, role?: Role) =>
  prisma.user.create({
    data: { email, name: "Test User", passwordHash: "argon2-hash", ...(role && { role }) },
  });
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe(`users migrations (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("are all applied", async () => {
    await expect(assertMigrationsApplied(testDb.database, migrationsDir)).resolves.toBeUndefined();
  });

  it("create the Role enum, constraints and indexes under Prisma's names", async () => {
    const roles = await catalog<{ label: string }>(
      `SELECT enumlabel AS label FROM pg_enum WHERE enumtypid = '"Role"'::regtype ORDER BY enumsortorder`,
    );
    expect(roles.map((r) => r.label)).toEqual(Object.values(Role));

    // Unique keys are unique indexes in Prisma's SQL, not constraints; NOT NULL shows up as contype 'n'
    // from PostgreSQL 18 on (PGlite), so it is left to the column check below.
    const constraints = await catalog<{ name: string; type: string; del: string; upd: string }>(
      `SELECT conname AS name, contype::text AS type, confdeltype::text AS del, confupdtype::text AS upd
         FROM pg_constraint WHERE conrelid IN ('"User"'::regclass, '"EmailVerificationToken"'::regclass)
           AND contype <> 'n' ORDER BY conname`,
    );
    expect(constraints).toEqual([
      { name: "EmailVerificationToken_pkey", type: "p", del: " ", upd: " " },
      // c = CASCADE, for onDelete: Cascade and Prisma's default ON UPDATE CASCADE.
      { name: "EmailVerificationToken_userId_fkey", type: "f", del: "c", upd: "c" },
      { name: "User_pkey", type: "p", del: " ", upd: " " },
    ]);

    const indexes = await catalog<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename IN ('User', 'EmailVerificationToken') ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexdef)).toEqual([
      'CREATE UNIQUE INDEX "EmailVerificationToken_pkey" ON public."EmailVerificationToken" USING btree (id)',
      'CREATE UNIQUE INDEX "EmailVerificationToken_tokenHash_key" ON public."EmailVerificationToken" USING btree ("tokenHash")',
      'CREATE INDEX "EmailVerificationToken_userId_idx" ON public."EmailVerificationToken" USING btree ("userId")',
      'CREATE INDEX "User_createdAt_idx" ON public."User" USING btree ("createdAt")',
      'CREATE UNIQUE INDEX "User_email_key" ON public."User" USING btree (email)',
      'CREATE UNIQUE INDEX "User_pkey" ON public."User" USING btree (id)',
      'CREATE INDEX "User_role_idx" ON public."User" USING btree (role)',
    ]);
  });

  it("give every column the type, nullability and default Prisma generates", async () => {
    const columns = await catalog<Record<string, string | null>>(
      `SELECT table_name, column_name, udt_name, datetime_precision::text AS precision, is_nullable, column_default
         FROM information_schema.columns WHERE table_name IN ('User', 'EmailVerificationToken')
         ORDER BY table_name, ordinal_position`,
    );
    expect(columns.map((c) => Object.values(c).join(" "))).toEqual([
      "EmailVerificationToken id uuid  NO ",
      "EmailVerificationToken tokenHash text  NO ",
      "EmailVerificationToken userId uuid  NO ",
      "EmailVerificationToken expiresAt timestamp 3 NO ",
      "EmailVerificationToken usedAt timestamp 3 YES ",
      "EmailVerificationToken createdAt timestamp 3 NO CURRENT_TIMESTAMP",
      "User id uuid  NO ",
      "User email text  NO ",
      "User name text  NO ",
      "User passwordHash text  NO ",
      "User role Role  NO 'CUSTOMER'::\"Role\"",
      "User emailVerified bool  NO false",
      "User createdAt timestamp 3 NO CURRENT_TIMESTAMP",
      "User updatedAt timestamp 3 NO ",
    ]);
  });
});

describe("User through the generated client", () => {
  it("creates with defaults, reads, updates (moving updatedAt) and deletes", async () => {
    const before = Date.now();
    const created = await newUser("defaults@example.com");
    expect(created).toMatchObject({ email: "defaults@example.com", role: "CUSTOMER", emailVerified: false });
    expect(created.id).toMatch(UUID);
    expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(created.updatedAt).toBeInstanceOf(Date);

    await sleep(20);
    const updated = await prisma.user.update({
      where: { id: created.id },
      data: { name: "Renamed", passwordHash: "new-hash", role: Role.DISPATCHER, emailVerified: true },
    });
    expect(updated).toMatchObject({ name: "Renamed", passwordHash: "new-hash", role: "DISPATCHER" });
    expect(updated.emailVerified).toBe(true);
    expect(updated.createdAt).toEqual(created.createdAt);
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(await prisma.user.findUnique({ where: { email: "defaults@example.com" } })).toEqual(updated);

    await prisma.user.delete({ where: { id: created.id } });
    expect(await prisma.user.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("stores every Role and filters by it", async () => {
    for (const role of Object.values(Role)) await newUser(`${role.toLowerCase()}@roles.example.com`, role);
    const found = await prisma.user.findMany({
      where: { email: { endsWith: "@roles.example.com" } },
      orderBy: { createdAt: "asc" },
    });
    expect(found.map((u) => u.role)).toEqual(Object.values(Role));
    expect(
      await prisma.user.count({ where: { role: Role.DRIVER, email: { endsWith: "@roles.example.com" } } }),
    ).toBe(1);
  });

  it("rejects a duplicate email with P2002", async () => {
    await newUser("taken@example.com");
    await expect(newUser("taken@example.com")).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("EmailVerificationToken through the generated client", () => {
  it("creates with defaults, reads with its user, updates and deletes", async () => {
    const user = await newUser("token-owner@example.com");
    const expiresAt = inAnHour();
    const token = await prisma.emailVerificationToken.create({
      data: { tokenHash: "sha256-of-token-1", expiresAt, user: { connect: { id: user.id } } },
    });
    expect(token).toMatchObject({ tokenHash: "sha256-of-token-1", userId: user.id, expiresAt, usedAt: null });
    expect(token.id).toMatch(UUID);
    expect(token.createdAt).toBeInstanceOf(Date);

    const usedAt = new Date();
    await prisma.emailVerificationToken.update({
      where: { tokenHash: "sha256-of-token-1" },
      data: { usedAt },
    });
    const withUser = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { verificationTokens: true },
    });
    expect(withUser.verificationTokens).toEqual([{ ...token, usedAt }]);
    const withOwner = await prisma.emailVerificationToken.findUniqueOrThrow({
      where: { id: token.id },
      include: { user: true },
    });
    expect(withOwner.user.email).toBe("token-owner@example.com");

    await prisma.emailVerificationToken.delete({ where: { id: token.id } });
    expect(await prisma.emailVerificationToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("rejects a duplicate tokenHash with P2002 and a missing user with P2003", async () => {
    const user = await newUser("unique-token@example.com");
    const data = { tokenHash: "sha256-of-token-2", expiresAt: inAnHour() };
    await prisma.emailVerificationToken.create({ data: { ...data, userId: user.id } });

    await expect(
      prisma.emailVerificationToken.create({ data: { ...data, userId: user.id } }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(
      prisma.emailVerificationToken.create({
        data: {
          tokenHash: "sha256-of-token-3",
          expiresAt: inAnHour(),
          userId: "00000000-0000-4000-8000-000000000000",
        },
      }),
    ).rejects.toMatchObject({ code: "P2003" });
  });

  it("follows its user's id change and is deleted with its user", async () => {
    const user = await newUser("cascade@example.com");
    await prisma.emailVerificationToken.createMany({
      data: [
        { tokenHash: "sha256-cascade-a", expiresAt: inAnHour(), userId: user.id },
        { tokenHash: "sha256-cascade-b", expiresAt: inAnHour(), userId: user.id },
      ],
    });
    const newId = "11111111-1111-4111-8111-111111111111";
    await prisma.user.update({ where: { id: user.id }, data: { id: newId } });
    expect(await prisma.emailVerificationToken.count({ where: { userId: newId } })).toBe(2);

    await prisma.user.delete({ where: { id: newId } });
    expect(
      await prisma.emailVerificationToken.count({ where: { tokenHash: { startsWith: "sha256-cascade" } } }),
    ).toBe(0);
  });
});

describe("Session and RefreshToken (sessions migration)", () => {
  it("have Prisma's constraints, indexes and columns", async () => {
    const constraints = await catalog<{ name: string; type: string; del: string; upd: string }>(
      `SELECT conname AS name, contype::text AS type, confdeltype::text AS del, confupdtype::text AS upd
         FROM pg_constraint WHERE conrelid IN ('"Session"'::regclass, '"RefreshToken"'::regclass)
           AND contype <> 'n' ORDER BY conname`,
    );
    expect(constraints).toEqual([
      { name: "RefreshToken_pkey", type: "p", del: " ", upd: " " },
      { name: "RefreshToken_sessionId_fkey", type: "f", del: "c", upd: "c" },
      { name: "Session_pkey", type: "p", del: " ", upd: " " },
      { name: "Session_userId_fkey", type: "f", del: "c", upd: "c" },
    ]);
    const indexes = await catalog<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename IN ('Session', 'RefreshToken') ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      "RefreshToken_pkey",
      "RefreshToken_sessionId_idx",
      "RefreshToken_tokenHash_key",
      "Session_pkey",
      "Session_userId_idx",
    ]);
    const columns = await catalog<Record<string, string | null>>(
      `SELECT table_name, column_name, udt_name, is_nullable, column_default
         FROM information_schema.columns WHERE table_name IN ('Session', 'RefreshToken')
         ORDER BY table_name, ordinal_position`,
    );
    expect(columns.map((c) => Object.values(c).join(" "))).toEqual([
      "RefreshToken id uuid NO ",
      "RefreshToken sessionId uuid NO ",
      "RefreshToken tokenHash text NO ",
      "RefreshToken expiresAt timestamp NO ",
      "RefreshToken usedAt timestamp YES ",
      "RefreshToken createdAt timestamp NO CURRENT_TIMESTAMP",
      "Session id uuid NO ",
      "Session userId uuid NO ",
      "Session createdAt timestamp NO CURRENT_TIMESTAMP",
      "Session lastUsedAt timestamp NO CURRENT_TIMESTAMP",
      "Session revokedAt timestamp YES ",
    ]);
  });

  it("use every field through the client, keep token hashes unique and cascade from the user", async () => {
    const user = await newUser("sessions@example.com");
    const session = await prisma.session.create({
      data: { userId: user.id, refreshTokens: { create: { tokenHash: "hash-1", expiresAt: inAnHour() } } },
      include: { refreshTokens: true },
    });
    expect(session).toMatchObject({ userId: user.id, revokedAt: null });
    expect(session.id).toMatch(UUID);
    expect(session.lastUsedAt).toBeInstanceOf(Date);
    const [token] = session.refreshTokens;
    expect(token).toMatchObject({ sessionId: session.id, tokenHash: "hash-1", usedAt: null });
    const used = await prisma.refreshToken.update({
      where: { id: token?.id ?? "" },
      data: { usedAt: new Date() },
    });
    expect(used.usedAt).toBeInstanceOf(Date);
    await prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    await expect(
      prisma.refreshToken.create({
        data: { sessionId: session.id, tokenHash: "hash-1", expiresAt: inAnHour() },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
    await expect(
      prisma.refreshToken.create({
        data: {
          sessionId: "00000000-0000-4000-8000-000000000000",
          tokenHash: "hash-2",
          expiresAt: inAnHour(),
        },
      }),
    ).rejects.toMatchObject({ code: "P2003" });
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.refreshToken.count({ where: { sessionId: session.id } })).toBe(0);
  });
});
