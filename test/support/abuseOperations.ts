import fc from "fast-check";

/** Real operations of the supergraph with valid variables: what the generators start from. */
export const OPERATIONS: ReadonlyArray<{ query: string; variables: Record<string, unknown> }> = [
  {
    query:
      "query Users($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrderBy) { users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount edges { cursor node { id email name role } } pageInfo { hasNextPage endCursor } } }",
    variables: { first: 5, filter: { search: "a", role: "CUSTOMER" }, orderBy: "EMAIL_ASC" },
  },
  {
    query: "query User($id: ID!) { user(id: $id) { id name email orders(first: 2) { totalCount } } }",
    variables: { id: "00000000-0000-4000-8000-000000000000" },
  },
  { query: "query Me { me { id email role permissions } userStats { total verified } }", variables: {} },
  {
    query:
      "query Orders($first: Int, $filter: OrderFilter) { orders(first: $first, filter: $filter) { totalCount edges { node { id number status total customer { id name } items { sku quantity unitPrice } } } } }",
    variables: { first: 3, filter: { status: "PENDING", createdAfter: "2020-01-01T00:00:00Z" } },
  },
  {
    query: "mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id email role } }",
    variables: { input: { email: "fuzz@abuse.test", password: "Fuzz-Password-1", name: "Fuzz" } },
  },
  {
    query:
      "mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { id status total } }",
    variables: { input: { items: [{ sku: "SKU-1", description: "Box", quantity: 1, unitPrice: "9.99" }] } },
  },
  {
    query:
      "mutation UpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id name } }",
    variables: { id: "00000000-0000-4000-8000-000000000000", input: { name: "Renamed" } },
  },
  {
    query:
      "mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { id } } }",
    variables: { email: "nobody@abuse.test", password: "wrong-password" },
  },
];

/** Values a careless or hostile client puts where a variable goes. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "🚀".repeat(500),
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    "<script>alert(1)</script>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text of a Log4Shell probe.
    "${jndi:ldap://x}",
    "../../../../etc/passwd",
    "%s%s%s%n",
    "00000000-0000-4000-8000-000000000000",
    -0,
    0.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 1,
    Number.MAX_VALUE,
    true,
    null,
    [],
    {},
    [[[[[]]]]],
    { __typename: "User" },
    { constructor: "x", toString: 1 },
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((length) => "x".repeat(length)),
);

/** Any JSON, strings over the whole of Unicode. */
export const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: "binary" });

export const variablesFor = (query: string) =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...variableNames(query)), fc.string({ maxLength: 8 })),
    fc.oneof(hostileValue, anyJson),
    { maxKeys: 4 },
  );

function variableNames(query: string): string[] {
  // "x" too: an operation without variables still gets some it did not declare.
  return ["x", ...[...query.matchAll(/\$(\w+):/g)].map((match) => match[1] ?? "x")];
}
