# The scimsim reference SCIM server (`scimsim serve`) as an image:
#
#   npm ci                                   # installs and builds dist/ (the `prepare` script)
#   docker build -t scimsim-reference .
#   docker run --rm -p 8080:8080 -e SCIMSIM_TOKENS=dev-token scimsim-reference
#   curl -H 'Authorization: Bearer dev-token' http://127.0.0.1:8080/scim/v2/ServiceProviderConfig
#
# Valid bearer tokens come from SCIMSIM_TOKENS (comma-separated; never printed). The image copies
# an already built checkout instead of building inside: no step needs the network, so it builds on
# machines without a registry too (simulator/target/container/build-test-image.sh passes a base
# made from the machine's own node as NODE_IMAGE). Any base with node ≥ 20.19 and npm at
# /usr/local/lib/node_modules/npm (the official images' layout) works.
ARG NODE_IMAGE=node:20-bookworm-slim

# Production dependencies only, pruned offline from the checkout's node_modules. testcontainers
# (a dependency of `scimsim run` with a container target, imported only when one is used) is left
# out too: inside this image scimsim is a SCIM server, and that saves ~45 MB.
# Exec-form RUN because a base need not have a shell.
FROM ${NODE_IMAGE} AS deps
WORKDIR /opt/scimsim
COPY package.json package-lock.json ./
COPY node_modules ./node_modules
RUN ["node", "-e", "const fs = require('node:fs'); const p = JSON.parse(fs.readFileSync('package.json', 'utf8')); delete p.dependencies.testcontainers; fs.writeFileSync('package.json', JSON.stringify(p, null, 2));"]
RUN ["node", "/usr/local/lib/node_modules/npm/bin/npm-cli.js", "prune", "--omit=dev", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier", "--cache", "/tmp/npm-cache"]

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /opt/scimsim
COPY --from=deps /opt/scimsim/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY dist ./dist
COPY scenarios ./scenarios
COPY reports/html/viewer ./reports/html/viewer
# 1000:1000 is the `node` user of the official images; numeric, so a base without that user works.
USER 1000:1000
EXPOSE 8080
ENTRYPOINT ["node", "/opt/scimsim/bin/scimsim.js", "serve"]
CMD ["--host", "0.0.0.0", "--port", "8080"]
