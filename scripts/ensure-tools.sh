#!/usr/bin/env bash
# Installs what the build needs when it is missing: a JDK 17+ and Maven 3.8+.
# Idempotent: does nothing on a machine that has them. Uses Debian's packages.
set -euo pipefail

need_install=()
if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
  need_install+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
  need_install+=(maven)
fi
if [ ${#need_install[@]} -gt 0 ]; then
  echo "Installing: ${need_install[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${need_install[@]}"
fi
