# The Tally relay (and the app it serves) as an image: built once in a build
# stage, run from a production install as the unprivileged "node" user.
# Used by compose.yaml with Caddy in front; see docs/DEPLOY.md, way B.
# Node 24: the current long-term support line.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a change to the sources does not reinstall them.
COPY package.json package-lock.json ./
COPY core/package.json core/
COPY documents/package.json documents/
COPY sync-server/package.json sync-server/
COPY client/package.json client/
RUN npm ci
COPY . .
RUN npm run build \
 && rm -rf node_modules */node_modules

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app ./
RUN npm ci --omit=dev \
 && npm cache clean --force \
 && mkdir -p /data /backups \
 && chown node:node /data /backups
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8787) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly (not npm): it is PID 1 and gets the SIGTERM of "docker stop".
CMD ["node", "build/start.js"]
