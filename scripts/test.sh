#!/usr/bin/env bash
# The test command: installs system packages (scripts/setup.sh), then builds and runs every module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec ./mvnw -B -ntp verify "$@"
