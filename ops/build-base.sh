#!/usr/bin/env bash
# Builds a base image for ops/Containerfile from Debian's packages alone (debootstrap: bookworm, minbase, with
# openjdk-17-jre-headless), for machines that reach Debian's mirror but not a container registry. Needs root,
# debootstrap and podman. Then:
#   podman build -f ops/Containerfile --build-arg BASE=localhost/helpline-base:bookworm-jre17 -t helpline-gateway \
#     gateway/target
set -euo pipefail
ROOT="${1:-$(mktemp -d)/rootfs}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if [ ! -x "$ROOT/usr/bin/java" ]; then
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$ROOT" "$MIRROR"
fi
chroot "$ROOT" apt-get clean
rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin
tar -C "$ROOT" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  - localhost/helpline-base:bookworm-jre17
echo "built localhost/helpline-base:bookworm-jre17 from $ROOT"
