export {
  type CodedError,
  type CodedErrorOptions,
  codedError,
  codedErrorBuilder,
  type HttpErrorHead,
  type HttpErrorOptions,
  unauthorizedHttp,
} from "./codedError.js";
export {
  APOLLO_REQUEST_ERROR_CODES,
  ApolloRequestErrorCode,
  ErrorCode,
  isPublicErrorCode,
  type PublicErrorCode,
} from "./codes.js";
export { badUserInput, conflict, forbidden, notFound, rateLimited, unauthenticated } from "./errors.js";
export { type FormatErrorOptions, subgraphFormatErrorSteps } from "./formatError.js";
export { type FormatErrorStep, formatErrorPipeline } from "./formatErrorPipeline.js";
export { type HideInternalErrorsOptions, hideInternalErrors } from "./hideInternalErrors.js";
export { hideVariableSuggestions } from "./hideSuggestions.js";
export { rewordApolloRequestErrors } from "./rewordApolloRequestErrors.js";
