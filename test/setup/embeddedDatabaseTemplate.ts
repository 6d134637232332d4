import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMBEDDED_TEMPLATE_ENV, writeEmbeddedTemplate } from "@logicore/db/testing";

/**
 * Vitest global setup: one empty embedded database, made before any test file starts, that every
 * embedded test database copies (see EMBEDDED_TEMPLATE_ENV). Workers inherit the variable; the
 * folder is this run's own and removed after it, so no run reads another's template.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // Both the unit and the e2e project name this setup; the first one to run makes the template.
  if (process.env[EMBEDDED_TEMPLATE_ENV]) return async () => {};
  const folder = await mkdtemp(join(tmpdir(), "logicore-test-template-"));
  const file = join(folder, "empty-database.tar");
  await writeEmbeddedTemplate(file);
  process.env[EMBEDDED_TEMPLATE_ENV] = file;
  return async () => {
    delete process.env[EMBEDDED_TEMPLATE_ENV];
    await rm(folder, { recursive: true, force: true });
  };
}
