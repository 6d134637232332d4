# syntax=docker/dockerfile:1
# One file, one image per deployable (README, "Container images"):
#   docker build --target gateway -t logicore/gateway .
#   docker build --target users -t logicore/users .
#   docker build --target orders -t logicore/orders .
# Each image holds node, its deployable's bundles (`pnpm build`), the production packages those
# import and the files they read; no source, pnpm, npm, tsx or TypeScript.

# Node 24 LTS, the version .nvmrc names (graphql-shield loads on it through patches/).
FROM node:24-bookworm-slim AS build
ENV PNPM_HOME=/pnpm COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# pnpm at the version package.json's packageManager names.
RUN corepack enable
WORKDIR /repo
# Manifests first: this layer and the install are reused until a dependency changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
# pnpm applies these to the packages they name (package.json, pnpm.patchedDependencies).
COPY patches/ patches/
COPY gateway/package.json gateway/
COPY subgraphs/users/package.json subgraphs/users/
COPY subgraphs/orders/package.json subgraphs/orders/
COPY packages/auth/package.json packages/auth/
COPY packages/config/package.json packages/config/
COPY packages/db/package.json packages/db/
COPY packages/errors/package.json packages/errors/
COPY packages/service/package.json packages/service/
# The install's postinstall generates each subgraph's Prisma client from its schema.
COPY scripts/prisma-generate.mjs scripts/prisma-engine-stub.sh scripts/
COPY prisma/ prisma/
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile
COPY . .
RUN pnpm build
# Each deployable's production packages in a folder of its own (/deps/<name>), from the same store.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    node scripts/production-deps.mjs gateway /deps/gateway \
    && node scripts/production-deps.mjs subgraphs/users /deps/users \
    && node scripts/production-deps.mjs subgraphs/orders /deps/orders

FROM node:24-bookworm-slim AS runtime
# Only node stays: no package manager for whoever gets a shell in a running container. The user
# exists so that tools asking for its name get one; files stay root's, read-only to it.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
        /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-* \
    && groupadd --system --gid 10001 logicore \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin logicore
ENV NODE_ENV=production
WORKDIR /app

# node is PID 1 and receives SIGTERM itself: each server drains and exits 0 (closeOnSignals).
FROM runtime AS users
COPY --from=build /deps/users/ ./
COPY --from=build /repo/subgraphs/users/dist/ subgraphs/users/dist/
COPY --from=build /repo/prisma/users/migrations/ prisma/users/migrations/
USER 10001:10001
ENV PORT=4001
EXPOSE 4001
CMD ["node", "subgraphs/users/dist/main.js"]

FROM runtime AS orders
COPY --from=build /deps/orders/ ./
COPY --from=build /repo/subgraphs/orders/dist/ subgraphs/orders/dist/
COPY --from=build /repo/prisma/orders/migrations/ prisma/orders/migrations/
USER 10001:10001
ENV PORT=4002
EXPOSE 4002
CMD ["node", "subgraphs/orders/dist/main.js"]

FROM runtime AS gateway
COPY --from=build /deps/gateway/ ./
COPY --from=build /repo/gateway/dist/ gateway/dist/
COPY --from=build /repo/schema/supergraph.graphql schema/
USER 10001:10001
ENV PORT=4000
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]
