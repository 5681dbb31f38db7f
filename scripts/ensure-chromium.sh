#!/bin/sh
# Make Debian's headless Chromium available for the report's browser test
# (test/investigate/report-browser.test.ts), which drives it with playwright-core. No browser is
# ever downloaded: only Debian's package. Never fails the caller: without it the test says so and skips.
for exe in chromium-headless-shell chromium; do
  if command -v "$exe" >/dev/null 2>&1; then
    echo "chromium: already installed ($(command -v "$exe"))"
    exit 0
  fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed and no apt-get here; the report browser test will be skipped"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "chromium: not installed and no root to install chromium-headless-shell; the report browser test will be skipped"
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null 2>&1 \
  || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq chromium-headless-shell >/dev/null 2>&1; }; then
  echo "chromium: installed chromium-headless-shell ($(command -v chromium-headless-shell))"
else
  echo "chromium: could not install chromium-headless-shell; the report browser test will be skipped"
fi
exit 0
