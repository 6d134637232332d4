import type { FormatErrorStep } from "./formatErrorPipeline.js";

// graphql-js words every suggestion this way: ` Did you mean "search"?`, ` Did you mean "a" or "b"?`.
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Removes "Did you mean ...?" from an error about a variable that could not be coerced
 * (`Variable "$f" got invalid value ...; Field "serch" is not defined by type "UserFilter". Did you
 * mean "search"?`). Apollo's `hideSchemaDetailsFromClientErrors` removes suggestions from validation
 * errors only, and a suggestion names a field the caller did not know: with introspection off, that
 * would let anyone spell the schema out by guessing. The caller's own words stay.
 */
export const hideVariableSuggestions: FormatErrorStep = (formatted) => {
  if (!formatted.message.startsWith('Variable "$') || !formatted.message.includes("Did you mean")) {
    return formatted;
  }
  return { ...formatted, message: formatted.message.replace(SUGGESTION, "") };
};
