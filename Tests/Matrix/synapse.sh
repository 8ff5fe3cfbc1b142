#!/usr/bin/env bash
# A throwaway Synapse for the Matrix integration tests: 127.0.0.1 only, SQLite, no federation, no rate limits.
#   synapse.sh install            install matrix-synapse into .venv (from PyPI)
#   synapse.sh start DIR          configure and start in DIR; prints the base URL; stops itself when its parent dies
#   synapse.sh register DIR USER PASSWORD
#   synapse.sh stop DIR
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${CXZY_SYNAPSE_VENV:-$here/.venv}"
py="$venv/bin/python"

# Background processes must not keep the caller's descriptors (a test runner may watch one to see us exit).
close_inherited_fds() {
    local fd
    for fd in $(ls /proc/$BASHPID/fd 2>/dev/null); do
        [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
    done
    return 0
}

case "${1:-}" in
install)
    [ -x "$py" ] || python3 -m venv "$venv"
    "$py" -c 'import synapse' 2>/dev/null || "$venv/bin/pip" install -q matrix-synapse
    ;;
start)
    dir="$2"
    mkdir -p "$dir"
    port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    (cd "$dir" && "$py" -m synapse.app.homeserver --server-name localhost --config-path homeserver.yaml \
        --generate-config --report-stats=no >/dev/null)
    cat > "$dir/homeserver.yaml" <<YAML
server_name: "localhost"
pid_file: "$dir/homeserver.pid"
listeners:
  - port: $port
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "$dir/homeserver.db"
log_config: "$dir/localhost.log.config"
media_store_path: "$dir/media_store"
registration_shared_secret: "cxzy-test-shared-secret"
report_stats: false
macaroon_secret_key: "cxzy-test-macaroon"
form_secret: "cxzy-test-form"
signing_key_path: "$dir/localhost.signing.key"
trusted_key_servers: []
suppress_key_server_warning: true
enable_registration: false
federation_domain_whitelist: []
caches:
  sync_response_cache_duration: 0
rc_message: {per_second: 10000, burst_count: 10000}
rc_registration: {per_second: 10000, burst_count: 10000}
rc_login:
  address: {per_second: 10000, burst_count: 10000}
  account: {per_second: 10000, burst_count: 10000}
  failed_attempts: {per_second: 10000, burst_count: 10000}
rc_joins:
  local: {per_second: 10000, burst_count: 10000}
  remote: {per_second: 10000, burst_count: 10000}
rc_invites:
  per_room: {per_second: 10000, burst_count: 10000}
  per_user: {per_second: 10000, burst_count: 10000}
  per_issuer: {per_second: 10000, burst_count: 10000}
rc_room_creation: {per_second: 10000, burst_count: 10000}
YAML
    sed -i 's/level: INFO/level: WARNING/' "$dir/localhost.log.config" 2>/dev/null || true
    ( close_inherited_fds; exec "$py" -m synapse.app.homeserver -c "$dir/homeserver.yaml" ) </dev/null >"$dir/stdout.log" 2>&1 &
    pid=$!
    echo "$pid" > "$dir/synapse.pid"
    # Stop Synapse when whoever started it goes away (a crashed test run leaves nothing behind).
    parent=$PPID
    ( close_inherited_fds; while kill -0 "$parent" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 1; done; kill -9 "$pid" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 300); do
        if curl -fsS "http://127.0.0.1:$port/_matrix/client/versions" >/dev/null 2>&1; then
            echo "http://127.0.0.1:$port"
            exit 0
        fi
        kill -0 "$pid" 2>/dev/null || { cat "$dir/stdout.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "synapse did not become ready" >&2
    exit 1
    ;;
register)
    dir="$2"
    url=$(grep -o 'port: [0-9]*' "$dir/homeserver.yaml" | head -1 | cut -d' ' -f2)
    "$venv/bin/register_new_matrix_user" -u "$3" -p "$4" --no-admin -c "$dir/homeserver.yaml" "http://127.0.0.1:$url" >/dev/null
    ;;
stop)
    dir="$2"
    # SIGKILL: a runner may start us with SIGTERM blocked (the mask is inherited), and this server holds nothing of value.
    [ -f "$dir/synapse.pid" ] && kill -9 "$(cat "$dir/synapse.pid")" 2>/dev/null || true
    ;;
*)
    echo "usage: $0 install | start DIR | register DIR USER PASSWORD | stop DIR" >&2
    exit 2
    ;;
esac
