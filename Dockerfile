# The engine's processes (Temporal worker, reporting consumer, HTTP API) for machines with Docker.
# Not built by the test suite here (no Docker engine on the development machines); see README.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
# one image, one process per container: pick it with the command (see docker-compose.yml)
CMD ["node", "--require", "tsx/cjs", "workers/api.ts"]
