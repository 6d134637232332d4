/** A migration could not be applied, or the database does not match the migrations folder. */
export class MigrationError extends Error {
  override name = "MigrationError";
}
