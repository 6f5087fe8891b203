#!/usr/bin/env bash
# Invite Triage build driver. Every subcommand installs what it is missing, then does its job.
#
#   ./build.sh            build dist/ (unpacked, Chromium) and dist-firefox/ (unpacked, Firefox), print the wasm size
#   ./build.sh package    build, then write the Chrome Web Store zip (from dist/), the AMO zip
#                         (from dist-firefox/) and the source zip for review to target/package/
#   ./build.sh demo       build, then run the extension in Chromium on the bundled demo page
#   ./build.sh test       every check: fmt, clippy, cargo test, wasm tests, tsc, unit tests, web-ext lint, e2e
#   ./build.sh bench      the benchmarks: prints a table, writes target/bench/report.md (see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
CRATE=invite_triage
WASM_TARGET=wasm32-unknown-unknown
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

step() { printf '\n== %s\n' "$*"; }
fail() { printf '\nbuild.sh: step "%s" failed: %s\n' "$CURRENT_STEP" "$*" >&2; exit 1; }
run_step() { # run_step NAME CMD...: run a step, naming it if it fails
  CURRENT_STEP=$1; shift
  step "$CURRENT_STEP"
  "$@" || fail "command exited with status $?: $*"
}
CURRENT_STEP=setup
trap 'rc=$?; [ $rc -ne 0 ] && printf "build.sh: stopped in step \"%s\" (exit %s)\n" "$CURRENT_STEP" "$rc" >&2' EXIT

# ---------------------------------------------------------------- set-up (idempotent, quick when done)
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_rust_target() {
  rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET" && return
  CURRENT_STEP="install rust target $WASM_TARGET"; step "$CURRENT_STEP"
  rustup target add "$WASM_TARGET" || fail "rustup could not add $WASM_TARGET"
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  [ -f Cargo.lock ] || cargo generate-lockfile -q
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want have
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || fail "no wasm-bindgen version in Cargo.lock"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}') || true
  [ "$have" = "$want" ] && return
  CURRENT_STEP="install wasm-bindgen-cli $want"; step "$CURRENT_STEP (about 3 minutes, once)"
  cargo install wasm-bindgen-cli --version "$want" --force || fail "cargo install wasm-bindgen-cli $want failed"
}

ensure_npm() {
  command -v npm >/dev/null || fail "npm is missing (Node.js 20 or newer is needed)"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    CURRENT_STEP="install npm packages from package-lock.json"; step "$CURRENT_STEP"
    npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed"
  fi
}

ensure_apt() { # ensure_apt BINARY PACKAGE...
  local bin=$1; shift
  [ -x "$bin" ] && return
  CURRENT_STEP="install Debian packages: $*"; step "$CURRENT_STEP"
  export DEBIAN_FRONTEND=noninteractive
  sudo_if_needed apt-get update -qq || fail "apt-get update failed"
  sudo_if_needed apt-get install -y -qq "$@" >/dev/null || fail "apt-get install $* failed"
}

ensure_chromium() { ensure_apt /usr/bin/chromedriver chromium chromium-driver; }
ensure_firefox() { ensure_apt /usr/bin/firefox-esr firefox-esr; }

# ---------------------------------------------------------------- build
# The wasm features rustc's wasm32 target emits, which wasm-opt must accept.
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-reference-types --enable-multivalue --enable-mutable-globals)
wasm_size_line() {
  local wasm=dist/pkg/${CRATE}_bg.wasm
  printf 'wasm: %s bytes raw, %s bytes gzipped (%s)\n' \
    "$(wc -c <"$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" "$wasm"
}

# The engine's JS bindings and wasm, before they are copied into each browser's extension; its
# TypeScript declarations stay here too (tsc reads them, no browser does).
PKG=target/wasm/pkg

build() {
  ensure_rust_target
  ensure_wasm_bindgen
  ensure_npm
  run_step "compile the engine to wasm" cargo build --release --lib --target "$WASM_TARGET" -q
  rm -rf "$PKG" && mkdir -p "$PKG"
  run_step "generate JS bindings (wasm-bindgen)" wasm-bindgen --target web \
    --out-dir "$PKG" "target/$WASM_TARGET/release/$CRATE.wasm"
  run_step "optimise the wasm (binaryen wasm-opt)" node_modules/.bin/wasm-opt -Oz --converge "${WASM_OPT_FEATURES[@]}" \
    "$PKG/${CRATE}_bg.wasm" -o "$PKG/${CRATE}_bg.wasm"
  run_step "assemble dist/ (Chromium)" node tools/assemble.mjs chromium dist "$PKG"
  run_step "assemble dist-firefox/ (Firefox)" node tools/assemble.mjs firefox dist-firefox "$PKG"
  wasm_size_line
  echo "dist/ is ready: load it with 'Load unpacked' in chrome://extensions"
  echo "dist-firefox/ is ready: load its manifest.json in about:debugging (This Firefox)"
}

package() {
  ensure_apt /usr/bin/zip zip
  build
  CURRENT_STEP="write store zips"
  local version out
  version=$(node -p "require('./manifest.json').version")
  out=target/package
  mkdir -p "$out"
  rm -f "$out"/*.zip
  (cd dist && zip -qr -X "$ROOT/$out/invite-triage-$version-chrome.zip" .)
  node_modules/.bin/web-ext build --source-dir dist-firefox --artifacts-dir "$out" \
    --filename "invite-triage-$version-firefox.zip" --overwrite-dest >/dev/null \
    || fail "web-ext build failed"
  # The content scripts ship minified: the reviewers (AMO asks for it) get the source that
  # builds them, as committed.
  git archive --format=zip -o "$out/invite-triage-$version-source.zip" HEAD \
    || fail "git archive failed (the source package needs a git checkout)"
  ls -l "$out"
}

# ---------------------------------------------------------------- test
SUMMARY=()
record() { SUMMARY+=("$(printf '%-34s %s' "$1" "$2")"); }

test_all() {
  ensure_chromium
  ensure_firefox
  build
  run_step "cargo fmt --check" cargo fmt --all -- --check
  record "cargo fmt" "ok"
  run_step "clippy (host)" cargo clippy --all-targets -q -- -D warnings
  run_step "clippy (wasm32)" cargo clippy --lib --test web -q --target "$WASM_TARGET" -- -D warnings
  # The benchmark engine (`./build.sh bench`) is built with its own feature: keep it building.
  run_step "clippy (wasm32, the benchmark engine)" cargo clippy --lib -q --target "$WASM_TARGET" --features bench -- -D warnings
  record "cargo clippy (host, wasm32)" "ok"
  CURRENT_STEP="cargo test (host)"; step "$CURRENT_STEP"
  local log=target/test-host.log
  cargo test -q 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -eq 0 ] || fail "host tests failed"
  record "cargo test (host)" "$(awk '/^test result:/ {p+=$4; f+=$6} END {print p " passed, " f " failed"}' "$log")"
  CURRENT_STEP="wasm-bindgen-test (headless Chromium)"; step "$CURRENT_STEP"
  log=target/test-wasm.log
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --target "$WASM_TARGET" --test web 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || fail "wasm tests failed"
  record "wasm-bindgen-test (Chromium)" "$(awk '/^test result:/ {p+=$4; f+=$6} END {print p " passed, " f " failed"}' "$log")"
  run_step "type-check the shell (tsc --checkJs)" node_modules/.bin/tsc -p tsconfig.json
  record "tsc --checkJs (extension/)" "ok"
  CURRENT_STEP="unit tests of the shell (node --test tests/unit/)"; step "$CURRENT_STEP"
  log=target/test-unit.log
  node --test --disable-warning=MODULE_TYPELESS_PACKAGE_JSON --test-reporter=spec tests/unit/ 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || fail "unit tests failed"
  record "unit tests (node --test)" "$(awk '$2 == "pass" && NF == 3 {p=$3} $2 == "fail" && NF == 3 {f=$3} END {print p " passed, " f " failed"}' "$log")"
  CURRENT_STEP="web-ext lint (dist-firefox)"; step "$CURRENT_STEP"
  node_modules/.bin/web-ext lint --source-dir dist-firefox --output json >target/web-ext-lint.json || true
  node tests/tools/lint-summary.js target/web-ext-lint.json || fail "web-ext lint reported errors or warnings"
  record "web-ext lint (dist-firefox)" "$(node tests/tools/lint-summary.js target/web-ext-lint.json --short)"
  CURRENT_STEP="end-to-end (Playwright, Chromium; puppeteer, Firefox)"; step "$CURRENT_STEP"
  log=target/test-e2e.log
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/ 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || fail "end-to-end tests failed"
  record "end-to-end (node --test)" "$(awk '$2 == "pass" && NF == 3 {p=$3} $2 == "fail" && NF == 3 {f=$3} END {print p " passed, " f " failed"}' "$log")"
  CURRENT_STEP="summary"
  printf '\n== summary\n'
  printf '%s\n' "${SUMMARY[@]}"
  echo "all checks passed"
}

demo() {
  ensure_chromium
  build
  CURRENT_STEP="demo in Chromium"; step "$CURRENT_STEP"
  node tests/tools/demo.js
}

# The engine with its benchmark-only exports (never in dist/), optimised like the shipped one.
build_bench_wasm() {
  local out=target/bench/pkg
  run_step "compile the benchmark engine (--features bench)" cargo build --release --lib \
    --target "$WASM_TARGET" --features bench --target-dir target/bench-wasm -q
  rm -rf "$out" && mkdir -p "$out"
  run_step "generate its JS bindings" wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "target/bench-wasm/$WASM_TARGET/release/$CRATE.wasm"
  run_step "optimise it (wasm-opt)" node_modules/.bin/wasm-opt -Oz --converge "${WASM_OPT_FEATURES[@]}" \
    "$out/${CRATE}_bg.wasm" -o "$out/${CRATE}_bg.wasm"
}

bench() {
  ensure_chromium
  build
  build_bench_wasm
  run_step "native scoring benchmark (cargo bench)" cargo bench -q --bench score --no-run
  CURRENT_STEP="benchmarks"; step "$CURRENT_STEP"
  node tests/bench/run.mjs
  CURRENT_STEP="idle page (engine calls and writes per minute)"; step "$CURRENT_STEP"
  node tests/bench/idle.mjs
}

case "${1:-build}" in
  build) build ;;
  package) package ;;
  demo) demo ;;
  test) test_all ;;
  bench) bench ;;
  *) echo "usage: ./build.sh [build|package|demo|test|bench]" >&2; exit 2 ;;
esac
