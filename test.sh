#!/usr/bin/env bash
# Runs every test: unit, stress, Lincheck, property-based, compile tests, and the jcstress
# memory-model tests (quick mode, one iteration; deliberately broken handshakes must fail).
# Installs a JDK and Maven if missing (scripts/ensure-tools.sh).
#
# Runs the suite on the default JDK, then again on JDK 25 when one is installed beside it
# (found in /usr/lib/jvm, or named by LIVESTORE_EXTRA_JDK; LIVESTORE_EXTRA_JDK=none skips it).
# Extra arguments go to Maven, e.g. ./test.sh -pl runtime -am
set -euo pipefail
cd "$(dirname "$0")"
./scripts/ensure-tools.sh

echo "== mvn verify on $(java -version 2>&1 | head -1)"
mvn -B verify "$@"

extra="${LIVESTORE_EXTRA_JDK:-}"
if [ -z "$extra" ]; then
  extra=$(ls -d /usr/lib/jvm/*-25-* /usr/lib/jvm/*-25 2>/dev/null | head -1 || true)
fi
if [ -n "$extra" ] && [ "$extra" != "none" ]; then
  echo "== mvn verify on $("$extra/bin/java" -version 2>&1 | head -1) ($extra)"
  JAVA_HOME="$extra" PATH="$extra/bin:$PATH" mvn -B verify "$@"
fi
