# Shared by the project's scripts.

# ensure_packages PKG:FILE... — installs each Debian package whose FILE (or command, when FILE has no
# slash) is missing, with sudo when not root.
ensure_packages() {
    local need=() spec pkg probe
    for spec in "$@"; do
        pkg=${spec%%:*}; probe=${spec#*:}
        if [[ $probe == */* ]]; then [ -e "$probe" ] && continue; else command -v "$probe" >/dev/null 2>&1 && continue; fi
        need+=("$pkg")
    done
    [ ${#need[@]} -eq 0 ] && return 0
    echo "installing ${need[*]} (Debian packages)" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install ${need[*]}" >&2; return 1; }
        sudo=sudo
    fi
    # Another apt (unattended upgrades on a fresh machine) may hold the lock: wait for it, saying so, instead
    # of failing with apt's message.
    local waited=0
    while fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1; do
        [ $waited -eq 0 ] && echo "waiting for another apt to finish (it holds the package lock)" >&2
        waited=$((waited + 1))
        [ $waited -gt 600 ] && { echo "apt's lock is still held after 10 minutes; try again later" >&2; return 1; }
        sleep 1
    done
    $sudo apt-get update -qq
    # APT_OPTS: extra apt-get install options, e.g. --no-install-recommends for Ceph's many recommends.
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq ${APT_OPTS:-} "${need[@]}" >/dev/null
}

# release_build [swift build options...] — builds drtop as it is released and benchmarked (bench/run.sh), in
# .build-release, and sets RELEASE_BIN to the folder of its binaries (RELEASE_PACKED: yes or no, below):
# - the Swift runtime, the standard library and Foundation linked in statically (--static-swift-stdlib): no
#   libswiftCore or libFoundation to find, map and relocate at every start, and only the parts drtop calls;
# - linked by lld with packed relative relocations (DT_RELR, read by glibc 2.36 and later): the table of addresses
#   the loader fixes at start shrinks from megabytes to kilobytes. Skipped, saying so, where glibc or lld lacks it.
# BENCHMARKS.md ("Linking") shows what each step saves.
release_build() {
    local flags=(-c release --static-swift-stdlib --scratch-path .build-release)
    local glibc="" lld="" swiftc
    glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}') || true
    # lld ships beside the toolchain's own swiftc (command -v may name a symlink elsewhere).
    swiftc=$(command -v swiftc || true)
    [ -n "$swiftc" ] && lld="$(dirname "$(readlink -f "$swiftc")")/ld.lld"
    RELEASE_PACKED=no
    if [ -n "$lld" ] && [ -x "$lld" ] && [ -n "$glibc" ] && printf '2.36\n%s\n' "$glibc" | sort -V -C; then
        flags+=(-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
        RELEASE_PACKED=yes
    else
        echo "release_build: no packed relocations here (glibc ${glibc:-not found}, lld ${lld:-not found}): linking without them" >&2
    fi
    swift build "${flags[@]}" "$@"
    RELEASE_BIN="$(swift build "${flags[@]}" "$@" --show-bin-path)"
}
