#!/usr/bin/env bash
# `npm run bench`: the engine in-process, then store ingest and the HTTP service on SQLite and, when
# a MongoDB is at hand (MONGODB_URI, or the FerretDB test server built by test/mongo/build-ferretdb.sh),
# on MongoDB too. Every number printed here is what the README and the closing notes quote.
set -euo pipefail
cd "$(dirname "$0")/.."

node --expose-gc dist/bench/run.js

if [[ -z "${MONGODB_URI:-}" && -x test/mongo/.bin/ferretdb ]]; then
  data="$(mktemp -d)"
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  test/mongo/.bin/ferretdb -port "$port" -data "$data" -log-level error &
  ferret=$!
  trap 'kill "$ferret" 2>/dev/null || true; rm -rf "$data"' EXIT
  for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  export MONGODB_URI="mongodb://127.0.0.1:$port/"
  echo "bench: FerretDB (MongoDB stand-in) on $MONGODB_URI"
elif [[ -z "${MONGODB_URI:-}" ]]; then
  echo "bench: no MONGODB_URI and no FerretDB binary: MongoDB is not measured"
fi

echo
echo "store ingest (batches of 1,000, in-process)"
node dist/bench/store-ingest.js 200000
echo
node dist/bench/http.js
echo
echo "one and two instances on one MongoDB (docs/deploy.md)"
node dist/bench/instances.js
echo
echo "the server's own ceiling: the same fact documents through the bare driver (docs/deploy.md)"
node dist/bench/mongo-raw.js
