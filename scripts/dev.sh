#!/usr/bin/env bash
# TrackPlan development entry point (Debian 12).
#
#   scripts/dev.sh run [APP ARGS...]    install what is missing, build, create the demo store, start the app
#   scripts/dev.sh test [CTEST ARGS...] install what is missing, build, run the test suite
#
# Both are idempotent: a second run installs nothing, and cmake/ninja rebuild only what changed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR="$ROOT/build"

# Every Debian package the project needs, for the app and the tests alike; README.md says why
# each one is here. Keep this the only list.
PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools qt6-svg-dev libgl-dev
    libqt6sql6-sqlite libqt6sql6-psql sqlite3 libsqlite3-dev
    libhiredis-dev libssl-dev libqcustomplot-dev libqcustomplot2.1-qt6 qtkeychain-qt6-dev
    fonts-noto-cjk qt6-translations-l10n
    postgresql redis-server dbus-daemon gnome-keyring
    xvfb xauth imagemagick
)

log() { printf 'dev.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: scripts/dev.sh run [APP ARGS...]     build and start TrackPlan (with a demo store on first run)
       scripts/dev.sh test [CTEST ARGS...]  build and run the test suite, e.g. `scripts/dev.sh test -R tst_fixtures`
EOF
    exit 2
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (not root, and sudo is not installed)"
    fi
}

missing_packages() {
    # One dpkg-query for the whole list; packages it does not know are simply absent from its output.
    local installed
    installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${PACKAGES[@]}" 2>/dev/null |
        awk '$2 == "ii" { print $1 }' || true)
    local pkg
    for pkg in "${PACKAGES[@]}"; do
        grep -qxF "$pkg" <<<"$installed" || printf '%s\n' "$pkg"
    done
}

install_packages() {
    local missing
    mapfile -t missing < <(missing_packages)
    [ "${#missing[@]}" -eq 0 ] && return 0
    log "installing missing Debian packages: ${missing[*]}"

    # Installing postgresql or redis-server would start their system services. The tests start
    # servers of their own, so keep the system ones down, through the standard policy-rc.d hook,
    # unless the machine already has a policy of its own.
    local policy=/usr/sbin/policy-rc.d policy_added=0
    if [ ! -e "$policy" ]; then
        as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
        policy_added=1
        trap 'as_root rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    if [ "$policy_added" -eq 1 ]; then
        as_root rm -f "$policy"
        trap - EXIT
    fi

    mapfile -t missing < <(missing_packages)
    [ "${#missing[@]}" -eq 0 ] || die "still missing after apt-get install: ${missing[*]}"
}

check_test_servers() {
    local initdb
    initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1 || true)
    if [ -z "$initdb" ] || [ ! -x "$(dirname "$initdb")/pg_ctl" ] || [ ! -x "$(dirname "$initdb")/postgres" ]; then
        die "PostgreSQL server programs (initdb, pg_ctl, postgres in /usr/lib/postgresql/VERSION/bin) not found; is the 'postgresql' package broken?"
    fi
    if ! command -v redis-server >/dev/null 2>&1; then
        die "redis-server not found; is the 'redis-server' package broken?"
    fi
}

build() {
    # Configure once; afterwards ninja itself re-runs cmake when a CMakeLists.txt changes.
    # (A configure that failed leaves a cache but no build.ninja: configure again then.)
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        local cache="$BUILD_DIR/CMakeCache.txt"
        if [ -f "$cache" ] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
            die "$BUILD_DIR was configured with another generator than Ninja; remove it and run again"
        fi
        log "configuring (Release, Ninja) in $BUILD_DIR"
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
    fi
    cmake --build "$BUILD_DIR" "$@"
}

ensure_demo_store() {
    local ctl="$BUILD_DIR/app/trackplanctl/trackplanctl" db
    db=$("$ctl" --print-default-db)
    [ -n "$db" ] || die "trackplanctl --print-default-db printed nothing"
    [ -e "$db" ] && return 0
    log "no store at $db: creating the demo store"
    if ! { "$ctl" init && "$ctl" demo; }; then
        # Created by this run and half-filled: remove it so the next run tries again.
        rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
        die "creating the demo store failed"
    fi
}

cmd_run() {
    install_packages
    build --target trackplan trackplanctl
    ensure_demo_store
    # A QT_QPA_PLATFORM of the user's choosing (offscreen, vnc, ...) needs no display either.
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        log "built, but there is no display (DISPLAY and WAYLAND_DISPLAY are empty), so TrackPlan cannot open a window."
        log "run it under a virtual X server instead:  xvfb-run -a scripts/dev.sh run"
        exit 2
    fi
    exec "$BUILD_DIR/app/trackplan/trackplan" "$@"
}

cmd_test() {
    install_packages
    check_test_servers
    build
    # The tests start their own PostgreSQL and Redis servers on free loopback ports.
    exec ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 "$@"
}

[ $# -ge 1 ] || usage
command=$1
shift
case "$command" in
    run) cmd_run "$@" ;;
    test) cmd_test "$@" ;;
    -h | --help | help) usage ;;
    *) log "unknown command: $command"; usage ;;
esac
