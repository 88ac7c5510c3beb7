#!/bin/sh
# The README's picture of the QML console: builds tst_qmlconsole (dev preset)
# and runs its echo test offscreen, which saves the window (QQuickWindow::
# grabWindow) after three packets went through the built-in echo server.
#   qml/console/screenshot.sh [output.png]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "${1:-$root/qml/console/screenshots/easynet-qmlconsole.png}")
cd "$root"
cmake --preset dev >/dev/null
cmake --build --preset dev --target tst_qmlconsole
mkdir -p "$(dirname "$out")"
QT_QPA_PLATFORM=offscreen EASYNET_SCREENSHOT="$out" \
    build/dev/tests/qml/tst_qmlconsole echoesThroughItsEchoServer
echo "saved $out"
