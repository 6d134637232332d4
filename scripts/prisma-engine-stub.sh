#!/bin/sh
# `prisma generate` does not need the native schema engine, but Prisma's CLI insists on having one
# and would download it. Offline machines point PRISMA_SCHEMA_ENGINE_BINARY here instead.
echo "schema engine unavailable offline: use 'pnpm db:migrate' (packages/db) instead of prisma migrate" >&2
exit 1
