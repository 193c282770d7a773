#!/usr/bin/env bash
# Build the clinic page's vendor files: install the pinned npm packages (npm ci, skipped
# when node_modules already matches package-lock.json) and copy into public/vendor/
#   rasa-webchat/index.js  the chat widget (prebuilt UMD bundle, React included), with
#                          its Google Fonts @import pointed at our own copy of the font,
#                          and its `protocolOptions` passed on to socket.io-client
#   inter/                 the Inter font (@fontsource/inter), weights the widget uses
# Safe to run again; public/vendor/ is rebuilt from scratch every time.
set -euo pipefail
cd "$(dirname "$0")"

GOOGLE_FONT_URL='https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap'
LOCAL_FONT_URL='vendor/inter/inter.css'  # relative to the page, like the widget's <style>s
# The widget hands `protocolOptions` to its sockjs client but not to socket.io-client, so
# the page could not ask for websockets only (needed with several Rasa workers).
SOCKETIO_FACTORY='socketio:function(e,t,n){var r=n?{path:n}:{},'
SOCKETIO_FACTORY_WITH_OPTIONS='socketio:function(e,t,n,p){var r=Object.assign(n?{path:n}:{},p),'
FONT_WEIGHTS=(400 500 700)

install_packages() {
  local stamp=node_modules/.installed-lock.sha256
  local wanted
  wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    return
  fi
  # Only prebuilt files are used, so no package needs to run install scripts.
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$wanted" >"$stamp"
}

copy_widget() {
  local out=$1/rasa-webchat
  mkdir -p "$out"
  cp node_modules/rasa-webchat/LICENSE "$out/"
  # The widget's CSS imports Inter from Google: serve it ourselves so the patient's
  # browser contacts no one but the clinic.
  sed "s#${GOOGLE_FONT_URL//&/\\&}#${LOCAL_FONT_URL}#g" \
    node_modules/rasa-webchat/lib/index.js >"$out/index.js"
  if grep -q 'fonts.googleapis' "$out/index.js" || ! grep -qF "$LOCAL_FONT_URL" "$out/index.js"; then
    echo "build.sh: the widget's font @import changed; update GOOGLE_FONT_URL" >&2
    exit 1
  fi
  if [[ $(grep -oF "$SOCKETIO_FACTORY" "$out/index.js" | wc -l) -ne 1 ]]; then
    echo "build.sh: the widget's socket.io factory changed; update SOCKETIO_FACTORY" >&2
    exit 1
  fi
  # Neither string holds a character special to sed's basic regular expressions.
  sed -i "s#${SOCKETIO_FACTORY}#${SOCKETIO_FACTORY_WITH_OPTIONS}#" "$out/index.js"
}

copy_font() {
  local out=$1/inter font=node_modules/@fontsource/inter
  mkdir -p "$out/files"
  cp "$font/LICENSE" "$out/"
  local stylesheets=("${FONT_WEIGHTS[@]/#/$font/}")
  stylesheets=("${stylesheets[@]/%/.css}")
  cat "${stylesheets[@]}" >"$out/inter.css"
  grep -oh '\./files/[^)]*' "${stylesheets[@]}" | sort -u | while read -r file; do
    cp "$font/$file" "$out/files/"
  done
}

install_packages
staging="$(mktemp -d public/.vendor.XXXXXX)"
trap 'rm -rf "$staging"' EXIT
copy_widget "$staging"
copy_font "$staging"
rm -rf public/vendor
mv "$staging" public/vendor
chmod 755 public/vendor
echo "Built web/public/vendor"
