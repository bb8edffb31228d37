# Lint of the C++ a branch changed: clang-format on the changed lines, clang-tidy (.clang-tidy)
# on the changed sources. Sourced by scripts/test. Untouched legacy code is never checked, so
# the checks cannot block a change for code it did not touch.
# shellcheck shell=bash

# The commit the branch's changes are counted from: $SEAWATCH_LINT_BASE when set; else the
# merge base with origin/main; else with the local main branch; on main itself (no remote),
# the last commit (HEAD~1), the range its CI run is about.
lint_base() {
  if [ -n "${SEAWATCH_LINT_BASE:-}" ]; then
    git -C "$SEAWATCH_ROOT" rev-parse --verify -q "$SEAWATCH_LINT_BASE^{commit}"
    return
  fi
  local base=""
  local ref
  for ref in origin/main main; do
    if git -C "$SEAWATCH_ROOT" rev-parse --verify -q "$ref^{commit}" >/dev/null; then
      base="$(git -C "$SEAWATCH_ROOT" merge-base HEAD "$ref" 2>/dev/null || true)"
      [ -n "$base" ] && break
    fi
  done
  if [ -z "$base" ] || [ "$base" = "$(git -C "$SEAWATCH_ROOT" rev-parse HEAD)" ]; then
    base="$(git -C "$SEAWATCH_ROOT" rev-parse --verify -q HEAD~1 || true)"
  fi
  printf '%s\n' "$base"
}

# C++ files changed since <base>, committed or not, that still exist (paths from the root).
lint_changed_files() {
  local base="$1"
  {
    git -C "$SEAWATCH_ROOT" diff --name-only --diff-filter=ACMR "$base" -- \
      '*.cpp' '*.hpp' '*.h' '*.cc'
    git -C "$SEAWATCH_ROOT" ls-files --others --exclude-standard -- '*.cpp' '*.hpp' '*.h' '*.cc'
  } | sort -u | while read -r f; do [ -f "$SEAWATCH_ROOT/$f" ] && printf '%s\n' "$f"; done
}

# lint_changed <build-dir>: 0 when clean or when the tools are absent (said so), 1 otherwise.
lint_changed() {
  local build_dir="$1"
  if ! git -C "$SEAWATCH_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    log "lint: not a git checkout, skipped"
    return 0
  fi
  local base
  base="$(lint_base)"
  if [ -z "$base" ]; then
    log "lint: no base commit to compare with, skipped"
    return 0
  fi
  local files=()
  mapfile -t files < <(lint_changed_files "$base")
  if [ ${#files[@]} -eq 0 ]; then
    log "lint: no C++ changed since ${base:0:12}"
    return 0
  fi
  log "lint: ${#files[@]} C++ file(s) changed since ${base:0:12}"
  local failed=0

  # clang-format: only the changed lines, so a one-line fix in an old file is not asked to
  # reformat the whole file.
  if command -v git-clang-format >/dev/null 2>&1 && command -v clang-format >/dev/null 2>&1; then
    local diff
    diff="$(cd "$SEAWATCH_ROOT" && git-clang-format --quiet --diff "$base" -- "${files[@]}" 2>&1 || true)"
    if [ -n "$diff" ] && [ "$diff" != "no modified files to format" ] &&
      ! printf '%s' "$diff" | grep -q "^clang-format did not modify any files"; then
      printf '%s\n' "$diff" >&2
      log "lint: clang-format would change the lines above (fix: git clang-format $base)"
      failed=1
    fi
  else
    log "lint: clang-format not installed, format check skipped"
  fi

  # clang-tidy: changed sources that the build compiles; headers are checked through them
  # (HeaderFilterRegex in .clang-tidy).
  if command -v clang-tidy >/dev/null 2>&1 && [ -f "$build_dir/compile_commands.json" ]; then
    local sources=()
    local headers=""
    local f
    for f in "${files[@]}"; do
      case "$f" in
        *.hpp | *.h)
          # Diagnostics only from the headers the branch changed, not from every header a
          # changed source includes.
          headers="${headers:+$headers|}$(printf '%s' "$SEAWATCH_ROOT/$f" | sed 's/[.[\*^$()+?{|]/\\&/g')"
          ;;
        *.cpp | *.cc)
          grep -q "\"file\": \"$SEAWATCH_ROOT/$f\"" "$build_dir/compile_commands.json" &&
            sources+=("$SEAWATCH_ROOT/$f")
          ;;
      esac
    done
    local limit="${SEAWATCH_LINT_MAX_FILES:-60}"
    if [ ${#sources[@]} -gt "$limit" ]; then
      log "lint: ${#sources[@]} sources changed, more than $limit: clang-tidy skipped (set SEAWATCH_LINT_MAX_FILES)"
    elif [ ${#sources[@]} -gt 0 ]; then
      log "lint: clang-tidy on ${#sources[@]} source(s)"
      local jobs
      jobs="$(nproc 2>/dev/null || echo 2)"
      if ! printf '%s\0' "${sources[@]}" |
        xargs -0 -n 1 -P "$jobs" clang-tidy -p "$build_dir" --quiet \
          "--header-filter=${headers:-^\$}" 2> >(grep -v "warnings generated" >&2); then
        log "lint: clang-tidy found problems (above)"
        failed=1
      fi
    fi
  else
    log "lint: clang-tidy or $build_dir/compile_commands.json absent, clang-tidy skipped"
  fi
  return "$failed"
}
