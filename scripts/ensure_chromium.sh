#!/usr/bin/env bash
# Install Debian's headless Chromium for the browser tests when it is missing.
# Failure is not fatal: the browser tests then skip with a clear reason.
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the browser tests (apt-get)..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk) >/tmp/longarm-chromium-install.log 2>&1 \
    || { echo "could not install chromium (see /tmp/longarm-chromium-install.log); browser tests will be skipped" >&2; exit 1; }
fi
