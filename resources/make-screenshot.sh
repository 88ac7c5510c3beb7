#!/bin/sh
# Renders the console's main window offscreen, connected to its own echo
# server with a few packets exchanged, into resources/console-screenshot.png
# (shown in the README). Run from the repository's root after a dev build:
#   cmake --preset dev && sh resources/make-screenshot.sh
set -eu
cmake --build --preset dev --target easynet-console-screenshot
QT_QPA_PLATFORM=offscreen build/dev/console/easynet-console-screenshot \
    resources/console-screenshot.png
echo "wrote resources/console-screenshot.png"
