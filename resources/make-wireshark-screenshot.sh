#!/bin/sh
# The README's pictures of a console session opened in Wireshark: the
# screenshot tool exports its session as pcapng (EASYNET_SCREENSHOT_EXTRAS),
# Wireshark opens it under Xvfb, and Follow > TCP Stream is taken with its
# keyboard shortcut. Needs a dev build and, beyond CI's packages,
# wireshark-qt, xdotool and imagemagick (not installed by .ci/run).
#   sh resources/make-wireshark-screenshot.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cmake --build --preset dev --target easynet-console-screenshot
extras=$(mktemp -d)
trap 'rm -rf "$extras"' EXIT
QT_QPA_PLATFORM=offscreen EASYNET_SCREENSHOT_EXTRAS="$extras" \
    build/dev/console/easynet-console-screenshot "$extras/window.png"
cat > "$extras/shoot.sh" <<'SHOOT'
#!/bin/sh
# Under Xvfb: $1 the capture, $2 the packet list picture, $3 Follow Stream's.
wireshark -r "$1" >/dev/null 2>&1 &
pid=$!
sleep 10
window=$(xdotool search --class wireshark | tail -1)
xdotool windowsize "$window" 1200 760
xdotool windowmove "$window" 0 0
sleep 2
xdotool windowfocus "$window"
import -window root -crop 1200x760+0+0 "$2"
xdotool mousemove 300 174 click 1   # a packet of the stream
sleep 1
xdotool key ctrl+alt+shift+t        # Analyze > Follow > TCP Stream
sleep 3
dialog=$(xdotool search --name Follow | tail -1)
xdotool windowsize "$dialog" 900 600
xdotool windowmove "$dialog" 0 0
sleep 4
import -window "$dialog" "$3"
kill "$pid"
SHOOT
xvfb-run -a -s "-screen 0 1280x800x24" sh "$extras/shoot.sh" "$extras/session.pcapng" \
    resources/wireshark-export.png resources/wireshark-follow-stream.png
echo "wrote resources/wireshark-export.png and resources/wireshark-follow-stream.png"
