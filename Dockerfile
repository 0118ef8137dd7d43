# Herald on Node 24 LTS: Node runs the TypeScript sources directly (type stripping), so the image
# needs no build step. better-sqlite3 compiles in the first stage; the runtime stage has no compiler.
# Pinned to 24.18: from 24.19, Node aborts when the garbage collector finalises a better-sqlite3 12
# statement (fixed in better-sqlite3 13, which needs Node 22+ and so cannot serve Node 20 too).
FROM node:24.18-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24.18-slim
# A bounded heap (as `npm start` runs it): without one, V8 on a large host lets garbage pile up to
# ~400 MB RSS in a 10,000-feed poll cycle whose live heap is under 100 MB (bench:poll).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=512 \
    HERALD_DB_PATH=/app/data/herald.db \
    HERALD_HEALTH_PORT=9464 \
    HERALD_HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY config ./config
COPY models ./models
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HERALD_HEALTH_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "src/cli.ts", "start"]
