#!/usr/bin/env bash
# Rust baselines for the shoot-out: the standard workloads (docs/workloads.md, tcp_echo left out)
# on Tokio's current-thread and multi-thread runtimes, smol and async-std, printed as
# `./gearbox run` prints them (docs/benchmarks.md#rust-baselines, decisions/0025).
#
#   benchmarks/rust-baselines.sh                                   every runtime and workload
#   benchmarks/rust-baselines.sh --runtimes tokio-current,smol --workloads skynet --runs 10
#   benchmarks/rust-baselines.sh --help                            the options
#
# The crate (benchmarks/rust) builds offline against the crate sources of Debian bookworm's
# librust-*-dev packages (tokio 1.24.2, smol 1.3.0, async-std 1.12.0) under
# /usr/share/cargo/registry, through the source replacement in benchmarks/rust/.cargo/config.toml;
# this script installs the packages when one is missing (apt-get, so as root), builds with
# `cargo build --release --offline` and runs the binary with the arguments given.
#
# Environment: CARGO (the cargo to use; default: cargo on the PATH, else ~/.cargo/bin/cargo),
# NO_BUILD=1 to run the binary already built.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
crate=$root/benchmarks/rust
packages=(librust-tokio-dev librust-smol-dev librust-async-std-dev librust-async-executor-dev
  librust-async-channel-dev)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "rust-baselines: missing Debian packages: ${missing[*]}; install them as root:" >&2
    echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "rust-baselines: installing ${missing[*]}" >&2
  apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

if [ "${NO_BUILD:-0}" != 1 ]; then
  cargo=${CARGO:-$(command -v cargo || true)}
  if [ -z "$cargo" ] && [ -x "$HOME/.cargo/bin/cargo" ]; then
    cargo=$HOME/.cargo/bin/cargo
  fi
  if [ -z "$cargo" ]; then
    echo "rust-baselines: no cargo found (PATH, ~/.cargo/bin); set CARGO" >&2
    exit 1
  fi
  (cd "$crate" && PATH=$(dirname "$cargo"):$PATH "$cargo" build --release --offline --quiet)
fi
exec "$crate/target/release/gearbox-rust-baselines" "$@"
