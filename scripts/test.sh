#!/usr/bin/env bash
# The test command: installs system packages (scripts/setup.sh --test), then builds and runs every module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
exec ./mvnw -B -ntp verify "$@"
