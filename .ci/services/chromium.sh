# Chromium for the browser tests (tests/test_web_browser.py, driven by Playwright's Python package; no
# browser is ever downloaded: Playwright is pointed at Debian's). Sourced by .ci/run before pytest;
# also usable by hand:   source .ci/services/chromium.sh && python3 -m pytest -q tests/test_web_browser.py
if [ ! -x /usr/bin/chromium ]; then
    echo "chromium.sh: /usr/bin/chromium not found; installing the Debian chromium package" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export SITREP_CHROMIUM=/usr/bin/chromium
