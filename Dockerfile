# The engine's processes (Temporal worker, reporting consumers, HTTP API, the one-shot `stack up`
# setup) in one image; the command picks the process (see docker-compose.yml, infra/k8s/).
# Not built by the test suite here (no Docker engine on the development machines); see README.
# Node 26 is the Active LTS line (since 2026-10-28); the suite runs on it in .ci/run.
ARG NODE_IMAGE=node:26-trixie-slim

# 1. compile: TypeScript to dist/, migrations and Kafka files beside it, the prebuilt workflow bundle
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY activities ./activities
COPY api ./api
COPY catalog ./catalog
COPY cli ./cli
COPY contracts ./contracts
COPY domain ./domain
COPY infra ./infra
COPY projections ./projections
COPY workers ./workers
COPY workflows ./workflows
RUN npm run build

# 2. runtime dependencies only: no TypeScript, tsx, Jest or embedded PostgreSQL binaries
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. what runs: plain node on dist/, as the unprivileged user the official image ships (node, uid 1000)
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    MOTCUA_API_HOST=0.0.0.0 \
    MOTCUA_API_PORT=8080 \
    MOTCUA_HEALTH_HOST=0.0.0.0 \
    MOTCUA_HEALTH_PORT=8081 \
    MOTCUA_DATA_DIR=/tmp/motcua \
    MOTCUA_CACHE_DIR=/tmp/motcua-cache
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY --from=build /src/dist ./dist
USER node
EXPOSE 8080 8081
# every process serves /healthz and /readyz on MOTCUA_HEALTH_PORT; this asks /readyz
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/workers/healthcheck.js"]
CMD ["node", "dist/workers/api.js"]
