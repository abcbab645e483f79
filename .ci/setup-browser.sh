#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium and its WebDriver (chromium chromium-driver) when missing,
# for the dashboard's browser tests (tests/PetriDish.Tests/Dashboard). Needs root to install. The tests
# find them at /usr/bin/chromium and /usr/bin/chromedriver (or PETRIDISH_CHROMIUM, PETRIDISH_CHROMEDRIVER).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-browser: Chromium is not installed and installing it needs root (apt-get install chromium chromium-driver)" >&2
  exit 1
fi
echo "setup-browser: installing chromium chromium-driver"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
