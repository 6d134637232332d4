// Run by keys.test.ts in several child processes at once (node --import tsx): each waits for "go"
// on stdin so they all race for the same empty folder, then prints the public key it ended up with.
import { once } from "node:events";
import { loadSigningKeys, loadVerificationKey } from "../../src/index.js";

const [dataRoot = "", purpose = "sign"] = process.argv.slice(2);
process.stdout.write("ready\n");
await once(process.stdin, "data");
const options = { mode: "development" as const, pem: undefined, dataRoot, log: () => {} };
const publicKey = purpose === "verify" ? loadVerificationKey(options) : loadSigningKeys(options).publicKey;
process.stdout.write(publicKey.export({ type: "spki", format: "pem" }).toString());
process.exit(0);
