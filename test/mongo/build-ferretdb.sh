#!/usr/bin/env bash
# Builds the embedded FerretDB v1.24.2 (SQLite backend) used by the MongoDB contract tests into
# test/mongo/.bin/ferretdb. A no-op when the binary is newer than main.go, go.mod and go.sum.
# A cold build (module download + compiling modernc.org/sqlite) takes minutes; run it once, e.g.
#   test/mongo/build-ferretdb.sh
# Never called from inside a test (only from test/setup/global.ts, where it is a cached no-op).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/ferretdb"
out="$here/.bin/ferretdb"

if ! command -v go >/dev/null 2>&1; then
  echo "build-ferretdb: Go is not installed (need Go >= 1.24)" >&2
  exit 1
fi

if [[ -x "$out" && "$out" -nt "$src/main.go" && "$out" -nt "$src/go.mod" && "$out" -nt "$src/go.sum" ]]; then
  echo "build-ferretdb: $out is up to date"
  exit 0
fi

mkdir -p "$here/.bin"
echo "build-ferretdb: building $out (a cold build takes a few minutes)..." >&2
start=$(date +%s)
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# -mod=readonly: never change go.mod/go.sum here (modernc.org/libc must stay at sqlite's pin).
(cd "$src" && CGO_ENABLED=0 go build -mod=readonly -trimpath -o "$tmp" .)
mv -f "$tmp" "$out"
trap - EXIT
echo "build-ferretdb: built in $(($(date +%s) - start))s" >&2
