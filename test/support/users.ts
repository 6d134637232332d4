import type { TestStack } from "./stack.js";

export const USER_FIELDS = "id email name role permissions emailVerified createdAt updatedAt";

export interface CreatedUser {
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
  const user = response.body.data?.createUser as CreatedUser | undefined;
  if (!user) throw new Error(`createUser failed: ${JSON.stringify(response.body)}`);
  return user;
}
