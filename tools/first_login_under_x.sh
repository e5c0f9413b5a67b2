#!/usr/bin/env bash
# The first login of the day on a fresh site, under a real X server, N times (default 10).
#
# Issue 8, finding 1: the desk used to segfault ~1 s after the first login of the day on a fresh
# site, while the automatic daily backup ran in a background thread. This script replays that
# moment the way a volunteer lives it and counts how often the app survives:
#
#   for each run N (1..RUNS), in /tmp/first-login/N/ (emptied first):
#     1. a fresh demo site:  staging-site demo --db site.db --people 300
#     2. the desk on DISPLAY=:99 with a fresh HOME / XDG folders (no saved settings), C.UTF-8
#        locale (English), PYTHONFAULTHANDLER=1; its stdout/stderr kept in stdout.log/stderr.log
#     3. waits for the login window, types the user name, Tab, the password, Return (xdotool)
#     4. waits 8 s: the automatic backup runs right after the first login of the day
#     5. "scans" the registration id at the top of the queue (typed fast, then Return), waits 2 s
#     6. screenshot of the whole screen: shot.png
#     7. checks the app is still running, quits it with Ctrl+Q and records its exit code
#        (139 = SIGSEGV, 134 = SIGABRT); a run that needed a kill is reported as such
#
#   tools/first_login_under_x.sh [RUNS]        # from anywhere; uses the repo's .venv
#   FIRST_LOGIN_WM=none tools/first_login_under_x.sh    # no window manager started
#
# Starts `Xvfb :99 -screen 0 1366x768x24` when nothing answers on :99, and a window manager
# (openbox, when installed) when none runs there, as on a desk's screen; it stops what it started.
# A window manager gives the keyboard to each new window. Without one, the script gives the X
# input focus to each new window itself (xdotool windowfocus). Which widget inside the window has
# the keyboard is the app's own business: that is what the screenshot shows (the scan should land
# in the scan field and open the household card).
# Needs: xvfb, xdotool, imagemagick (import), x11-utils (xdpyinfo, xprop), the Qt xcb libraries
# (tools/check_qt_system.py says which are missing); optional: openbox.
# Prints one line per run and "survived X/RUNS"; exits 1 if any run crashed or failed.

set -u
RUNS="${1:-10}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.venv/bin"
OUT=/tmp/first-login
DISPLAY_NUMBER=":99"
USER_NAME=intake
PASSWORD=intake-demo
APP_TITLE="Staging Desk"
DESK_TITLE="Demo"   # the main window's title names the demo site ("Staging Desk — Demo — …")

for tool in Xvfb xdotool import xdpyinfo xprop; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y xvfb xdotool imagemagick x11-utils)" >&2; exit 2; }
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [RUNS]" >&2; exit 2; }
[ -x "$BIN/staging-site" ] || { echo "no $BIN/staging-site: run make first" >&2; exit 2; }

export DISPLAY="$DISPLAY_NUMBER"
XVFB_PID=""
if ! xdpyinfo -display "$DISPLAY" >/dev/null 2>&1; then
    Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >"/tmp/first-login-xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do xdpyinfo -display "$DISPLAY" >/dev/null 2>&1 && break; sleep 0.1; done
fi
WM_PID=""
WINDOW_MANAGER=none
# A running EWMH window manager names its check window on the root (and that window exists).
wm_running() {
    local id
    id="$(xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -o '0x[0-9a-f]*')"
    [ -n "$id" ] && xprop -id "$id" >/dev/null 2>&1
}
if wm_running; then
    WINDOW_MANAGER=running
elif [ "${FIRST_LOGIN_WM:-openbox}" = openbox ] && command -v openbox >/dev/null; then
    openbox --sm-disable >"/tmp/first-login-openbox.log" 2>&1 &
    WM_PID=$!
    WINDOW_MANAGER=openbox
    for _ in $(seq 50); do
        wm_running && break
        sleep 0.1
    done
fi
cleanup() {
    [ -n "$WM_PID" ] && kill "$WM_PID" 2>/dev/null
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
}
trap cleanup EXIT
echo "X server $DISPLAY, window manager: $WINDOW_MANAGER"

# Without a window manager, do its job: give the X input focus to a new window.
focus_window() {
    [ "$WINDOW_MANAGER" = none ] && [ -n "$1" ] && timeout 5 xdotool windowfocus --sync "$1" 2>/dev/null
    return 0
}

DISPLAY="$DISPLAY" QT_QPA_PLATFORM=xcb "$BIN/python" "$ROOT/tools/check_qt_system.py" || exit 2

alive() { kill -0 "$1" 2>/dev/null; }

# Wait (up to $2 seconds) for a visible window whose title contains $1; print its id.
wait_window() {
    timeout "$2" xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -n 1
}

survived=0
for n in $(seq "$RUNS"); do
    dir="$OUT/$n"
    rm -rf "$dir"
    mkdir -p "$dir/home/.config" "$dir/home/.local/share" "$dir/home/.cache"
    if ! "$BIN/staging-site" demo --db "$dir/site.db" --people 300 >"$dir/demo.log" 2>&1; then
        echo "run $n: FAILED — could not build the demo site (see $dir/demo.log)"
        continue
    fi
    # The household at the top of the queue: its first member's registration id is the "scan".
    code="$(STAGING_PASSWORD="$PASSWORD" "$BIN/staging-site" queue --db "$dir/site.db" \
        --user "$USER_NAME" --json --limit 1 |
        "$BIN/python" -c 'import json,sys; print(json.load(sys.stdin)[0]["members"][0]["registration_id"])')"

    env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$dir/home" LANG=C.UTF-8 \
        XDG_CONFIG_HOME="$dir/home/.config" XDG_DATA_HOME="$dir/home/.local/share" \
        XDG_CACHE_HOME="$dir/home/.cache" XDG_RUNTIME_DIR="$dir/home" \
        PYTHONFAULTHANDLER=1 QT_QPA_PLATFORM=xcb \
        "$BIN/staging-site" --db "$dir/site.db" >"$dir/stdout.log" 2>"$dir/stderr.log" &
    app=$!

    login="$(wait_window "$APP_TITLE" 30)"
    if [ -z "$login" ]; then
        alive "$app" && kill "$app"
        wait "$app"; code_exit=$?
        echo "run $n: FAILED — no login window in 30 s (exit $code_exit, see $dir/stderr.log)"
        continue
    fi
    sleep 0.5
    focus_window "$login"
    xdotool type --delay 60 "$USER_NAME"
    xdotool key Tab
    xdotool type --delay 60 "$PASSWORD"
    xdotool key Return
    logged_in_at=$(date +%s.%N)

    desk="$(wait_window "$DESK_TITLE" 20)"
    focus_window "$desk"
    sleep 8  # the day's automatic backup runs now
    alive_after_login=no; alive "$app" && alive_after_login=yes

    xdotool type --delay 5 "$code"
    xdotool key Return
    sleep 2
    import -window root "$dir/shot.png"
    alive_after_scan=no; alive "$app" && alive_after_scan=yes
    backups=$(find "$dir/site.db.backups" -type f -name '*.db' 2>/dev/null | wc -l)

    how=ctrl+q
    if alive "$app"; then
        [ -n "$desk" ] && timeout 5 xdotool windowactivate --sync "$desk" >/dev/null 2>&1
        focus_window "$desk"
        xdotool key ctrl+q
        for _ in $(seq 100); do alive "$app" || break; sleep 0.1; done
        if alive "$app"; then how=kill; kill "$app"; fi
    else
        how=died
    fi
    wait "$app"; status=$?
    seconds=$(awk -v a="$logged_in_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

    verdict="FAILED — the app ended by itself"
    [ "$status" -ge 128 ] && verdict="CRASHED (signal $((status - 128)))"
    if [ "$alive_after_login" = yes ] && [ "$alive_after_scan" = yes ] && [ "$status" -eq 0 ]; then
        verdict=survived
        survived=$((survived + 1))
    elif [ "$alive_after_login" = yes ] && [ "$alive_after_scan" = yes ] && [ "$how" = kill ]; then
        verdict="survived (did not quit on Ctrl+Q; killed)"
        survived=$((survived + 1))
    fi
    [ -n "$desk" ] || verdict="$verdict; no desk window after login"
    grep -q "Fatal Python error" "$dir/stderr.log" && verdict="$verdict; faulthandler report in stderr.log"
    echo "$status" >"$dir/exit-code"
    echo "run $n: $verdict — scanned $code, alive after login/scan: $alive_after_login/$alive_after_scan," \
        "automatic backups: $backups, exit $status ($how) after ${seconds}s, shot: $dir/shot.png"
done

echo "survived $survived/$RUNS"
[ "$survived" -eq "$RUNS" ]
