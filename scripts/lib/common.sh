# Shared by scripts/run and scripts/test: install what is missing, then configure and build.
# shellcheck shell=bash

SEAWATCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Debian 12 / Ubuntu 22.04+ package names. Everything seawatch needs comes from here.
SEAWATCH_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libimgui-dev libstb-dev libglfw3-dev libgdal-dev libpng-dev libgeos-dev gdal-bin libsqlite3-dev sqlite3
  libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri mesa-utils-bin
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  fonts-dejavu-core xvfb xauth gpsd-tools gpsd-clients
  postgresql-15 postgresql-15-postgis-3 libpq-dev
)

log() { printf '\033[1m[seawatch]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[seawatch] error:\033[0m %s\n' "$*" >&2; exit 1; }

ensure_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    log "This is not a Debian or Ubuntu system (no dpkg/apt-get)."
    log "Install the equivalents of these packages by hand, then run this script again:"
    log "  ${SEAWATCH_PACKAGES[*]}"
    command -v cmake >/dev/null 2>&1 || die "cmake is not installed"
    return 0
  fi
  local missing=()
  local pkg
  for pkg in "${SEAWATCH_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  log "Installing missing packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install ${missing[*]} as root"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
    die "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" || die "apt-get install failed for: ${missing[*]}"
}

# configure_and_build <build-dir> [extra cmake args...]
configure_and_build() {
  local build_dir="$1"
  shift
  local generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  # A compiler cache, when the machine has one, makes rebuilds after a branch switch or in a
  # second checkout mostly cache hits (build paths are kept off the command line for this).
  local launcher=()
  command -v ccache >/dev/null 2>&1 &&
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$SEAWATCH_ROOT" -B "$build_dir" "${generator[@]}" "${launcher[@]}" \
      -DCMAKE_BUILD_TYPE=Release "$@" ||
      die "cmake configure failed"
  else
    cmake -S "$SEAWATCH_ROOT" -B "$build_dir" "$@" >/dev/null || die "cmake configure failed"
  fi
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  cmake --build "$build_dir" --parallel "$jobs" || die "build failed"
}
