#!/bin/sh
# Make a Debian tool that a test needs available: ensure-apt-tool.sh COMMAND PACKAGE "WHAT NEEDS IT".
# Never fails the caller: without the tool the test that needs it skips and says so.
cmd="$1"; pkg="$2"; what="$3"
if command -v "$cmd" >/dev/null 2>&1; then
  echo "$cmd: already installed ($(command -v "$cmd"))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$cmd: not installed and no apt-get here; $what will be skipped"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "$cmd: not installed and no root to install $pkg; $what will be skipped"
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get install -y -qq "$pkg" >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq "$pkg" >/dev/null 2>&1; }; then
  echo "$cmd: installed $pkg ($(command -v "$cmd"))"
else
  echo "$cmd: could not install $pkg; $what will be skipped"
fi
exit 0
