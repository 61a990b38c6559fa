#!/bin/bash
# /lab/reset.sh: put the IPVS table back to the state init built (services, destinations,
# weights, thresholds; all counters zero). Existing connection entries are not flushed
# (the kernel has no call for that); they expire on their own timers.
# Exit codes: 0 restored, 1 a step failed.
set -euo pipefail
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
ipvsadm -C
ipvsadm -R </lab/state/ipvs.rules
# ipvsadm-save does not keep -x/-y: re-apply them (lines carry -m -w too, see init).
while read -r line; do
    # shellcheck disable=SC2086
    ipvsadm $line
done </lab/state/thresholds.rules
