#!/bin/sh
# ensure-apt.sh PACKAGE TEST_NAME COMMAND...: make one of COMMAND... available by installing Debian's
# PACKAGE when none is on PATH. Never fails the caller: without it, TEST_NAME skips and says so.
package="$1"; test_name="$2"; shift 2
for exe in "$@"; do
  if command -v "$exe" >/dev/null 2>&1; then
    echo "$exe: already installed ($(command -v "$exe"))"
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$1: not installed and no apt-get here; $test_name will be skipped"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "$1: not installed and no root to install $package; $test_name will be skipped"
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get install -y -qq "$package" >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq "$package" >/dev/null 2>&1; }; then
  echo "$1: installed $package"
else
  echo "$1: could not install $package; $test_name will be skipped"
fi
exit 0
