# Plenary image: the web app, the realtime server and the migration job share it.
# Two stages: `build` installs every package (TypeScript, Tailwind, esbuild are devDependencies),
# runs `next build` and compiles the realtime server and the demo seed to plain JavaScript
# (`npm run build:server` → dist/); the runtime stage installs only `dependencies`, takes the
# built output and runs everything with node: no tsx, no compiler, not root.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# npm ci's postinstall generates the Prisma client (lib/db/generated): it needs these first.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && rm -rf .next/cache && npm run build:server

FROM node:20-bookworm-slim
# tini is PID 1: it forwards SIGTERM to node (which drains and exits) and reaps ffmpeg's zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma ./scripts/prisma
COPY prisma ./prisma
# Runtime packages only: prisma applies migrations (and generates the client in postinstall). npm
# still installs dev packages that a runtime package names as optional peers (vitest via
# better-auth, tsx via vite, typescript via @prisma/client: npm/cli#7772; --omit=optional would
# also drop the platform binaries next and lightningcss need): tsx is removed, nothing here runs it.
RUN npm ci --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/tsx node_modules/.bin/tsx \
 && npm cache clean --force
# What the three processes read: next start (.next, next.config.ts, public/, the peer-address
# preload), the compiled realtime server and seed (dist/), the migration job (scripts/, prisma/).
COPY --from=build /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY next.config.ts ./
COPY public ./public
COPY scripts/web ./scripts/web
COPY scripts/deploy-migrate.mjs scripts/docker-healthcheck.mjs ./scripts/
# Media (MEDIA_DIR) and Next's runtime cache belong to the unprivileged user the processes run as.
RUN mkdir -p /data/media .next/cache && chown -R node:node /data .next/cache
ENV NODE_ENV=production MEDIA_DIR=/data/media
USER node
EXPOSE 3000 3001 1935
# Web (/api/health/live) or realtime (/healthz), whichever this container runs.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 CMD ["node", "scripts/docker-healthcheck.mjs"]
ENTRYPOINT ["tini", "--"]
# The web app by default; the realtime nodes run `node dist/server/main.js`, the migration job
# `node scripts/deploy-migrate.mjs`. The preload hands route handlers the TCP peer, for rate
# limits (lib/security/client-address.ts).
CMD ["node", "--import", "./scripts/web/stamp-peer-address.mjs", "node_modules/next/dist/bin/next", "start", "-p", "3000"]
