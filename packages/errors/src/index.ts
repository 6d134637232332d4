export { APOLLO_REQUEST_ERROR_CODES, ErrorCode, isPublicErrorCode } from "./codes.js";
export { badUserInput, conflict, forbidden, notFound, rateLimited, unauthenticated } from "./errors.js";
export { createFormatError, type FormatErrorOptions } from "./formatError.js";
