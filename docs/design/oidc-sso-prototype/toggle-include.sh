#!/bin/bash
# usage: toggle-include.sh <server> <include-file> <saved-copy> off|on|empty
# off: delete the include file; on: copy the saved content back; empty: write <server/> only.
# Prints the messages Liberty logs in the following 40 s and the elapsed time.
S=$1; F=$2; SAVED=$3; MODE=$4; LOG=/tmp/ssoproto/wlp/usr/servers/$S/logs/messages.log
N=$(wc -l < $LOG); T0=$(date +%s%3N); echo "t0=$(date -u +%T.%3N) $MODE $F"
case $MODE in off) rm -f $F;; on) cp $SAVED $F;; empty) echo '<server/>' > $F;; esac
for i in $(seq 1 80); do sleep 0.5; if tail -n +$((N+1)) $LOG | grep -q -E "CWWKF0008I|CWWKG0018I"; then sleep 3; break; fi; done
tail -n +$((N+1)) $LOG | grep -E "CWWKF|CWWKG|CWWKT|CWWKS1|CWWKZ|SRVE| [EW] " | cut -c1-230
