#!/usr/bin/env bash
# CPU use and context switches of every thread of a process over a window, busiest first:
#   bench/support/thread-cpu.sh <pid> [seconds]
# Columns: thread id, cores used (CPU seconds per second), involuntary and voluntary context switches per second.
# Run it against the benchmark's process (the server runs in it) while a level is being measured. Threads are not
# named in Node 20; they are told apart by what they do: the main thread has the process id, render threads are the
# busiest others, libuv's pool threads switch voluntarily hundreds of times a second (fsyncs), V8's helper threads
# were started first after the main thread.
set -euo pipefail
pid=${1:?usage: thread-cpu.sh <pid> [seconds]}
seconds=${2:-5}
ticks=$(getconf CLK_TCK)

snapshot() {
  for task in /proc/"$pid"/task/*; do
    local stat fields involuntary voluntary
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    # Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    read -r -a fields <<<"${stat##*) }"
    involuntary=$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status")
    voluntary=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status")
    echo "${task##*/} $((fields[11] + fields[12])) $involuntary $voluntary"
  done | sort
}

before=$(snapshot)
sleep "$seconds"
after=$(snapshot)
join <(echo "$before") <(echo "$after") |
  awk -v s="$seconds" -v t="$ticks" '{ printf "%s cores %.3f nvcsw/s %.0f vcsw/s %.0f\n", $1, ($5 - $2) / t / s, ($6 - $3) / s, ($7 - $4) / s }' |
  sort -k3 -nr
