#!/bin/sh
# Make Debian's headless Chromium available for the report's browser test
# (test/investigate/report-browser.test.ts), which drives it with playwright-core. No browser is
# ever downloaded: only Debian's package. Never fails the caller: without it the test says so and skips.
exec sh "$(dirname "$0")/ensure-apt.sh" chromium-headless-shell 'the report browser test' chromium-headless-shell chromium
