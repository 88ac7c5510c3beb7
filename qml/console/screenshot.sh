#!/bin/sh
# The README's pictures of the QML console: builds tst_qmlconsole (dev preset)
# and runs its echo test offscreen, which saves the window (QQuickWindow::
# grabWindow) after three packets went through the built-in echo server, in
# English (output.png) and German (output-de.png); and its minimum-size test,
# which saves the window at its minimum size with the TLS row shown
# (qmlconsole-minimum-en.png and -de.png beside output.png).
#   qml/console/screenshot.sh [output.png]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(realpath -m "${1:-$root/qml/console/screenshots/easynet-qmlconsole.png}")
cd "$root"
cmake --preset dev >/dev/null
cmake --build --preset dev --target tst_qmlconsole
mkdir -p "$(dirname "$out")"
QT_QPA_PLATFORM=offscreen EASYNET_SCREENSHOT="$out" EASYNET_SCREENSHOT_DIR="$(dirname "$out")" \
    build/dev/tests/qml/tst_qmlconsole echoesThroughItsEchoServer minimumSizeClipsNothing
echo "saved $out and beside it the German and minimum-size pictures"
