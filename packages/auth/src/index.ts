export { allow, and, deny, not, or } from "graphql-shield";
export {
  type AuthenticatedViewer,
  authenticate,
  type Verifier,
} from "./authenticate.js";
export { type AuthenticationFailureReason, authenticationFailed } from "./authenticationFailed.js";
export { type AuthConfig, loadAuthConfig } from "./config.js";
export { evaluateRule } from "./evaluateRule.js";
export {
  createGatewayProofVerifier,
  DEFAULT_GATEWAY_PROOF_TTL_SECONDS,
  GATEWAY_PROOF_HEADER,
  type GatewayProofClaims,
  type GatewayProofKeys,
  type GatewayProofResult,
  type GatewayProofVerifierOptions,
  gatewayProofBodyHash,
  type SignGatewayProofOptions,
  signGatewayProof,
  type VerifyGatewayProofOptions,
  verifyGatewayProof,
} from "./gatewayProof.js";
export {
  type GatewayProofKeyLoadOptions,
  generateGatewayProofKey,
  loadGatewayCallerCheck,
  loadGatewayProofKeys,
  parseGatewayProofKey,
  type SubgraphKeyConfig,
} from "./gatewayProofKeys.js";
export {
  generateSigningKeys,
  type KeyLoadOptions,
  loadSigningKeys,
  loadVerificationKey,
  type SigningKeys,
} from "./keys.js";
export { createMemoryRevocationStore } from "./memoryRevocationStore.js";
export { createRedisRevocationStore, type RedisRevocationStoreOptions } from "./redisRevocationStore.js";
export { createRevocationStore, type Revocation, type RevocationStore } from "./revocation.js";
export {
  REVOCATIONS_EXTENSION,
  type ReportedRevocations,
  takeRevocations,
  withRevocations,
} from "./revocationWire.js";
export { isPermission, isRole, Permission, permissionsForRole, ROLES, type Role } from "./roles.js";
export {
  type AuthContext,
  hasPermission,
  hasRole,
  isAuthenticated,
  isSelf,
  isSelfOrAdmin,
  type ShieldRule,
} from "./rules.js";
export {
  type AccessTokenClaims,
  type AccessTokenSubject,
  signAccessToken,
  type TokenSettings,
  verifyAccessToken,
} from "./tokens.js";
