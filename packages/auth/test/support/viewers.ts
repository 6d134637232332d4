import {
  type AuthContext,
  type AuthenticatedViewer,
  permissionsForRole,
  type Role,
} from "../../src/index.js";
import { USER_ID } from "./tokens.js";

export function viewer(role: Role, id = USER_ID): AuthenticatedViewer {
  return {
    id,
    role,
    permissions: permissionsForRole(role),
    sessionId: "session",
    tokenId: "token",
    issuedAt: 1,
  };
}

export const anonymous = (): AuthContext => ({ viewer: null });
export const signedIn = (role: Role, id = USER_ID): AuthContext => ({ viewer: viewer(role, id) });
