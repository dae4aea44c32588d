#!/usr/bin/env bash
# Runs the main demo: builds what it needs, then runs samples' demo program
# (io.livestore.samples.Demos: HotReadDemo, PlayerLayoutDemo, then FooDemo, the seed's example) with the JVM flags LiveStore needs.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/ensure-tools.sh
exec mvn -B -q -Pdemo -pl samples -am verify -DskipTests
