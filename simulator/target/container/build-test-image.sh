#!/usr/bin/env bash
# Builds the reference server image `scimsim-reference:local` from this checkout, without any
# registry: machines that run the tests may have a Docker engine but no network, so instead of
# `FROM node:20-bookworm-slim` the Dockerfile is given a base made here from the machine's own
# `node` binary, the shared libraries `ldd` lists for it, and the npm package next to it (the
# Dockerfile's first stage runs `npm prune`). The base keeps the official image's layout
# (/usr/local/bin/node, /usr/local/lib/node_modules/npm, user `node` = 1000:1000).
#
# Needs: a reachable Docker engine, and a built checkout (`npm ci` builds dist/ via `prepare`).
# Idempotent and fast when nothing changed: the base is made only when missing (its tag names
# node's version and the machine), and the build is skipped when the image's inputs are unchanged.
#
# Also tags the base as scimsim-node-base:local (plain node, no entrypoint: the tests use it too).
#
# Environment: IMAGE (default scimsim-reference:local), BASE_IMAGE (default
# scimsim-node-base:<node version>-<arch>), NODE_BIN (default: `command -v node`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
IMAGE="${IMAGE:-scimsim-reference:local}"
NODE_BIN="$(readlink -f "${NODE_BIN:-$(command -v node)}")"
NODE_VERSION="$("$NODE_BIN" --version)"
BASE_IMAGE="${BASE_IMAGE:-scimsim-node-base:${NODE_VERSION#v}-$(uname -m)}"

say() { printf 'build-test-image: %s\n' "$*" >&2; }

docker info >/dev/null 2>&1 || { say "no Docker engine reachable (DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}); start dockerd first"; exit 1; }
for f in package.json package-lock.json bin/scimsim.js dist/suites/cli/main.js node_modules; do
  [ -e "$ROOT/$f" ] || { say "$ROOT/$f is missing: run 'npm ci' (it builds dist/) first"; exit 1; }
done

if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  say "base $BASE_IMAGE already present, skipping"
else
  started=$(date +%s%N)
  NPM_DIR="$(dirname "$NODE_BIN")/../lib/node_modules/npm"
  [ -f "$NPM_DIR/bin/npm-cli.js" ] || { say "npm not found next to $NODE_BIN (looked in $NPM_DIR)"; exit 1; }
  NPM_DIR="$(readlink -f "$NPM_DIR")"
  STAGE="$(mktemp -d)"
  trap 'rm -rf "$STAGE"' EXIT
  say "making base $BASE_IMAGE from $NODE_BIN ($NODE_VERSION), its libraries and $NPM_DIR"
  mkdir -p "$STAGE/rootfs/usr/local/bin" "$STAGE/rootfs/usr/local/lib/node_modules" "$STAGE/rootfs/etc" \
    "$STAGE/rootfs/tmp" "$STAGE/rootfs/root" "$STAGE/rootfs/home/node"
  chmod 1777 "$STAGE/rootfs/tmp"
  cp "$NODE_BIN" "$STAGE/rootfs/usr/local/bin/node"
  cp -R "$NPM_DIR" "$STAGE/rootfs/usr/local/lib/node_modules/npm"
  # Every library the dynamic loader resolves for node, at the path it resolved it from (the
  # loader itself included: its path is written into the binary), symlinks followed.
  ldd "$NODE_BIN" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | while read -r lib; do
    mkdir -p "$STAGE/rootfs$(dirname "$lib")"
    cp -L "$lib" "$STAGE/rootfs$lib"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000:node:/home/node:/sbin/nologin\n' >"$STAGE/rootfs/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' >"$STAGE/rootfs/etc/group"
  chown 1000:1000 "$STAGE/rootfs/home/node" 2>/dev/null || true
  tar -C "$STAGE/rootfs" --numeric-owner -cf - . | docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=${NODE_VERSION#v}" \
    --change 'CMD ["node"]' \
    --message "node $NODE_VERSION from $(hostname) for scimsim's tests" \
    - "$BASE_IMAGE" >/dev/null
  rm -rf "$STAGE"
  trap - EXIT
  say "base $BASE_IMAGE made in $(( ($(date +%s%N) - started) / 1000000 )) ms"
fi
# A stable name for the base, for tests that run plain node in a container.
docker tag "$BASE_IMAGE" scimsim-node-base:local

# Fast path: the image is labelled with a fingerprint of its inputs; when it matches there is
# nothing to do, else `docker build` (whose cache still skips unchanged steps). The fingerprint
# hashes the contents of the small inputs (`npm run build` rewrites dist/ with new mtimes and
# usually the same bytes) and the paths, sizes and mtimes of node_modules (changed by npm only).
fingerprint="$(
  cd "$ROOT"
  { docker image inspect --format '{{.Id}}' "$BASE_IMAGE"
    find Dockerfile .dockerignore package.json package-lock.json bin dist scenarios reports/html/viewer -type f -print0 \
      | LC_ALL=C sort -z | xargs -0 sha256sum
    find node_modules -type f -printf '%p %s %T@\n' | LC_ALL=C sort
  } | sha256sum | cut -c1-32
)"
previous="$(docker image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)"
current="$(docker image inspect --format '{{index .Config.Labels "org.scimsim.inputs"}}' "$IMAGE" 2>/dev/null || true)"
if [ "$current" = "$fingerprint" ] && [ -z "${FORCE:-}" ]; then
  say "$IMAGE is up to date with this checkout, skipping (FORCE=1 rebuilds)"
  exit 0
fi

started=$(date +%s%N)
say "docker build --build-arg NODE_IMAGE=$BASE_IMAGE -t $IMAGE $ROOT"
# Quiet build: the whole build output only on failure.
if ! out="$(docker build --build-arg "NODE_IMAGE=$BASE_IMAGE" --label "org.scimsim.inputs=$fingerprint" -t "$IMAGE" "$ROOT" 2>&1)"; then
  printf '%s\n' "$out" >&2
  say "docker build failed"
  exit 1
fi
size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
# The image this build replaced, now untagged: removed unless something still uses it.
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  docker image rm "$previous" >/dev/null 2>&1 || true
fi
say "$IMAGE built in $(( ($(date +%s%N) - started) / 1000000 )) ms, $(( size / 1000000 )) MB"
