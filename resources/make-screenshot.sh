#!/bin/sh
# Renders the console's main window offscreen, connected to its own echo
# server with a few packets exchanged, into the README's pictures: English at
# 1200x760, and English and German at 1024x640, the size it is made to fit.
# Run from the repository's root after a dev build:
#   cmake --preset dev && sh resources/make-screenshot.sh
set -eu
cmake --build --preset dev --target easynet-console-screenshot
shot() {
    QT_QPA_PLATFORM=offscreen build/dev/console/easynet-console-screenshot "$@"
    echo "wrote $1"
}
shot resources/console-screenshot.png en 1200x760
shot resources/console-screenshot-1024x640.png en 1024x640
shot resources/console-screenshot-1024x640-de.png de 1024x640
