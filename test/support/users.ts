import type { TestStack } from "./stack.js";

export const USER_FIELDS = "id email name role permissions emailVerified createdAt updatedAt";

export interface CreatedUser {
  /** The password it was created with, to sign in as it. */
  password: string;
  id: string;
  email: string;
  name: string;
  role: string;
  permissions: string[];
  emailVerified: boolean;
  createdAt: string;
  updatedAt: string;
}

let counter = 0;

/** Creates a user through the gateway and fails the test loudly if that did not work. */
export async function createUser(
  stack: TestStack,
  input: Partial<{ email: string; password: string; name: string; role: string }> = {},
): Promise<CreatedUser> {
  counter += 1;
  const password = input.password ?? "Correct-Horse-9";
  const response = await stack.graphql(
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`,
    {
      input: {
        email: `user${counter}-${Date.now()}@example.com`,
        password: "Correct-Horse-9",
        name: `User ${counter}`,
        ...input,
      },
    },
  );
  const user = response.body.data?.createUser as Omit<CreatedUser, "password"> | undefined;
  if (!user) throw new Error(`createUser failed: ${JSON.stringify(response.body)}`);
  return { ...user, password };
}

/** Headers of `user`, signed in through the gateway's login mutation. */
export async function headersOf(stack: TestStack, user: { email: string; password: string }) {
  return (await stack.signIn(user.email, user.password)).headers;
}
