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
# The packet library and a repeat of 1 000 packets at 1 ms, in the window's first tab.
extras=$(mktemp -d)
EASYNET_SCREENSHOT_EXTRAS="$extras" shot "$extras/window.png" en 1200x760
cp "$extras/library.png" resources/console-library-repeat.png
rm -rf "$extras"
echo "wrote resources/console-library-repeat.png"
