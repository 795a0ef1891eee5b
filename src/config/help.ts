// `kaohe serve --help`: every environment variable with its default and meaning.
import { DEFAULTS } from './env.js';

export const serveHelp = `Usage: kaohe serve

Starts the HTTP service: the API of docs/api.md, described by GET /openapi.json.
Configuration comes from the environment; every variable is checked at start and all problems are
reported together (exit status 2).

Environment:
  PORT            TCP port to listen on (0 picks a free one).          default ${DEFAULTS.PORT}
  HOST            Address to listen on.                                 default ${DEFAULTS.HOST} with API keys,
                  Without API keys only 127.0.0.1, ::1 or localhost     ${DEFAULTS.HOST_WITHOUT_KEYS} without
                  are allowed.
  DATA_DIR        Directory of the embedded SQLite store (kaohe.sqlite), default ${DEFAULTS.DATA_DIR}
                  created if missing. Unused when MONGODB_URI is set.
  RULES_DIR       Directory of rule files (*.yaml) published at start   default ${DEFAULTS.RULES_DIR}
                  and again on SIGHUP. A broken rule set is logged and
                  not published; the last good version keeps serving.
  MONGODB_URI     mongodb:// or mongodb+srv:// URI: store everything    default unset (SQLite)
                  in MongoDB (or FerretDB) instead of SQLite.
  MONGODB_DB      Database name on that server.                         default ${DEFAULTS.MONGODB_DB}
  API_KEYS_FILE   JSON file {"keys": [{"key": "...", "role": "<role>",  default unset
                  "name": "..."}]}, a role of Roles below.
  KAOHE_API_KEYS  Keys as role:key,role:key (may be combined with       default unset
                  API_KEYS_FILE). Keys are at least 16 characters.
                  With no keys at all every request has every role, the
                  server listens on loopback only and warns loudly.
  LOG_LEVEL       debug, info, warn or error (JSON lines on stdout).    default ${DEFAULTS.LOG_LEVEL}
  BODY_LIMIT      Largest request body: 20mb, 512kb or bytes.           default ${DEFAULTS.BODY_LIMIT}
  RULESETS_REFRESH_MS  How long a rule set published by another instance default ${DEFAULTS.RULESETS_REFRESH_MS}
                  on the same store may stay unseen here (each request
                  re-reads the list when it is older; 0: every request).
  BATCH_LEASE_MS  MongoDB: how long a batch may stay half-written before default ${DEFAULTS.BATCH_LEASE_MS}
                  another instance aborts it (an instance killed mid-batch
                  holds up later batches this long).
  DECISION_LOG_SYNC  SQLite: full (an answer waits until its decision   default ${DEFAULTS.DECISION_LOG_SYNC}
                  record is on disk: it survives a power cut) or normal
                  (it waits for the write only: a record survives a
                  crash of the process, not of the machine; faster).

Roles: integrator posts facts and asks for verdicts; officer publishes rule sets, runs and reads
evaluations and reads facts; auditor reads facts, evaluations, rule sets and provisions, replays
evaluations and reads the decision log; inspector proposes rounds and publishes the half-month and
monthly notices; assessment-group reviews and publishes rounds (docs/api.md lists each route's
roles). GET /healthz and GET /openapi.json need no key.

Signals: SIGTERM/SIGINT stop accepting requests, finish those in flight, close the store and exit 0
(a repeated one while stopping, such as the Ctrl-C npm forwards, is ignored); SIGHUP publishes
RULES_DIR again.

Exit status: 0 after a clean shutdown, 1 when the service cannot start, 2 on a configuration error.`;
