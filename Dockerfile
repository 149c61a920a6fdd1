# syntax=docker/dockerfile:1
# Scrutin server image: `docker build -t scrutin .` (deploy/compose.yaml builds it for you).
# Two stages: the build stage has the C++ toolchain that better-sqlite3 may need to compile its
# native addon, and the dev dependencies that compile TypeScript and bundle the web pages; the
# runtime stage gets only the compiled tree and the production node_modules, built in the first
# stage for the same Node 20 and libc (so the native addon is never rebuilt where no compiler is).

FROM node:20-bookworm AS build
# node:20-bookworm already ships python3, make and g++; stated here so that a change of base
# image that drops them fails loudly rather than at `npm ci`.
RUN command -v python3 && command -v make && command -v g++
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm run build
# Drop the dev dependencies (TypeScript, esbuild, vitest, …) from the tree the runtime copies.
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    DATABASE_URL=sqlite:/data/scrutin.db
WORKDIR /app
# Code belongs to root and is read-only to the server's user: a compromised process cannot
# rewrite what it runs.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
RUN ln -s /app/bin/scrutin.js /usr/local/bin/scrutin \
 && ln -s /app/bin/scrutin-tool.js /usr/local/bin/scrutin-tool \
 && mkdir -p /data \
 && chown node:node /data
# The SQLite store (when DATABASE_URL is left at its default) and `scrutin backup` files live here.
VOLUME /data
USER node
EXPOSE 8080
# No curl in the slim image: Node itself asks the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
CMD ["scrutin", "serve", "--host", "0.0.0.0"]
