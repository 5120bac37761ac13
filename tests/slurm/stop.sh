#!/usr/bin/env bash
# Stop the test Slurm cluster started by tests/slurm/start.sh and undo what it created.
#
#   tests/slurm/stop.sh [DIR]        DIR defaults to $SLURM_TEST_DIR, else /tmp/digits-hypothesis-slurm
#
# Acts only on what DIR/run/created lists: daemons by their pid files (and only if the pid still
# belongs to a process of that name), the /etc/slurm/slurm.conf link (only if it still points to
# DIR's config) and /etc/slurm (only if start.sh made it and it is empty). Logs stay in DIR/log.
# Safe to run twice, or when nothing runs.
set -euo pipefail

dir="${1:-${SLURM_TEST_DIR:-/tmp/digits-hypothesis-slurm}}"
created="$dir/run/created"

log() { echo "stop.sh: $*" >&2; }

if [ ! -f "$created" ]; then
    log "nothing to stop in $dir"
    exit 0
fi

# stop_daemon NAME PIDFILE: TERM, wait up to 15 s, then KILL.
stop_daemon() {
    local name="$1" pidfile="$2" pid comm
    [ -s "$pidfile" ] || { log "$name: no pid file"; return 0; }
    pid="$(tr -dc '0-9' <"$pidfile")"
    [ -n "$pid" ] || return 0
    comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
    if [ "$comm" != "$name" ]; then
        log "$name: pid $pid is not running (or is '$comm' now); skipping"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 75); do
        [ -d "/proc/$pid" ] || { log "$name ($pid) stopped"; return 0; }
        sleep 0.2
    done
    log "$name ($pid) did not stop on TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
}

pidfile_of() { awk -v n="$1" '$1 == n { print $2 }' "$created" | tail -n 1; }

# Cancel the test cluster's own jobs while slurmctld still answers, so no job steps outlive it.
conf="$dir/etc/slurm.conf"
if [ -n "$(pidfile_of slurmctld)" ] && [ -f "$conf" ] \
    && SLURM_CONF="$conf" timeout 10 scontrol ping >/dev/null 2>&1; then
    jobs="$(SLURM_CONF="$conf" timeout 10 squeue -h -t pending,running -o %i 2>/dev/null || true)"
    if [ -n "$jobs" ]; then
        log "cancelling unfinished test jobs: $(echo "$jobs" | tr '\n' ' ')"
        # shellcheck disable=SC2086  # one job id per word
        SLURM_CONF="$conf" timeout 10 scancel $jobs || true
        sleep 1
    fi
fi

for name in slurmd slurmctld munged; do
    pidfile="$(pidfile_of "$name")"
    if [ -n "$pidfile" ]; then
        stop_daemon "$name" "$pidfile"
    fi
done

# The /etc/slurm/slurm.conf link: remove it only if it still points to this directory's config.
while read -r kind path target; do
    case "$kind" in
        link)
            if [ -L "$path" ] && [ "$(readlink "$path")" = "$target" ]; then
                rm -f "$path"
                log "removed link $path"
            fi
            ;;
    esac
done <"$created"
while read -r kind path _; do
    if [ "$kind" = dir ] && [ -d "$path" ]; then
        if rmdir "$path" 2>/dev/null; then
            log "removed empty $path"
        fi
    fi
done <"$created"

rm -f "$created"
