#!/usr/bin/env bash
# Generates the next migration from the Drizzle schema.
# Migrations are append-only once released: never edit a committed one, add a new one.
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/ecommunautes-drizzle.lock npx drizzle-kit generate "$@"
