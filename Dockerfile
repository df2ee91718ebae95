# syntax=docker/dockerfile:1
# One image for every OneRoof process: docker-compose.yml picks the entry point per service
# (gateway/index.ts, subgraphs/<agency>/index.ts, or the seed script).

# Build stage: better-sqlite3 is a native addon compiled at install, so this stage carries the
# toolchain and the slim runtime stage never does.
FROM node:20-bookworm AS build
WORKDIR /app
# The full bookworm image already ships these; installing them explicitly keeps the build working
# if the base image ever slims down.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The web console is built here, with the dev dependencies (Vite, the code generator), and only its
# output (console/dist) goes to the runtime stage.
COPY . .
RUN npm run console:build \
 && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: same Debian release as the build stage, so the compiled addon and esbuild's
# binary (used by tsx) find the glibc they were built against.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
# Safe default: a bare `docker run` refuses the development issuer until ONEROOF_JWKS_URL and
# ONEROOF_ISSUER are set. docker-compose.yml opts into development explicitly.
ENV NODE_ENV=production \
    ONEROOF_DATA_DIR=/data
COPY --from=build /app/node_modules ./node_modules
COPY . .
COPY --from=build /app/console/dist ./console/dist
# Mount points exist in the image and belong to `node`: Docker gives a new named volume the
# owner of the directory it is first mounted over, so the non-root processes can write their
# stores, the development keys (/data/dev-issuer) and, in the seed service, every agency's store
# (one directory per agency of the registry, subgraphs/agencies.json).
RUN mkdir -p /data/dev-issuer \
 && node -e "for (const a of require('./subgraphs/agencies.json').agencies) require('fs').mkdirSync('/stores/' + a.id, { recursive: true })" \
 && chown -R node:node /data /stores
USER node
# The gateway; each subgraph listens on 4001 + its registry port offset, on the compose network only.
EXPOSE 4000
CMD ["node_modules/.bin/tsx", "gateway/index.ts"]
