#!/bin/sh
# Make Debian's evtxexport (package libevtx-utils) available for the .evtx oracle test
# (test/events/evtx-oracle.test.ts). Never fails the caller: without it the test skips and says so.
exec sh "$(dirname "$0")/ensure-apt.sh" libevtx-utils 'the oracle test' evtxexport
