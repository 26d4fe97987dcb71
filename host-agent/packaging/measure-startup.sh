#!/usr/bin/env bash
# Measures the host agent's start time and idle memory against a real broker and registry:
#   started_ms     JVM launch until Spring's "Started HostAgentApplication" line
#   registered_ms  JVM launch until "Host <id> registered" (HostRegistered acknowledged by the broker)
#   cpu_ms_to_registered  CPU time the JVM used until then (less sensitive to a busy machine than wall time)
#   rss_idle_mib   VmRSS of the JVM after it idled for --idle seconds (default 30)
# Usage: GRAPHIUM_KAFKA=HOST:PORT GRAPHIUM_REGISTRY=URL host-agent/packaging/measure-startup.sh \
#            [--jar JAR | --launcher] [--idle SECONDS] [--runs N] [-- JVM_OPTION...]
# Without JVM options it uses the ones the packages install (jvm.options beside this script). --launcher installs
# the jar into a scratch root (install.sh) and starts it as the unit does, through the launcher, with one state
# directory for all runs: run 1 writes the class-data archive when it stops, later runs use it (JVM options given
# are then added to jvm.options, as GRAPHIUM_AGENT_JAVA_OPTS). Prints one line per run. The agent talks to the
# local Docker daemon (GRAPHIUM_AGENT_DOCKER_HOST, default the standard socket) and binds its health endpoint to a
# free port; it is stopped at the end of each run.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar=""
for candidate in "$here"/../target/host-agent-*[0-9].jar; do
    [[ -f "$candidate" ]] && jar="$candidate"
done
idle=30
launcher=false
runs=1
jvm_options=()
while (($# > 0)); do
    case "$1" in
        --jar) jar="$2"; shift 2 ;;
        --launcher) launcher=true; shift ;;
        --idle) idle="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --) shift; jvm_options=("$@"); break ;;
        -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "measure-startup: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ -f "$jar" ]] || { echo "measure-startup: no agent jar (build with ./mvnw -pl host-agent -am package, or --jar)" >&2; exit 1; }
[[ -n "${GRAPHIUM_KAFKA:-}" && -n "${GRAPHIUM_REGISTRY:-}" ]] \
    || { echo "measure-startup: set GRAPHIUM_KAFKA and GRAPHIUM_REGISTRY" >&2; exit 2; }
if ((${#jvm_options[@]} == 0)); then
    jvm_options=("@$here/jvm.options")
fi

# CPU time (user + system) the JVM used so far: unlike wall time, hardly changed by other load on the machine.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
now_ms() { local t="${EPOCHREALTIME/[.,]/}"; echo $((10#$t / 1000)); }

log="$(mktemp)"
scratch="$(mktemp -d)"
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"; wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$log" "$scratch"
}
trap cleanup EXIT

agent=(java "${jvm_options[@]}" -jar "$jar")
if [[ "$launcher" == true ]]; then
    "$here/install.sh" --root "$scratch/root" --jar "$jar" --files-only >/dev/null
    mkdir -p "$scratch/state"
    agent=(env STATE_DIRECTORY="$scratch/state" "GRAPHIUM_AGENT_JAVA_OPTS=${jvm_options[*]#@$here/jvm.options}"
        "$scratch/root/usr/lib/graphium-agent/graphium-agent")
fi

for run in $(seq 1 "$runs"); do
    : >"$log"
    host_id="measure-$$-$run"
    launched=$(now_ms)
    GRAPHIUM_AGENT_HOST_ID="$host_id" GRAPHIUM_HTTP_PORT=0 "${agent[@]}" >"$log" 2>&1 &
    pid=$!
    started_ms=""
    registered_ms=""
    deadline=$((launched + 180000))
    while [[ -z "$registered_ms" ]]; do
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "measure-startup: the agent exited" >&2; exit 1; }
        (($(now_ms) < deadline)) || { tail -n 40 "$log" >&2; echo "measure-startup: not registered in 180 s" >&2; exit 1; }
        if [[ -z "$started_ms" ]] && grep -q "Started HostAgentApplication" "$log"; then
            started_ms=$(($(now_ms) - launched))
        fi
        if grep -q "Host $host_id registered" "$log"; then
            registered_ms=$(($(now_ms) - launched))
            cpu_ms=$(cpu_ms "$pid")
        fi
        sleep 0.02
    done
    spring="$(grep -o 'Started HostAgentApplication in [0-9.]* seconds (process running for [0-9.]*)' "$log" || true)"
    sleep "$idle"
    rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
    printf 'run %d: started_ms=%s registered_ms=%s cpu_ms_to_registered=%s rss_idle_mib=%d (after %ss) load=%s | %s\n' \
        "$run" "$started_ms" "$registered_ms" "$cpu_ms" $((rss_kb / 1024)) "$idle" "$(cut -d' ' -f1 /proc/loadavg)" "$spring"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    pid=""
done
