#!/usr/bin/env bash
# The program behind the Makefile's targets, run from the top of the checkout
# as: bash .ci/threesixty.sh COMMAND [BIN]
# (COMMAND is run, test, bench, lint or clean; BIN is the server binary for run).
#
# It lives in a file of its own, not in the Makefile, so that make has nothing
# large to export into the environment of every process it starts.
set -euo pipefail

cmd=$1
bin=${2:-}
root=$PWD
data=$root/.data
pg_started=   # data directory of the cluster this run started, if any
serve_pid=

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'make %s: %s\n' "$cmd" "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# --- system packages --------------------------------------------------------

# The newest installed PostgreSQL server; on Debian `pg_config --bindir` can
# point at a client-only version, so look for initdb.
pg_bindir() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  if d=$(pg_config --bindir 2>/dev/null) && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if d=$(command -v initdb); then dirname "$d"; return 0; fi
  return 1
}

# ensure_packages FEATURE...: apt-get install only what is missing, so a
# prepared machine never touches the network.
ensure_packages() {
  local missing=() f
  for f in "$@"; do
    case $f in
      postgres) pg_bindir >/dev/null || missing+=(postgresql) ;;
      cc) command -v "$(go env CC)" >/dev/null || missing+=(gcc libc6-dev) ;; # -race needs cgo
      chromium) command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium) ;;
      pdftotext) command -v pdftotext >/dev/null || missing+=(poppler-utils) ;;
      shellcheck) command -v shellcheck >/dev/null || missing+=(shellcheck) ;;
    esac
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get: install them by hand"
  local sudo=
  if ! is_root; then
    command -v sudo >/dev/null || die "missing ${missing[*]}: install them as root (apt-get install ${missing[*]})"
    sudo=sudo
  fi
  say "installing missing system packages: ${missing[*]}"
  # Wait for (rather than fail on) a dpkg lock held by a parallel run.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 \
    install -y --no-install-recommends "${missing[@]}"
}

# --- throwaway PostgreSQL -----------------------------------------------------

# Fallback home for clusters when the checkout itself cannot be used; named
# after the checkout so two checkouts never share it.
tmp_base() { echo "/tmp/threesixty-$(printf %s "$root" | sha256sum | cut -c1-12)"; }

# run_as USER CMD...: initdb/postgres refuse to run as root, so root runs them
# as the cluster's owner, from / (the owner may not be able to enter $PWD).
run_as() {
  local user=$1; shift
  if is_root && [ "$user" != root ]; then (cd / && runuser -u "$user" -- "$@"); else "$@"; fi
}
pg_user() { if is_root; then echo postgres; else id -un; fi; }

# The socket lives in the data directory. Its path must stay short (unix
# sockets are limited to ~107 bytes) and, as root, the postgres user must be
# able to reach it; otherwise use /tmp.
cluster_dir() {
  local name=$1 dir=$data/$1
  local sock=$dir/.s.PGSQL.5432
  if [ ${#sock} -lt 100 ] && { ! is_root || (cd / && runuser -u postgres -- test -x "$data"); }; then
    echo "$dir"; return
  fi
  local base; base=$(tmp_base)
  mkdir -p "$base"
  [ -O "$base" ] || die "$base belongs to someone else; remove it"
  chmod 755 "$base"
  echo "$base/$name"
}

# One run per cluster at a time: a second `make test` in this checkout waits
# instead of wiping the first one's database; a second `make run` fails.
lock() {
  command -v flock >/dev/null || return 0
  exec 9>"$data/.$1.lock"
  flock -n 9 && return 0
  [ "$2" = wait ] || die "another 'make $cmd' is using .data/$1 of this checkout"
  say "waiting for another make target using .data/$1 of this checkout"
  flock 9
}

# stop_cluster DIR [MODE]: stop it if it is running, as whoever owns it.
stop_cluster() {
  local dir=$1 mode=${2:-fast} pgbin
  [ -f "$dir/postmaster.pid" ] || return 0
  pgbin=$(pg_bindir) || return 0
  local owner; owner=$(stat -c %U "$dir")
  run_as "$owner" "$pgbin/pg_ctl" -D "$dir" status >/dev/null 2>&1 || return 0
  run_as "$owner" "$pgbin/pg_ctl" -D "$dir" -m "$mode" -w stop >/dev/null 9>&- \
    || printf 'warning: could not stop PostgreSQL in %s\n' "$dir" >&2
}

# start_cluster NAME LOCKMODE [SERVER OPTION...]: a brand-new cluster every
# time, so no state leaks from one run into the next. Sets pgdir and pgbin.
start_cluster() {
  local name=$1 lockmode=$2; shift 2
  pgbin=$(pg_bindir) || die "PostgreSQL server binaries not found"
  local user; user=$(pg_user)
  is_root && ! id -u postgres >/dev/null 2>&1 && die "running as root needs a 'postgres' user to run PostgreSQL"
  lock "$name" "$lockmode"
  pgdir=$(cluster_dir "$name")
  stop_cluster "$pgdir" immediate   # left over from an interrupted run
  rm -rf "$pgdir"
  mkdir -p "$pgdir"
  if is_root; then chown "$user:" "$pgdir"; fi
  chmod 700 "$pgdir"
  say "starting PostgreSQL in $pgdir"
  local out
  out=$(run_as "$user" "$pgbin/initdb" -D "$pgdir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 2>&1 9>&-) \
    || { printf '%s\n' "$out" >&2; die "initdb failed"; }
  pg_started=$pgdir
  # No TCP at all (listen_addresses=''): the socket in the data directory is
  # the only way in, so nothing else on the machine can clash or connect.
  run_as "$user" "$pgbin/pg_ctl" -D "$pgdir" -w -l "$pgdir/log" start \
    -o "-c listen_addresses='' -k '$pgdir' -c max_connections=200 $*" >/dev/null 9>&- \
    || { cat "$pgdir/log" >&2 || true; die "PostgreSQL did not start"; }
}

# pg_url DBNAME: lib/pq and libpq both take the socket directory as ?host=.
pg_url() {
  local LC_ALL=C s=$pgdir enc='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [A-Za-z0-9/._~-]) enc+=$c ;; *) enc+=$(printf '%%%02X' "'$c") ;; esac
  done
  printf 'postgres://postgres@/%s?host=%s&sslmode=disable' "$1" "$enc"
}

cleanup() {
  if [ -n "$serve_pid" ]; then kill -TERM "$serve_pid" 2>/dev/null || true; fi
  if [ -n "$pg_started" ]; then
    say "stopping PostgreSQL in $pg_started"
    stop_cluster "$pg_started" fast || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- targets ----------------------------------------------------------------

lint() {
  # Same directories the go tool skips: testdata, .data and other dot/_ dirs.
  say "gofmt -l"
  local bad
  bad=$(find . -mindepth 1 -type d \( -name '.*' -o -name '_*' -o -name testdata \) -prune \
          -o -type f -name '*.go' -print0 | xargs -0 -r gofmt -l) || die "gofmt failed"
  if [ -n "$bad" ]; then
    printf 'these files need gofmt -w:\n%s\n' "$bad" >&2
    exit 1
  fi
  say "go vet ./..."
  go vet ./...
  # Pinned, so that a new release's checks never fail a build nobody changed.
  say "staticcheck ./..."
  go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
  ensure_packages shellcheck
  say "shellcheck .ci/run .ci/threesixty.sh"
  shellcheck .ci/run .ci/threesixty.sh
}

fast_pg=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)

mkdir -p "$data"
# The postgres user must be able to enter .data even under a strict umask.
if is_root; then chmod 755 "$data"; fi
case $cmd in
  lint)
    lint
    ;;
  test)
    lint
    ensure_packages postgres cc chromium pdftotext
    start_cluster pg-test wait "${fast_pg[@]}"
    export TEST_DATABASE_URL; TEST_DATABASE_URL=$(pg_url postgres)
    say "TEST_DATABASE_URL=$TEST_DATABASE_URL"
    say "go test -race -count=1 -timeout 30m ./..."
    go test -race -count=1 -timeout 30m ./...
    ;;
  bench)
    ensure_packages postgres
    start_cluster pg-test wait "${fast_pg[@]}"
    export TEST_DATABASE_URL; TEST_DATABASE_URL=$(pg_url postgres)
    say "TEST_DATABASE_URL=$TEST_DATABASE_URL"
    # -p 1: one package's benchmarks at a time, or a million-row fill in one package would
    # weigh on another's measurement and its floor unequally.
    say "go test -p 1 -run '^\$' -bench . -benchtime=1x -count=1 ./..."
    go test -p 1 -run '^$' -bench . -benchtime=1x -count=1 ./...
    ;;
  run)
    if [ -z "${DATABASE_URL:-}" ]; then
      ensure_packages postgres
      start_cluster pg-run fail   # default (durable) settings
      "$pgbin/createdb" -h "$pgdir" -U postgres threesixty
      export DATABASE_URL; DATABASE_URL=$(pg_url threesixty)
    fi
    say "DATABASE_URL=$DATABASE_URL"
    export LISTEN_ADDR=${LISTEN_ADDR:-127.0.0.1:8080}
    if [ -z "${BASE_URL:-}" ]; then
      host=${LISTEN_ADDR%:*}
      case $host in '' | 0.0.0.0 | '[::]') host=127.0.0.1 ;; esac
      export BASE_URL=http://$host:${LISTEN_ADDR##*:}
    fi
    "$bin" migrate
    "$bin" demo
    say "threesixty is at $BASE_URL (listening on $LISTEN_ADDR); Ctrl-C stops it and its database"
    # In the background with wait, so a TERM sent to make reaches the server
    # right away (bash would otherwise defer its trap until serve exits).
    "$bin" serve &
    serve_pid=$!
    trap 'kill -TERM "$serve_pid" 2>/dev/null || true' INT TERM
    while :; do
      rc=0; wait "$serve_pid" || rc=$?
      kill -0 "$serve_pid" 2>/dev/null || break
    done
    serve_pid=
    exit "$rc"
    ;;
  clean)
    for name in pg-test pg-run; do
      stop_cluster "$data/$name"
      stop_cluster "$(tmp_base)/$name"
    done
    rm -rf "$data" "$(tmp_base)"
    ;;
  *)
    die "unknown command"
    ;;
esac
