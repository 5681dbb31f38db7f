#!/bin/sh
# Debian's evtxexport (package libevtx-utils) for the .evtx oracle test (test/events/evtx-oracle.test.ts).
exec sh "$(dirname "$0")/ensure-apt-tool.sh" evtxexport libevtx-utils "the .evtx oracle test"
