# A throwaway PostgreSQL cluster for the tests. Sourced by .ci/run (bash, set -euo pipefail); also usable
# by hand:   source .ci/services/postgres.sh && python3 -m pytest -q tests/test_store_postgres.py
# Exports SITREP_TEST_PG_URL and stops the server (and deletes its files) when the shell exits.

_sitrep_pg_bindir() {
    local initdb
    initdb=$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$initdb" ] && dirname "$(readlink -f "$initdb")"
}

if ! _sitrep_pg_bindir >/dev/null; then
    echo "postgres.sh: initdb not found; installing the Debian postgresql package" >&2
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
SITREP_PG_BIN=$(_sitrep_pg_bindir)

# PostgreSQL will not run as root: as root (CI), run it as the postgres user, creating that user if needed.
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /bin/sh postgres
    _sitrep_pg_as() { runuser -u postgres -- "$@"; }
else
    _sitrep_pg_as() { "$@"; }
fi

SITREP_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-pg.XXXXXX")
if [ "$(id -u)" = 0 ]; then chown postgres: "$SITREP_PG_DIR"; fi
SITREP_PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

_sitrep_pg_as "$SITREP_PG_BIN/initdb" -D "$SITREP_PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
_sitrep_pg_as "$SITREP_PG_BIN/pg_ctl" -D "$SITREP_PG_DIR/data" -l "$SITREP_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $SITREP_PG_PORT -k $SITREP_PG_DIR -c fsync=off" start >/dev/null

_sitrep_pg_stop() {
    _sitrep_pg_as "$SITREP_PG_BIN/pg_ctl" -D "$SITREP_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$SITREP_PG_DIR"
}
# Keep whatever EXIT trap another service registered: run ours, then theirs.
eval "_sitrep_pg_prev=($(trap -p EXIT))"
trap "_sitrep_pg_stop; ${_sitrep_pg_prev[2]:-}" EXIT

"$SITREP_PG_BIN/createdb" -h 127.0.0.1 -p "$SITREP_PG_PORT" -U postgres sitrep_test
export SITREP_TEST_PG_URL="postgresql://postgres@127.0.0.1:$SITREP_PG_PORT/sitrep_test"
echo "postgres.sh: PostgreSQL $("$SITREP_PG_BIN/postgres" --version | awk '{print $3}') at $SITREP_TEST_PG_URL" >&2
