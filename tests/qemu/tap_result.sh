#!/bin/sh
# tap_result.sh TAP NAME: one CTest test per conformance test. Prints NAME's line from the TAP file
# that run.py boot wrote and exits 0 when it is "ok", 77 (CTest's SKIP_RETURN_CODE: skipped, never
# passed) when it is "ok ... # SKIP why", 1 when it is "not ok" or missing. A failed test also prints
# what the suite said while it ran (the last 60 of its lines in the QEMU log next to the TAP file,
# from "# start NAME" to its result, or to the log's end when it timed out), so that CI's output
# says why. A shell script, not Python: there are several hundred of these and each starts a process.
tap=$1 name=$2
if [ ! -f "$tap" ]; then
    echo "no TAP results at $tap: the QEMU run did not happen or failed early"
    exit 1
fi
line=$(grep -E -m1 "^(ok|not ok)( [0-9]+)? - $name( |\$)" "$tap")
if [ -z "$line" ]; then
    echo "not ok - $name did not run (see the QEMU log)"
    exit 1
fi
echo "$line"
case $line in
"not ok"*)
    log=${tap%.tap}.log
    [ -f "$log" ] && sed -n "/^# start $name\$/,/^not ok [0-9]* - $name /p" "$log" | tail -n 60
    exit 1
    ;;
*"# SKIP"*) exit 77 ;;
esac
exit 0
