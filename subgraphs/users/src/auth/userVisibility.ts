import type { Role } from "@logicore/auth";
import { forbidden } from "@logicore/errors";
import type { UsersContext } from "../context.js";
import type { User } from "../generated/prisma/client.js";

/**
 * How much of another user a caller sees when the user is reached by reference (`_entities`, e.g.
 * `Order.customer` through the gateway): `full` for the roles that may read any user with `user(id)`,
 * `contact` (name and email, to deliver an order) for a DRIVER, `id` alone for a CUSTOMER. A caller
 * always sees all of themself.
 */
export type UserVisibility = "full" | "contact" | "id";

/** The fields of `User` that are not always visible (`id` is: the caller already holds it). */
export type RestrictedUserField =
  | "email"
  | "name"
  | "role"
  | "permissions"
  | "emailVerified"
  | "createdAt"
  | "updatedAt";

const CONTACT_FIELDS: ReadonlySet<RestrictedUserField> = new Set(["email", "name"]);

export function visibilityForRole(role: Role): UserVisibility {
  switch (role) {
    case "ADMIN":
    case "MANAGER":
    case "DISPATCHER":
      return "full";
    case "DRIVER":
      return "contact";
    case "CUSTOMER":
      return "id";
    default: {
      const unknownRole: never = role;
      throw new Error(`Unknown role ${String(unknownRole)}`);
    }
  }
}

export function mayReadUserField(
  viewer: UsersContext["viewer"],
  user: Pick<User, "id">,
  field: RestrictedUserField,
): boolean {
  if (viewer === null) return false;
  if (viewer.id === user.id) return true;
  const visibility = visibilityForRole(viewer.role);
  return visibility === "full" || (visibility === "contact" && CONTACT_FIELDS.has(field));
}

// Rows each request reached by reference. `user(id)`, `users` and `me` check the whole row before
// returning it (users:read or the caller themself, which is `full` above), and the mutations return
// the user they were authorized for (a sign-in returns its own user to a caller with no token yet):
// the reference resolver is the one path that returns a row nobody checked, so its rows get
// field-level checks. Keyed by the request's context, so it goes when the request does.
const referencedByRequest = new WeakMap<UsersContext, Set<string>>();

/** Records that `user` was resolved by reference in this request: its fields are checked one by one. */
export function markReferenced(context: UsersContext, user: Pick<User, "id">): void {
  const referenced = referencedByRequest.get(context) ?? new Set<string>();
  referenced.add(user.id);
  referencedByRequest.set(context, referenced);
}

/**
 * `value` when the caller may see `field` of `user`, else FORBIDDEN. Every field of `User` is
 * non-null, so a refused field nulls the user (`Order.customer: null`), never the order around it.
 */
export function visibleUserField<T>(
  context: UsersContext,
  user: Pick<User, "id">,
  field: RestrictedUserField,
  value: () => T,
): T {
  const referenced = referencedByRequest.get(context)?.has(user.id) ?? false;
  if (referenced && !mayReadUserField(context.viewer, user, field)) {
    throw forbidden(`You may not see the ${field} of this user`);
  }
  return value();
}
