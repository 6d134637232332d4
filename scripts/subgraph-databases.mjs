// `pnpm db:migrate` and `pnpm db:seed`: run one subgraph command against each subgraph's own
// database. Each subgraph owns its data (README, "Database and migrations"), so one URL for all of
// them is refused: it would put users' and orders' tables side by side in one database.
//
//   pnpm db:migrate                                   every subgraph on its embedded database
//   USERS_DATABASE_URL=… ORDERS_DATABASE_URL=… pnpm db:migrate
//   pnpm db:migrate users                             one subgraph (its URL, or embedded)
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const subgraphs = ["users", "orders"];
const commands = ["db:migrate", "db:seed"];
const urlVariable = (name) => `${name.toUpperCase()}_DATABASE_URL`;

function fail(message) {
  console.error(`logicore ${command ?? "db"}: ${message}`);
  process.exit(2);
}

const [command, ...names] = process.argv.slice(2);
if (!commands.includes(command))
  fail(`usage: node scripts/subgraph-databases.mjs <${commands.join("|")}> [subgraph...]`);
for (const name of names) {
  if (!subgraphs.includes(name))
    fail(`unknown subgraph ${JSON.stringify(name)}; the subgraphs are ${subgraphs.join(", ")}`);
}
const chosen = names.length > 0 ? names : subgraphs;
const env = process.env;
const urlOf = (name) => env[urlVariable(name)]?.trim() || undefined;

if (env.DATABASE_URL?.trim()) {
  fail(
    `DATABASE_URL names one database, and each subgraph needs its own: set ${subgraphs.map(urlVariable).join(" and ")} instead ` +
      "(or run one subgraph's own command, e.g. `pnpm --filter @logicore/users db:migrate`, with DATABASE_URL)",
  );
}
const given = subgraphs.filter((name) => urlOf(name) !== undefined);
if (given.length > 0) {
  const missing = chosen.filter((name) => urlOf(name) === undefined);
  if (missing.length > 0) {
    fail(
      `${missing.map(urlVariable).join(" and ")} must be set too: a subgraph without a URL would use its embedded database`,
    );
  }
  const byDatabase = new Map();
  for (const name of given) {
    const url = new URL(urlOf(name));
    const key = `${url.hostname}:${url.port || "5432"}${url.pathname}`;
    if (byDatabase.has(key)) {
      fail(
        `${urlVariable(byDatabase.get(key))} and ${urlVariable(name)} name the same database (${key}); each subgraph needs its own`,
      );
    }
    byDatabase.set(key, name);
  }
}

for (const name of chosen) {
  const url = urlOf(name);
  const childEnv = { ...env };
  for (const other of subgraphs) delete childEnv[urlVariable(other)];
  if (url !== undefined) childEnv.DATABASE_URL = url;
  const result = spawnSync("pnpm", ["--silent", "--filter", `@logicore/${name}`, command], {
    cwd: root,
    env: childEnv,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
