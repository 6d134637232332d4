// `pnpm build`: one JavaScript file per command of each deployable, for the container images (see
// the Dockerfile). Workspace code (@logicore/*) is bundled in; every other package stays an import
// that Node resolves at run time from the deployable's own node_modules, so native addons, WASM and
// each package's data files keep working exactly as under tsx.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile, type Plugin } from "esbuild";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface Deployable {
  /** Its folder, relative to the repository root; bundles go to `<dir>/dist/`. */
  dir: string;
  /** Output name (without `.js`) to entry point, relative to `dir`. */
  entries: Readonly<Record<string, string>>;
}

export const deployables: readonly Deployable[] = [
  { dir: "gateway", entries: { main: "src/main.ts" } },
  { dir: "subgraphs/users", entries: { main: "src/main.ts", migrate: "src/cli/migrate.ts" } },
  { dir: "subgraphs/orders", entries: { main: "src/main.ts", migrate: "src/cli/migrate.ts" } },
];

export interface BuiltDeployable {
  dir: string;
  /** The bundles written, relative to the repository root. */
  bundles: string[];
  /** Files outside `dist/` that the bundles read at run time, relative to the repository root. */
  runtimeFiles: string[];
}

// Every bare import except workspace code stays an import: `@logicore/*` is TypeScript that only
// tsx could load, while node_modules holds JavaScript that Node loads as it is.
const externalPackages: Plugin = {
  name: "external-packages",
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@logicore/") ? undefined : { path: args.path, external: true },
    );
  },
};

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** The folder Node would load `name` from, for a module in `fromDir` (package `exports` aside). */
function packageDirFrom(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

function dependenciesOf(dir: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return manifest.dependencies ?? {};
}

/** The package.json nearest to a source file: the workspace package that wrote the import. */
function packageRootOf(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

// A bundle resolves its imports from `<dir>/dist/`, not from the workspace package that wrote them,
// and the image installs only the deployable's own dependencies: the deployable must declare every
// package its bundled code imports, and resolve it to the very version the importer does.
function checkExternals(deployable: Deployable, metafile: Metafile, outdir: string): void {
  const declared = dependenciesOf(join(repositoryRoot, deployable.dir));
  const problems = new Set<string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const source = resolve(repositoryRoot, input);
    for (const { path, external } of imports) {
      if (!external || path.startsWith("node:")) continue;
      const name = packageName(path);
      if (declared[name] === undefined) {
        const range = dependenciesOf(packageRootOf(source))[name] ?? "<version>";
        problems.add(
          `${input} imports "${name}": add "${name}": "${range}" to ${deployable.dir}/package.json's dependencies`,
        );
        continue;
      }
      const wanted = packageDirFrom(name, dirname(source));
      const found = packageDirFrom(name, outdir);
      if (found === wanted) continue;
      problems.add(
        `${input} imports "${name}" from ${wanted ? relative(repositoryRoot, wanted) : "nowhere"}, but ` +
          `${deployable.dir} resolves it to ${found ? relative(repositoryRoot, found) : "nothing"}: ` +
          "declare the same version (and run pnpm install)",
      );
    }
  }
  if (problems.size > 0) {
    throw new Error(`build of ${deployable.dir} stopped:\n  ${[...problems].join("\n  ")}`);
  }
}

/** Folders the deployables create at run time (embedded database, development keys): never shipped. */
const runtimeStateFolders = [".data"];

const importMetaUrl = /new URL\(\s*(["'])([^"']+)\1\s*,\s*import\.meta\.url\s*\)/g;

// Files found with `new URL("…", import.meta.url)` are looked up from the bundle's folder instead of
// the source's. Those that land inside dist/ (a subgraph's `./schema.graphql`) are copied there; the
// others must resolve to the very same path, and the image must ship them (they are returned).
function placeRuntimeFiles(deployable: Deployable, metafile: Metafile, outdir: string): string[] {
  const runtimeFiles = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const source = resolve(repositoryRoot, input);
    if (source.includes(`${sep}node_modules${sep}`) || !/\.[cm]?ts$/.test(source)) continue;
    for (const [, , url = ""] of readFileSync(source, "utf8").matchAll(importMetaUrl)) {
      const fromSource = resolve(dirname(source), url);
      const fromBundle = resolve(outdir, url);
      if (runtimeStateFolders.includes(relative(repositoryRoot, fromSource))) continue;
      if (!existsSync(fromSource)) {
        throw new Error(`${input}: new URL("${url}", import.meta.url) names no file`);
      }
      if (fromBundle === fromSource) {
        runtimeFiles.add(relative(repositoryRoot, fromSource));
      } else if (fromBundle.startsWith(outdir + sep)) {
        if (statSync(fromSource).isDirectory()) cpSync(fromSource, fromBundle, { recursive: true });
        else writeAtomically(fromBundle, readFileSync(fromSource));
      } else {
        throw new Error(
          `${input}: new URL("${url}", import.meta.url) would read ${fromBundle} from the bundle ` +
            `instead of ${fromSource}; keep ${deployable.dir}/dist/ at the depth of its src/ or copy the file`,
        );
      }
    }
  }
  return [...runtimeFiles].sort();
}

// Written beside, then renamed: a run that reads dist/ meanwhile sees the old file or the new one.
function writeAtomically(file: string, contents: Uint8Array | string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

export async function buildDeployable(deployable: Deployable): Promise<BuiltDeployable> {
  const root = join(repositoryRoot, deployable.dir);
  const outdir = join(root, "dist");
  const result = await build({
    absWorkingDir: repositoryRoot,
    entryPoints: Object.entries(deployable.entries).map(([out, entry]) => ({ in: join(root, entry), out })),
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    // The oldest Node LTS that package.json's engines allow; the images run Node 24.
    target: "node22",
    plugins: [externalPackages],
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  checkExternals(deployable, result.metafile, outdir);
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // The nearest package.json decides that these .js files are ES modules; the image has no other.
  writeAtomically(join(outdir, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  const runtimeFiles = placeRuntimeFiles(deployable, result.metafile, outdir);
  return {
    dir: deployable.dir,
    bundles: result.outputFiles.map((file) => relative(repositoryRoot, file.path)),
    runtimeFiles,
  };
}

export async function buildDeployables(): Promise<BuiltDeployable[]> {
  return Promise.all(deployables.map(buildDeployable));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    for (const built of await buildDeployables()) {
      console.log(`${built.dir}: ${built.bundles.join(", ")}`);
      if (built.runtimeFiles.length > 0) console.log(`  reads at run time: ${built.runtimeFiles.join(", ")}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
