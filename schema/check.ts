import { schemaArtifacts, staleArtifacts } from "./artifacts.js";
import { readBaselineSupergraph } from "./baseline.js";
import { findApiBreakingChanges } from "./breakingChanges.js";
import { composeSupergraph, readSubgraphDefinitions } from "./composeSupergraph.js";
import { staleResolverTypes } from "./resolverTypes.js";
import { subgraphs } from "./subgraphs.js";

const usage = "usage: pnpm schema:check [--fail-on-breaking]  (env SCHEMA_BASE_REF, default HEAD)";
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--fail-on-breaking");
if (unknown.length > 0) {
  console.error(`Unknown argument(s): ${unknown.join(" ")}\n${usage}`);
  process.exit(2);
}
const failOnBreaking = args.includes("--fail-on-breaking");
const baseRef = process.env.SCHEMA_BASE_REF?.trim() || "HEAD";

const definitions = await readSubgraphDefinitions(subgraphs);
const composition = composeSupergraph(definitions);
if (!composition.ok) {
  console.error(`✗ Composition failed with ${composition.errors.length} error(s):`);
  for (const error of composition.errors) console.error(`  ${error}`);
  process.exit(1);
}
console.log(`✓ ${definitions.map((definition) => definition.name).join(", ")} compose`);
for (const hint of composition.hints) console.warn(`  hint ${hint}`);

let failed = false;
const stale = await staleArtifacts(schemaArtifacts(definitions, composition.supergraphSdl));
if (stale.length > 0) {
  failed = true;
  console.error("✗ The committed schema files are stale; run `pnpm schema:compose` and commit the result:");
  for (const path of stale) console.error(`  schema/${path}`);
} else {
  console.log("✓ schema/supergraph.graphql and schema/subgraphs/ are up to date");
}

const staleTypes = await staleResolverTypes();
if (staleTypes.length > 0) {
  failed = true;
  console.error("✗ The generated resolver types are stale; run `pnpm codegen` and commit the result:");
  for (const path of staleTypes) console.error(`  ${path}`);
} else {
  console.log("✓ the subgraphs' generated resolver types are up to date");
}

// The baseline may be an older file that no longer builds (e.g. an unsupported federation version):
// reviewers still need the rest of the report, so that case is reported rather than thrown.
const baseline = await readBaselineSupergraph({ ref: baseRef });
if (baseline === undefined) {
  console.log("• No baseline supergraph yet: breaking changes not checked");
} else {
  if (baseline.fallbackReason) console.log(`• Baseline from disk (${baseline.fallbackReason})`);
  try {
    const breaking = findApiBreakingChanges(baseline.sdl, composition.supergraphSdl);
    if (breaking.length === 0) {
      console.log(`✓ No breaking API changes against ${baseline.source}`);
    } else {
      console.warn(`! ${breaking.length} breaking API change(s) against ${baseline.source}:`);
      for (const change of breaking) console.warn(`  ${change.type}: ${change.description}`);
      if (failOnBreaking) failed = true;
      else console.warn("  (reported only; pass --fail-on-breaking to fail on them)");
    }
  } catch (error) {
    failed = true;
    console.error(`✗ Could not compare with ${baseline.source}: ${(error as Error).message}`);
  }
}

process.exit(failed ? 1 : 0);
