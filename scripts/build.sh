#!/usr/bin/env bash
# Builds the jars (tests skipped) when any source or pom is newer than the application jar.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls driver/target/sparknn-driver-*-app.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ] || [ -n "$(find pom.xml */pom.xml */src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "build: compiling sparknn (./mvnw package -DskipTests)" >&2
  ./mvnw -B -q -ntp package -DskipTests >&2
fi
