# Shared by the benchmark scripts (sourced, not run).

# Builds vtjdrop-bench of another git revision from `git archive` (no second worktree) into
# .build-bench-base/<rev>/ and prints the binary's path, for before/after figures in one run.
# With OVERLAY (a folder of this tree, e.g. Sources/vtjdrop-bench) set, that folder is copied over
# the revision's, so a subcommand newer than the revision can measure it (into <rev>+overlay/).
bench_build_revision() {
    local rev src
    rev=$(git rev-parse --short "$1")
    src=".build-bench-base/$rev${OVERLAY:++overlay}"
    if [ ! -d "$src/Sources" ]; then
        mkdir -p "$src"
        git archive "$rev" | tar -x -C "$src"
    fi
    if [ -n "${OVERLAY:-}" ]; then
        rm -rf "${src:?}/$OVERLAY"
        cp -r "$OVERLAY" "$src/$OVERLAY"
    fi
    swift build -c release --package-path "$src" --scratch-path "$src/.build" --product vtjdrop-bench >&2
    echo "$src/.build/release/vtjdrop-bench"
}

# Instructions counted by callgrind for a command (only inside functions matching $TOGGLE when
# set). valgrind 3.19 cannot read the debug information Swift 6.3 writes, so the binary is
# counted as a copy without it (symbols stay).
bench_callgrind() {
    command -v valgrind >/dev/null || { echo "valgrind missing (apt-get install -y valgrind)" >&2; return 2; }
    local binary=$1
    shift
    local stripped
    stripped="${OUT:-bench-out}/$(basename "$binary")-$(echo "$binary" | md5sum | cut -c1-8).nodebug"
    objcopy --strip-debug "$binary" "$stripped"
    binary=$stripped
    local toggle=()
    [ -n "${TOGGLE:-}" ] && toggle=(--collect-atstart=no "--toggle-collect=$TOGGLE")
    valgrind --tool=callgrind "${toggle[@]}" --callgrind-out-file=/dev/null "$binary" "$@" 2>&1 >/dev/null \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
