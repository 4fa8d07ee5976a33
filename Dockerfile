# Certdesk's container image: one image, three commands (the web app, the worker, the migrations), see compose.yaml
# and docs/operations.md. Not built on the project's machines (no container runtime there): the process-level scale
# script is the proof that the pieces run together.
#
# Not Next.js's standalone output: its generated server.js would replace Certdesk's own server (scripts/server.ts),
# which sets the client address from the socket, gives requests their ids, serves /metrics and drains on SIGTERM;
# and the worker runs the lib/ sources with their full dependencies anyway. So the image carries the production
# dependencies, the sources (run by tsx, a production dependency) and the build in .next.

# ---- dependencies (with dev dependencies: the build needs them) ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# npm install, not npm ci: the lockfile is made on one platform (docs/stack-notes). postinstall runs prisma generate.
RUN npm install --no-audit --no-fund

# ---- build ----
FROM deps AS build
COPY . .
RUN npm run build \
 && rm -rf .next/cache \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    CERTDESK_DATA_DIR=/data \
    CERTDESK_SANDBOX=off
WORKDIR /app
RUN groupadd --system --gid 10001 certdesk \
 && useradd --system --uid 10001 --gid certdesk --home-dir /app --shell /usr/sbin/nologin certdesk \
 && mkdir -p /data \
 && chown certdesk:certdesk /data
# Owned by root, read-only to the app's user: the process can write only /data (and /tmp).
COPY --from=build /app /app
USER certdesk
VOLUME ["/data"]
EXPOSE 3000
# Ready = database reachable, migrations current, evidence storage writable, not shutting down (/api/ready).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/api/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node directly (exec form, no npm in between): it drains and exits 0.
CMD ["node", "--import", "tsx", "scripts/server.ts"]
