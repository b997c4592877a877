#!/usr/bin/env bash
# Re-create static/vendor/ from the npm registry with pinned versions.
#
#   bash scripts/vendor_static.sh            # writes into <repo>/static/vendor
#   bash scripts/vendor_static.sh /tmp/out   # writes into another directory (for comparing)
#
# Needs: npm (and node), tar, sed, coreutils. Uses `npm pack` only, so the
# files come from the registry npm is configured for; nothing is fetched from a CDN.
# Hand-written files are left alone: sarabun/sarabun.css and VERSIONS.md.
# Keep the versions and integrity hashes here in step with static/vendor/VERSIONS.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${1:-$ROOT/static/vendor}"

BOOTSTRAP_VERSION=5.3.9
BOOTSTRAP_ICONS_VERSION=1.13.2
HTMX_VERSION=2.0.11
SARABUN_VERSION=5.3.0
AXE_VERSION=4.14.1

# dist.integrity of each tarball as published on the registry (npm view PKG@VER dist.integrity)
declare -A INTEGRITY=(
  ["bootstrap-${BOOTSTRAP_VERSION}.tgz"]="sha512-20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w=="
  ["bootstrap-icons-${BOOTSTRAP_ICONS_VERSION}.tgz"]="sha512-fAU1Ly3dH7hwRg+CB8EZ0Vl0fF80zgXHeUVJyfUOKzoURr+TbwISbCW5tKUoQLERaWYG2emTCybcPbD96hdD1A=="
  ["htmx.org-${HTMX_VERSION}.tgz"]="sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
  ["fontsource-sarabun-${SARABUN_VERSION}.tgz"]="sha512-8GWxnEIG9g/2JlZxU+APaVwipcLMkZkBps9N1tEyBxXWaJEnAtHpuaDYmFVG7lzTgr28orG7//htD/rfxDlfFg=="
  ["axe-core-${AXE_VERSION}.tgz"]="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "Packing from the npm registry into $WORK ..."
(
  cd "$WORK"
  npm pack --silent \
    "bootstrap@${BOOTSTRAP_VERSION}" \
    "bootstrap-icons@${BOOTSTRAP_ICONS_VERSION}" \
    "htmx.org@${HTMX_VERSION}" \
    "@fontsource/sarabun@${SARABUN_VERSION}" \
    "axe-core@${AXE_VERSION}" >/dev/null
)

# Check each tarball against its pinned integrity, then extract to $WORK/<name>/package/
for tgz in "${!INTEGRITY[@]}"; do
  [[ -f "$WORK/$tgz" ]] || { echo "missing $tgz after npm pack" >&2; exit 1; }
  got="sha512-$(node -e 'const c=require("crypto"),fs=require("fs");process.stdout.write(c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$WORK/$tgz")"
  if [[ "$got" != "${INTEGRITY[$tgz]}" ]]; then
    echo "integrity mismatch for $tgz: $got" >&2
    exit 1
  fi
  mkdir -p "$WORK/${tgz%.tgz}"
  tar -xzf "$WORK/$tgz" -C "$WORK/${tgz%.tgz}"
done

BS="$WORK/bootstrap-${BOOTSTRAP_VERSION}/package"
BI="$WORK/bootstrap-icons-${BOOTSTRAP_ICONS_VERSION}/package"
HX="$WORK/htmx.org-${HTMX_VERSION}/package"
SB="$WORK/fontsource-sarabun-${SARABUN_VERSION}/package"
AX="$WORK/axe-core-${AXE_VERSION}/package"

# Source-map stripping, so WhiteNoise/ManifestStaticFilesStorage does not look for .map files.
strip_css_map() { sed -i -E 's#/\*\# sourceMappingURL=[^*]*\*/##g' "$1"; }
strip_js_map()  { sed -i '/^\/\/# sourceMappingURL=/d' "$1"; }

mkdir -p "$DEST"

# --- bootstrap ---
rm -rf "$DEST/bootstrap"
mkdir -p "$DEST/bootstrap"
cp "$BS/dist/css/bootstrap.min.css"      "$DEST/bootstrap/bootstrap.min.css"
cp "$BS/dist/js/bootstrap.bundle.min.js" "$DEST/bootstrap/bootstrap.bundle.min.js"
cp "$BS/LICENSE"                         "$DEST/bootstrap/LICENSE"
strip_css_map "$DEST/bootstrap/bootstrap.min.css"
strip_js_map  "$DEST/bootstrap/bootstrap.bundle.min.js"

# --- bootstrap-icons (css refers to fonts/bootstrap-icons.woff2 / .woff) ---
rm -rf "$DEST/bootstrap-icons"
mkdir -p "$DEST/bootstrap-icons/fonts"
cp "$BI/font/bootstrap-icons.min.css"    "$DEST/bootstrap-icons/bootstrap-icons.min.css"
cp "$BI/font/fonts/bootstrap-icons.woff2" "$DEST/bootstrap-icons/fonts/bootstrap-icons.woff2"
cp "$BI/font/fonts/bootstrap-icons.woff"  "$DEST/bootstrap-icons/fonts/bootstrap-icons.woff"
cp "$BI/LICENSE"                         "$DEST/bootstrap-icons/LICENSE"
strip_css_map "$DEST/bootstrap-icons/bootstrap-icons.min.css"

# --- htmx ---
rm -rf "$DEST/htmx"
mkdir -p "$DEST/htmx"
cp "$HX/dist/htmx.min.js" "$DEST/htmx/htmx.min.js"
cp "$HX/LICENSE"          "$DEST/htmx/LICENSE"
strip_js_map "$DEST/htmx/htmx.min.js"

# --- Sarabun (woff2 only; sarabun.css is hand-written and kept) ---
mkdir -p "$DEST/sarabun"
rm -rf "$DEST/sarabun/files"
mkdir -p "$DEST/sarabun/files"
for subset in thai latin; do
  for variant in 400-normal 500-normal 700-normal 400-italic; do
    f="sarabun-${subset}-${variant}.woff2"
    cp "$SB/files/$f" "$DEST/sarabun/files/$f"
  done
done
cp "$SB/LICENSE" "$DEST/sarabun/LICENSE"
if [[ ! -f "$DEST/sarabun/sarabun.css" ]]; then
  echo "note: $DEST/sarabun/sarabun.css is hand-written and not created by this script" >&2
fi

# --- axe-core ---
rm -rf "$DEST/axe-core"
mkdir -p "$DEST/axe-core"
cp "$AX/axe.min.js"             "$DEST/axe-core/axe.min.js"
cp "$AX/LICENSE"                "$DEST/axe-core/LICENSE"
cp "$AX/LICENSE-3RD-PARTY.txt"  "$DEST/axe-core/LICENSE-3RD-PARTY.txt"
strip_js_map "$DEST/axe-core/axe.min.js"

if grep -rl --include='*.js' --include='*.css' 'sourceMappingURL' "$DEST" >/dev/null 2>&1; then
  echo "sourceMappingURL still present in:" >&2
  grep -rl --include='*.js' --include='*.css' 'sourceMappingURL' "$DEST" >&2
  exit 1
fi

echo "Vendored into $DEST:"
(cd "$DEST" && find . -type f ! -name VERSIONS.md ! -name sarabun.css | LC_ALL=C sort | xargs sha256sum)
