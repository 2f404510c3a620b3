#!/bin/sh
# Removes the CameraCloud Agent. POSIX sh: runs under BusyBox too.
#
#   sh uninstall.sh [--prefix DIR] [--config FILE] [--purge]
#
#   --prefix DIR    where the agent was installed (default: where install.sh put it)
#   --config FILE   its configuration file (default: the one install.sh used)
#   --purge         remove the configuration file too (it is kept by default: it holds the token)
set -eu

NAME=cameracloud-agent
PREFIX="@PREFIX@"
CONFIG="@CONFIG@"
PURGE=no

# Run from the unpacked package rather than the installed copy: the defaults were not filled in.
case "$PREFIX" in @*) PREFIX=/opt/$NAME ;; esac
case "$CONFIG" in @*) CONFIG=/etc/$NAME.conf ;; esac

usage() {
    sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//'
}

need_value() {
    if [ "$2" -lt 2 ]; then
        echo "uninstall.sh: $1 needs a value" >&2
        exit 2
    fi
}

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) need_value "$1" $#; PREFIX=$2; shift 2 ;;
        --prefix=*) PREFIX=${1#*=}; shift ;;
        --config) need_value "$1" $#; CONFIG=$2; shift 2 ;;
        --config=*) CONFIG=${1#*=}; shift ;;
        --purge) PURGE=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "uninstall.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

case "$PREFIX" in
    /?*) ;;
    *) echo "uninstall.sh: --prefix must be an absolute directory other than /" >&2; exit 2 ;;
esac

if [ -f "/etc/systemd/system/$NAME.service" ]; then
    systemctl stop "$NAME.service" 2>/dev/null || true
    systemctl disable "$NAME.service" 2>/dev/null || true
    rm -f "/etc/systemd/system/$NAME.service"
    systemctl daemon-reload 2>/dev/null || true
    echo "removed the systemd unit"
fi

if [ -f "/etc/init.d/$NAME" ]; then
    "/etc/init.d/$NAME" stop || true
    if command -v update-rc.d >/dev/null 2>&1; then
        update-rc.d -f "$NAME" remove || true
    elif command -v chkconfig >/dev/null 2>&1; then
        chkconfig --del "$NAME" || true
    fi
    rm -f "/etc/init.d/S95$NAME" "/etc/init.d/$NAME"
    echo "removed the init script"
fi

# Only the agent's own files: a --prefix such as /usr/local must not lose anything else.
rm -f "$PREFIX/bin/$NAME" "$PREFIX/bin/$NAME.new" "$PREFIX/uninstall.sh"
rmdir "$PREFIX/bin" 2>/dev/null || true
rmdir "$PREFIX" 2>/dev/null || true
echo "removed $PREFIX/bin/$NAME"

if [ "$PURGE" = yes ]; then
    rm -f "$CONFIG"
    echo "removed $CONFIG"
elif [ -f "$CONFIG" ]; then
    echo "kept $CONFIG (--purge removes it)"
fi
