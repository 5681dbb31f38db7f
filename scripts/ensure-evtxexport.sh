#!/bin/sh
# Make Debian's evtxexport (package libevtx-utils) available for the .evtx oracle test
# (test/events/evtx-oracle.test.ts). Never fails the caller: without it the test skips and says so.
if command -v evtxexport >/dev/null 2>&1; then
  echo "evtxexport: already installed ($(command -v evtxexport))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "evtxexport: not installed and no apt-get here; the oracle test will be skipped"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "evtxexport: not installed and no root to install libevtx-utils; the oracle test will be skipped"
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get install -y -qq libevtx-utils >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq libevtx-utils >/dev/null 2>&1; }; then
  echo "evtxexport: installed libevtx-utils ($(command -v evtxexport))"
else
  echo "evtxexport: could not install libevtx-utils; the oracle test will be skipped"
fi
exit 0
