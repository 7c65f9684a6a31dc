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
    $sudo apt-get update -qq
    # APT_OPTS: extra apt-get install options, e.g. --no-install-recommends for Ceph's many recommends.
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq ${APT_OPTS:-} "${need[@]}" >/dev/null
}
