import { schemaArtifacts, writeArtifacts } from "./artifacts.js";
import { composeSupergraph, readSubgraphDefinitions } from "./composeSupergraph.js";
import { subgraphs } from "./subgraphs.js";

const definitions = await readSubgraphDefinitions(subgraphs);
const composition = composeSupergraph(definitions);

if (!composition.ok) {
  console.error(`Composition failed with ${composition.errors.length} error(s):`);
  for (const error of composition.errors) console.error(`  ✗ ${error}`);
  process.exit(1);
}

for (const hint of composition.hints) console.warn(`  hint ${hint}`);
const artifacts = schemaArtifacts(definitions, composition.supergraphSdl);
await writeArtifacts(artifacts);
console.log(`Composed ${definitions.map((definition) => definition.name).join(", ")} into:`);
for (const artifact of artifacts) console.log(`  schema/${artifact.path}`);
