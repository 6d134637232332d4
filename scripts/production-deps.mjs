// The node_modules of one deployable's container image: `pnpm install --prod` from the lockfile for
// that deployable alone, in a folder of its own, then pruned to what its dependencies need.
//
//   node scripts/production-deps.mjs subgraphs/users /deps/users
//
// leaves /deps/users/node_modules/.pnpm (the packages) and /deps/users/subgraphs/users/node_modules
// (the deployable's links into it), to be copied to the same places under the image's /app.
// The prune matters: the lockfile links @prisma/client to its optional peers `prisma` and
// `typescript` (the workspace root has them), which would bring the Prisma CLI, Prisma Studio and
// TypeScript (some 250 MB) into an image that never loads them.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [deployableDir, outArgument] = process.argv.slice(2);
if (!deployableDir || !outArgument) {
  console.error("usage: node scripts/production-deps.mjs <deployable folder> <output folder>");
  process.exit(2);
}
const out = resolve(outArgument);
// It is emptied first: never the checkout or a folder in it.
if (out === root || root.startsWith(out + sep) || out.startsWith(root + sep)) {
  console.error(`the output folder must be outside ${root}, got ${out}`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(root, deployableDir, "package.json"), "utf8"));

// The lockfile names every workspace project, so every manifest comes along (and goes again below).
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
// pnpm refuses a frozen install whose patched dependencies' patch files are missing.
const patches = Object.values(rootManifest.pnpm?.patchedDependencies ?? {});
const projects = JSON.parse(
  execFileSync("pnpm", ["ls", "--recursive", "--depth", "-1", "--json"], { cwd: root, encoding: "utf8" }),
).map((project) => relative(root, project.path));
rmSync(out, { recursive: true, force: true });
for (const file of [
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  ...patches,
  ...projects.map((dir) => join(dir, "package.json")),
]) {
  mkdirSync(dirname(join(out, file)), { recursive: true });
  cpSync(join(root, file), join(out, file));
}
execFileSync(
  "pnpm",
  [
    "install",
    "--prod",
    "--frozen-lockfile",
    "--prefer-offline",
    "--ignore-scripts",
    "--filter",
    manifest.name,
  ],
  { cwd: out, stdio: ["ignore", "ignore", "inherit"] },
);

/** Where Node would find `name` from `fromDir`. */
function packageDir(name, fromDir) {
  for (let dir = fromDir; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
  }
  return undefined;
}

// Everything the deployable's dependencies need, as npm would install it: dependencies, optional
// dependencies and required peers, but not optional peers that nothing else asks for.
const needed = new Set();
function visit(dir) {
  if (needed.has(dir)) return;
  needed.add(dir);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const optionalPeer = (name) => pkg.peerDependenciesMeta?.[name]?.optional === true;
  const names = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}).filter((name) => !optionalPeer(name)),
  ];
  for (const name of names) {
    const found = packageDir(name, dir);
    if (found) visit(found);
  }
}
const deployableModules = join(out, deployableDir);
for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
  if (range.startsWith("workspace:")) continue; // bundled into dist/ by `pnpm build`
  const found = packageDir(name, deployableModules);
  if (!found) throw new Error(`${name} is not installed for ${deployableDir}`);
  visit(found);
}

const store = join(realpathSync(out), "node_modules", ".pnpm");
const neededEntries = new Set([...needed].map((dir) => relative(store, dir).split(sep)[0]));
let removed = 0;
for (const entry of readdirSync(store)) {
  if (entry === "node_modules" || neededEntries.has(entry)) continue;
  rmSync(join(store, entry), { recursive: true, force: true });
  removed += 1;
}
// Links left pointing at what was removed, the workspace packages (bundled) and pnpm's bookkeeping.
for (const scope of [join(store, "node_modules"), ...scopesIn(join(store, "node_modules"))]) {
  for (const entry of readdirSync(scope, { withFileTypes: true })) {
    if (entry.isSymbolicLink() && !existsSync(join(scope, entry.name))) rmSync(join(scope, entry.name));
  }
}
for (const path of [
  join(out, deployableDir, "node_modules", "@logicore"),
  join(store, "node_modules", "@logicore"),
  join(out, deployableDir, "node_modules", ".bin"),
  join(out, "node_modules", ".modules.yaml"),
  join(out, "node_modules", ".pnpm-workspace-state-v1.json"),
  join(store, "lock.yaml"),
  join(out, "pnpm-lock.yaml"),
  join(out, "pnpm-workspace.yaml"),
  ...patches.map((file) => join(out, file)),
  ...projects.map((dir) => join(out, dir, "package.json")),
]) {
  rmSync(path, { recursive: true, force: true });
}
for (const dir of projects.filter((dir) => dir !== "" && dir !== deployableDir))
  removeEmptyFolders(join(out, dir));
for (const file of patches) removeEmptyFolders(dirname(join(out, file)));
console.log(
  `${deployableDir}: ${neededEntries.size} packages in ${out} (${removed} not needed at run time removed)`,
);

function scopesIn(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith("@"))
    .map((entry) => join(dir, entry.name));
}

function removeEmptyFolders(dir) {
  while (dir.startsWith(out + sep) && existsSync(dir) && readdirSync(dir).length === 0) {
    rmSync(dir, { recursive: true });
    dir = dirname(dir);
  }
}
