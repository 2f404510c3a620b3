#!/bin/sh
# Installs the CameraCloud Agent from this unpacked package. POSIX sh: runs under BusyBox too.
#
#   sh install.sh [--prefix DIR] [--config FILE] [--no-service]
#
#   --prefix DIR    where the agent goes (default /opt/cameracloud-agent)
#   --config FILE   its configuration file (default /etc/cameracloud-agent.conf); an existing one is kept
#   --no-service    install the files only: no systemd unit, no init script, nothing started
#
# With systemd it installs and enables cameracloud-agent.service; otherwise, when /etc/init.d exists,
# the init script (BusyBox/SysV) with its respawn loop. The agent starts once the config file has its
# server, id and token filled in.
set -eu

NAME=cameracloud-agent
PREFIX=/opt/$NAME
CONFIG=/etc/$NAME.conf
SERVICE=auto

usage() {
    sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//'
}

need_value() {
    if [ "$2" -lt 2 ]; then
        echo "install.sh: $1 needs a value" >&2
        exit 2
    fi
}

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) need_value "$1" $#; PREFIX=$2; shift 2 ;;
        --prefix=*) PREFIX=${1#*=}; shift ;;
        --config) need_value "$1" $#; CONFIG=$2; shift 2 ;;
        --config=*) CONFIG=${1#*=}; shift ;;
        --no-service) SERVICE=none; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

case "$PREFIX" in
    /?*) ;;
    *) echo "install.sh: --prefix must be an absolute directory other than /" >&2; exit 2 ;;
esac
case "$CONFIG" in
    /?*) ;;
    *) echo "install.sh: --config must be an absolute path" >&2; exit 2 ;;
esac

HERE=$(cd "$(dirname "$0")" && pwd)

# Copy, then rename over the old binary: a running agent keeps its file, the next start gets the new one.
mkdir -p "$PREFIX/bin"
cp "$HERE/bin/$NAME" "$PREFIX/bin/$NAME.new"
chmod 755 "$PREFIX/bin/$NAME.new"
mv -f "$PREFIX/bin/$NAME.new" "$PREFIX/bin/$NAME"

render() {
    sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@CONFIG@|$CONFIG|g" "$1" >"$2"
}

# The uninstaller stays with the agent, already pointing at this prefix and config.
render "$HERE/uninstall.sh" "$PREFIX/uninstall.sh"
chmod 755 "$PREFIX/uninstall.sh"
echo "installed $PREFIX/bin/$NAME"

if [ -f "$CONFIG" ]; then
    echo "kept the existing $CONFIG"
else
    mkdir -p "$(dirname "$CONFIG")"
    # The file will hold the token: readable by root only from the start.
    (umask 077 && cp "$HERE/etc/$NAME.conf" "$CONFIG")
    chmod 600 "$CONFIG"
    echo "wrote $CONFIG: set server, id and token in it"
fi

configured() {
    ! grep -q 'CHANGE-ME' "$CONFIG"
}

if [ "$SERVICE" = auto ]; then
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        SERVICE=systemd
    elif [ -d /etc/init.d ]; then
        SERVICE=initd
    else
        SERVICE=none
    fi
fi

case "$SERVICE" in
    systemd)
        render "$HERE/systemd/$NAME.service" "/etc/systemd/system/$NAME.service"
        systemctl daemon-reload
        systemctl enable "$NAME.service"
        if configured; then
            systemctl restart "$NAME.service"
            echo "started: systemctl status $NAME; journalctl -u $NAME"
        else
            echo "then: systemctl start $NAME"
        fi
        ;;
    initd)
        render "$HERE/init.d/$NAME" "/etc/init.d/$NAME"
        chmod 755 "/etc/init.d/$NAME"
        if command -v update-rc.d >/dev/null 2>&1; then
            update-rc.d "$NAME" defaults
        elif command -v chkconfig >/dev/null 2>&1; then
            chkconfig --add "$NAME"
        else
            # BusyBox's rcS starts /etc/init.d/S??* at boot.
            ln -sf "$NAME" "/etc/init.d/S95$NAME"
        fi
        if configured; then
            "/etc/init.d/$NAME" restart
        else
            echo "then: /etc/init.d/$NAME start"
        fi
        ;;
    none)
        echo "no service installed; run: $PREFIX/bin/$NAME --config $CONFIG"
        ;;
esac
