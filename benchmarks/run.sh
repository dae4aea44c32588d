#!/usr/bin/env bash
# Runs issue 17's benchmarks of the store against what users would pick instead, and regenerates
# the section of benchmarks/RESULTS.md between <!-- run.sh:begin --> and <!-- run.sh:end -->.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: benchmarks/run.sh [--quick]

Runs the store against ConcurrentHashMap, ReentrantReadWriteLock + HashMap, StampedLock + HashMap,
Chronicle Map, the bare off-heap table and Redis on loopback (workloads 1, 2, 3, 5, 7, 8 of issue
17, plus the fan-out and GC mains when the jar has them), then writes:
  benchmarks/results/<date>-<mode>-<workload>.json   raw JMH JSON
  benchmarks/results/plots/*.png                     one plot per workload
  benchmarks/RESULTS.md                              the generated section (the rest is untouched)

Builds benchmarks/target/benchmarks.jar if it is missing or older than the sources, and installs
Debian's redis-server with apt-get if it is missing. One JMH run at a time on a machine.

  (default)  full mode, about 20 minutes on an idle 2-core machine: reads at 1M entries with
             1 or 2 readers, without and with a writer, at 1K with 1 or 2 readers and at 10M
             with 1 reader (store, ConcurrentHashMap, bare table, Chronicle Map); mutations,
             the 95/5 mix and init/remove at 1M; the Redis workload at 100K, every operation;
             memory at 1M entries. 2 x 1 s warm-up and 3 x 1 s measurement per trial.
  --quick    about 5 minutes: 1M entries only; reads with 1 reader, without and with a writer;
             mutations with 1 writer (2 writers: store and ConcurrentHashMap only); the mix
             with 1 thread; init/remove; the Redis workload at 100K beside the store and CHM
             (read, mutate, pipelined read); memory at 250K entries. 2 x 200 ms warm-up and
             3 x 200 ms measurement per trial (41 trials). Indicative only.
  Most of a trial's time is its JVM fork and fill, not its measurement: the number of trials
  decides how long a mode takes. Other work on the machine widens every error; the report
  records the load average at the start and the end.

Environment: JAVA (default: java on the PATH) runs everything, JMH's forks included.
EOF
}

MODE=full
case "${1:-}" in
    "") ;;
    --quick) MODE=quick ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAVA=${JAVA:-java}
JAR=benchmarks/target/benchmarks.jar
RESULTS=benchmarks/results
STARTED=$SECONDS

# --- the jar: built when missing or older than any source or POM it is made of --------------------
if [[ ! -f $JAR ]] || [[ -n $(find pom.xml annotations runtime processor benchmarks \
        \( -name '*.java' -o -name pom.xml \) -not -path '*/target/*' -newer "$JAR" -print -quit) ]]; then
    echo "== building $JAR"
    # Offline first (the usual case: everything is in ~/.m2); online if a dependency is missing.
    mvn -B -q -o package -DskipTests -pl benchmarks -am || mvn -B -q package -DskipTests -pl benchmarks -am
fi

# --- redis-server (Debian's package), installed once -----------------------------------------------
if ! command -v redis-server >/dev/null 2>&1 && [[ ! -x /usr/bin/redis-server ]]; then
    echo "== installing redis-server (apt-get)"
    SUDO=""
    if [[ $(id -u) != 0 ]]; then SUDO=sudo; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    # Debian starts a system-wide server on 6379; the benchmarks start their own on a free port.
fi

# --- JVM flags for the plain mains (JMH's forks get them from ForkFlags and BenchmarksMain) ---------
FLAGS=$(sed -n 's:.*<livestore.jvm.flags>\(.*\)</livestore.jvm.flags>.*:\1:p' pom.xml)
# Chronicle Map compiles its values interface at run time (ForkFlags.CHRONICLE_MAP_1/2).
FLAGS="$FLAGS --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED"
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if (( ${FEATURE%%.*} >= 23 )); then
    FLAGS="$FLAGS --sun-misc-unsafe-memory-access=allow"   # JDK 17 refuses it
fi

# A private copy of the jar: JMH's forks load classes from it for the whole run, and a rebuild
# meanwhile would change it under them.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$JAR" "$WORK/benchmarks.jar"
RUN_JAR=$WORK/benchmarks.jar
FRAGMENTS=$WORK/fragments
mkdir -p "$RESULTS/plots" "$FRAGMENTS"
STAMP=$(date -u +%Y-%m-%d-%H%M)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
JSONS=()
FAILED=()

if [[ $MODE == quick ]]; then
    ITERATIONS=(-f 1 -wi 2 -w 200ms -i 3 -r 200ms)
    QUICK_FLAG=(--quick)
else
    ITERATIONS=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
    QUICK_FLAG=()
fi

# jmh NAME REGEX [JMH ARGS...]: one JMH run into results/<stamp>-<mode>-NAME.json
jmh() {
    local name=$1 regex=$2
    shift 2
    local json="$RESULTS/$STAMP-$MODE-$name.json"
    echo "== $name: $regex $* ($(( (SECONDS - STARTED) / 60 )) min so far)"
    if "$JAVA" -jar "$RUN_JAR" "$regex" "${ITERATIONS[@]}" -prof gc -rf json -rff "$json" "$@" \
            > "$WORK/$name.log" 2>&1; then
        JSONS+=("$json")
    else
        echo "!! $name failed; the end of its output:" >&2
        tail -40 "$WORK/$name.log" >&2
        FAILED+=("$name")
        [[ -s $json ]] && JSONS+=("$json")
    fi
}

# fragment_main CLASS: a non-JMH main that writes DIR/<name>.md and .png, run if the jar has it
fragment_main() {
    local class=$1
    if ! jar_has "$class"; then
        echo "== $class: not in the jar, skipped"
        return
    fi
    echo "== $class ($(( (SECONDS - STARTED) / 60 )) min so far)"
    # shellcheck disable=SC2086 # FLAGS is a list of flags
    if ! "$JAVA" $FLAGS -cp "$RUN_JAR" "$class" --out "$FRAGMENTS" "${QUICK_FLAG[@]}" > "$WORK/$class.log" 2>&1; then
        echo "!! $class failed:" >&2
        tail -40 "$WORK/$class.log" >&2
        FAILED+=("$class")
    fi
}

jar_has() {
    local entry="${1//.//}.class"
    if command -v unzip >/dev/null 2>&1; then
        unzip -l "$RUN_JAR" "$entry" >/dev/null 2>&1
    else
        jar tf "$RUN_JAR" | grep -qx "$entry"
    fi
}

if [[ $MODE == quick ]]; then
    jmh w1-read 'store\.PeersReadBenchmark\.readers1(_writer)?$' -p entries=1000000
    jmh w2-mutate 'store\.PeersMutateBenchmark\.writers1$' -p entries=1000000
    jmh w2-mutate-2w 'store\.PeersMutateBenchmark\.writers2$' -p entries=1000000 -p peer=liveStore,concurrentHashMap
    jmh w3-mix 'store\.PeersMixBenchmark\.threads1$' -p entries=1000000
    jmh w5-churn 'store\.PeersChurnBenchmark\.' -p entries=1000000
    jmh w8-redis 'store\.RedisLoopbackBenchmark\.(read|mutate|readPipelined)$' -p entries=100000 \
        -p peer=liveStore,concurrentHashMap,redisHash,redisString
else
    jmh w1-read 'store\.PeersReadBenchmark\.' -p entries=1000000
    jmh w1-read-1k 'store\.PeersReadBenchmark\.readers[12]$' -p entries=1000
    jmh w1-read-10m 'store\.PeersReadBenchmark\.readers1$' -p entries=10000000 \
        -p peer=liveStore,concurrentHashMap,bareIndexAndArena,chronicleMap
    jmh w2-mutate 'store\.PeersMutateBenchmark\.' -p entries=1000000
    jmh w3-mix 'store\.PeersMixBenchmark\.' -p entries=1000000
    jmh w5-churn 'store\.PeersChurnBenchmark\.' -p entries=1000000
    jmh w8-redis 'store\.RedisLoopbackBenchmark\.' -p entries=100000
fi
fragment_main io.livestore.benchmarks.store.PeersFootprint
fragment_main io.livestore.benchmarks.fanout.FanOutLatency
fragment_main io.livestore.benchmarks.gc.GcPauses

if [[ $MODE == quick ]]; then
    NOTE="Quick mode (\`benchmarks/run.sh --quick\`, see its \`--help\`): 1M entries (Redis workload: 100K), a subset of the configurations and peers, one fork, 2 × 200 ms warm-up and 3 × 200 ms measurement per trial; indicative, errors are wide."
else
    NOTE="Full mode (\`benchmarks/run.sh\`, see its \`--help\`): one fork, 2 × 1 s warm-up and 3 × 1 s measurement per trial."
fi
NOTE="$NOTE Load average (1, 5, 15 min) at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores: above that, other work competed with the run)."
if (( ${#JSONS[@]} > 0 )); then
    # shellcheck disable=SC2086
    "$JAVA" $FLAGS -cp "$RUN_JAR" io.livestore.benchmarks.report.ReportMain \
        --results-md benchmarks/RESULTS.md --plots "$RESULTS/plots" --fragments "$FRAGMENTS" \
        --note "$NOTE" "${JSONS[@]}"
fi

echo "== done in $(( (SECONDS - STARTED) / 60 )) min $(( (SECONDS - STARTED) % 60 )) s: ${JSONS[*]}"
if (( ${#FAILED[@]} > 0 )); then
    echo "!! failed: ${FAILED[*]}" >&2
    exit 1
fi
