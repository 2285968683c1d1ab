#!/bin/bash
# fresh-debian.sh — the README's commands on a truly fresh Debian 12.
#
#   tests/fresh-debian.sh [BUILD_DIR]        (make fresh-debian; as root)
#
# Builds a minimal Debian 12 (`debootstrap --variant=minbase bookworm`,
# from the mirror this machine's apt uses), puts a clean clone of this
# repository in it (committed content only) and runs inside it, with
# chroot, exactly what a new user runs: the README's line that installs
# make, `make demo`, `make check` — then `make install DESTDIR=...` and the
# Debian package (`make deb`, installed, run, removed).  Fails on any failed
# test and on any skipped test but those that skip by design because
# ../shared/data is absent (NX_FRESH_SHARED=1 binds ../shared, or
# $NX_SHARED_DIR, read-only beside the clone, as CI has it, so they run too).
#
# The base system is cached as a debootstrap tarball in
# BUILD_DIR/fresh-debian/ (NX_FRESH_CACHE overrides), so a second run in
# the same tree does not download it again.  Everything mounted is
# unmounted on exit, whatever happens.
#   NX_FRESH_DEB=0     skip the package build and install
#   NX_FRESH_KEEP=1    keep the tree after the run (for a look inside; it
#                      is in /var/tmp/newsdex-fresh-*, unmounted)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
mkdir -p "$build"
build=$(cd "$build" && pwd)
cache=${NX_FRESH_CACHE:-$build/fresh-debian}
work=$build/fresh-debian/run   # the logs
# The tree lives outside the build directory: with /dev bound in it, an
# `rm -rf build` during a run must not reach it.  One path per build
# directory, so a run cleans up after one that was killed.
R=${TMPDIR:-/var/tmp}/newsdex-fresh-$(printf '%s' "$build" | cksum | cut -d' ' -f1)/root
T0=$SECONDS
say() { printf '== fresh-debian [%4d s] %s\n' $((SECONDS - T0)) "$*"; }
die() { echo "fresh-debian: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount, chroot)"
for tool in debootstrap chroot mount git; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install debootstrap)"
done

# The mirror apt uses here: the first URI serving bookworm (and the one for
# bookworm-security), from one-line or deb822 sources.
mirrors() { # SUITE
    {
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk -v s="$1" '$1 == "deb" { u = ""; for (i = 2; i <= NF; i++) {
                if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; continue }
                if (u == "") { u = $i; continue }
                if ($i == s) print u; break } }'
        for f in /etc/apt/sources.list.d/*.sources; do
            [ -f "$f" ] || continue
            awk -v s="$1" 'BEGIN { RS = ""; FS = "\n" } {
                u = ""; ok = 0; deb = 0
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^Types:.*(^| )deb( |$)/) deb = 1
                    if ($i ~ /^URIs:/) { split($i, a, " "); u = a[2] }
                    if ($i ~ /^Suites:/) { n = split($i, b, " ");
                        for (j = 2; j <= n; j++) if (b[j] == s) ok = 1 }
                }
                if (deb && ok && u != "") print u }' "$f"
        done
    } | head -1
}
mirror=$(mirrors bookworm)
security=$(mirrors bookworm-security)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
say "mirror $mirror${security:+, security $security}"

# Unmount whatever is mounted under the tree (deepest first); on exit, on
# error, and before a run that follows one that was killed.
unmount_all() {
    local m
    for m in $(awk -v r="$R/" 'index($2 "/", r) == 1 { print $2 }' /proc/mounts | sort -r); do
        umount "$m" 2>/dev/null || umount -l "$m"
    done
}
cleanup() {
    local rc=$?
    unmount_all
    if [ "${NX_FRESH_KEEP:-0}" != 1 ] && [ -d "$R" ]; then
        # Nothing is mounted any more; --one-file-system all the same.
        rm -rf --one-file-system "$(dirname "$R")"
    fi
    say "done (exit $rc)"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
unmount_all
rm -rf --one-file-system "$R"
mkdir -p "$cache" "$work" "$(dirname "$R")"

tarball=$cache/bookworm-minbase.tgz
if [ ! -s "$tarball" ]; then
    say "downloading the base system into $tarball"
    debootstrap --variant=minbase --make-tarball="$tarball.part" bookworm \
        "$work/mk" "$mirror" >"$work/debootstrap-tarball.log" 2>&1 ||
        { tail -20 "$work/debootstrap-tarball.log" >&2; die "debootstrap --make-tarball failed"; }
    mv "$tarball.part" "$tarball"
    rm -rf "$work/mk"
fi
say "unpacking the base system"
debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$R" "$mirror" \
    >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }

say "base system ready"
# apt as a fresh install has it: the release, its updates, security.
{
    echo "deb $mirror bookworm main"
    echo "deb $mirror bookworm-updates main"
    [ -z "$security" ] || echo "deb $security bookworm-security main"
} >"$R/etc/apt/sources.list"
# The host's DNS and CA bundle (a proxy's CA, if any, is in it).  The bundle
# goes beside the system's, which ca-certificates would rewrite.
cp -L /etc/resolv.conf "$R/etc/resolv.conf"
ca=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
if [ -f "$ca" ]; then
    mkdir -p "$R/etc/ssl"
    cp -L "$ca" "$R/etc/ssl/host-ca.crt"
else
    ca=""
fi

# The tree a mount point of its own: inside the chroot / is then one, so
# a test's `unshare -m` can make it private (e2e/full_disk mounts a tmpfs).
mount --bind "$R" "$R"
mount -t proc proc "$R/proc"
mount --bind /dev "$R/dev"
mount --bind /dev/pts "$R/dev/pts"
mount -t tmpfs tmpfs "$R/dev/shm"
# A clean clone: what is committed, nothing of this work tree.
git clone -q --no-local "$here" "$R/root/newsdex"
# e2e/permissions runs the built commands as nobody: they and their data
# must be reachable (Debian makes /root 0700).
chmod 755 "$R/root"
say "cloned $(git -C "$R/root/newsdex" log -1 --format='%h %s' | cut -c1-60)"
if [ "${NX_FRESH_SHARED:-0}" = 1 ]; then
    shared=${NX_SHARED_DIR:-$here/../shared}
    [ -d "$shared/data" ] || die "NX_FRESH_SHARED=1 but $shared/data does not exist (set NX_SHARED_DIR)"
    mkdir -p "$R/root/shared"
    mount --bind "$shared" "$R/root/shared"
    mount -o remount,bind,ro "$R/root/shared"
    say "$shared bound read-only beside the clone"
fi

# Inside: root, a clean environment, CI=true (a missing browser fails
# instead of skipping).
inside() {
    chroot "$R" /usr/bin/env -i HOME=/root TERM=dumb CI=true \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        ${ca:+NODE_EXTRA_CA_CERTS=/etc/ssl/host-ca.crt} \
        ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} \
        /bin/bash -c "cd /root/newsdex && $1"
}
step() { # NAME COMMAND: runs it inside, its output in $work/NAME.log
    local t=$SECONDS
    say "$1: $2"
    if ! inside "$2" >"$work/$1.log" 2>&1; then
        tail -40 "$work/$1.log" >&2
        die "$1 failed after $((SECONDS - t)) s (log: $work/$1.log)"
    fi
    say "$1: ok in $((SECONDS - t)) s"
}

# The README's commands, as written there.
readme_make='$(command -v sudo) apt-get update && $(command -v sudo) apt-get install -y make'
grep -qF "$readme_make" "$here/README.md" ||
    echo "fresh-debian: warning: README.md does not show the line: $readme_make" >&2
step install-make "$readme_make"
step demo "make demo"
step check "make check"

# Skipped tests: only those waiting for ../shared/data, and only when it
# is not there.
skipped=$(grep -oE 'Test +#[0-9]+: [^ ]+ [.*]+Skipped' "$work/check.log" |
          awk '{ print $3 }' || true)
bad=""
for t in $skipped; do
    why=$(inside "cd build && ctest -R '^$t\$' -V 2>&1" | grep -iE 'skip' | grep -v 'Skipped *[0-9.]* sec' | head -1 || true)
    if [ "${NX_FRESH_SHARED:-0}" != 1 ] && grep -qi 'shared' <<<"$why"; then
        say "skipped by design: $t ($why)"
    else
        bad="$bad $t"
        echo "fresh-debian: $t skipped: ${why:-no reason printed}" >&2
    fi
done
[ -z "$bad" ] || die "tests skipped in a fresh Debian:$bad"
grep -E 'tests passed|tests failed' "$work/check.log" | tail -1

step install 'make install DESTDIR=/tmp/stage && /tmp/stage/usr/local/bin/newsdex --help >/dev/null && test -s /tmp/stage/usr/local/share/newsdex/ner.model && man -l /tmp/stage/usr/local/share/man/man1/newsdex.1 >/dev/null && make uninstall DESTDIR=/tmp/stage && test -z "$(find /tmp/stage ! -type d)"'
if [ "${NX_FRESH_DEB:-1}" != 0 ]; then
    step deb 'make deb'
    step deb-use 'd=$(mktemp -d) && apt-get install -y -qq ./build/deb/newsdex_*_amd64.deb >/dev/null && newsdex --help >/dev/null && id newsdex && test -d /var/lib/newsdex && newsdex index -q --db "$d/db" corpus && newsdex search --db "$d/db" --limit 1 "NATO AND Ukraine" && man -w newsdex && apt-get purge -y -qq newsdex >/dev/null && ! test -e /usr/bin/newsdex && ! test -e /var/lib/newsdex && rm -rf "$d"'
fi
say "all steps passed"
