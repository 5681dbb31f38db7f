#!/bin/sh
# Make Debian's nats-server available for the NATS tests (test/sources/nats-*.test.ts), which start
# it on a free loopback port with a temporary store. Never fails the caller: without it those tests
# are skipped and say so.
if command -v nats-server >/dev/null 2>&1; then
  echo "nats-server: already installed ($(command -v nats-server))"
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && SUDO="sudo -n"
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; }; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1
  $SUDO apt-get install -y -qq nats-server >/dev/null 2>&1
fi
if command -v nats-server >/dev/null 2>&1; then
  echo "nats-server: installed ($(command -v nats-server))"
else
  echo "nats-server: could not be installed; the NATS tests will be skipped"
fi
exit 0
