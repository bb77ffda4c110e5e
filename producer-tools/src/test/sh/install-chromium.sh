#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for DemoReportBrowserIT, only where it is missing.
# The build never requires it: without /usr/bin/chromium the browser check is skipped with a notice.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "no apt-get here; install Chromium yourself to run the browser check" >&2
  exit 1
fi
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
$sudo_cmd apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends chromium
/usr/bin/chromium --version
