#!/bin/bash
# Build the Fulcrum IPVS lab VM image (kernel + initramfs) from Debian packages.
#
#   test/lab/build-image.sh            build if inputs changed, print the image paths
#   LAB_FORCE_BUILD=1 ... build-image.sh   rebuild regardless of the cache
#
# Output (LAB_CACHE defaults to test/lab/.cache):
#   $LAB_CACHE/image/vmlinuz         Debian kernel (linux-image-amd64's current dependency)
#   $LAB_CACHE/image/initramfs.img   gzip cpio: busybox, bash, iproute2+tc, ipvsadm, dropbear,
#                                    keepalived (not started by init), udp-echo, kernel modules,
#                                    /init, /lab/*.sh
#   $LAB_CACHE/image/inputs.sha256   hash of all inputs; equal hash = no rebuild
#   $LAB_CACHE/keys/id_ed25519       client key (OpenSSH format, for ssh -i and Node ssh2)
#   $LAB_CACHE/keys/host_ed25519.pub guest host public key (OpenSSH format)
# Needs on the host: apt-get (with lists), dpkg, kmod (depmod/modprobe), cpio, gzip, gcc,
# libc6-dev, binutils (readelf), openssh-client (ssh-keygen).
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${LAB_CACHE:-$LAB_DIR/.cache}
DEBS=$CACHE/debs
IMAGE=$CACHE/image
KEYS=$CACHE/keys
WORK=$CACHE/build

log() { echo "build-image: $*" >&2; }
die() { echo "build-image: ERROR: $*" >&2; exit 1; }

for tool in apt-get apt-cache dpkg depmod modprobe cpio gzip gcc readelf ssh-keygen sha256sum; do
    command -v "$tool" >/dev/null || die "missing host tool: $tool (see test/lab/README.md)"
done

# linux-image-amd64 is a metapackage; follow it to the real (ABI-versioned) kernel package.
KERNEL_PKG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
[[ -n $KERNEL_PKG ]] || die "cannot resolve linux-image-amd64 (run apt-get update)"

PACKAGES=(
    "$KERNEL_PKG"
    libc6 busybox-static bash libtinfo6
    ipvsadm libnl-3-200 libnl-genl-3-200 libpopt0
    dropbear-bin libcrypt1 libtomcrypt1 libtommath1 libgmp10 zlib1g
    iproute2 libbpf1 libbsd0 libcap2 libelf1 libmnl0 libmd0 libzstd1 libxtables12
    # keepalived 2.2.x and its library closure (SNMP, glib, systemd and OpenSSL are linked in
    # even when unused; copy_needed below fails the build if this list misses one).
    keepalived libssl3 libnftnl11 libpcre2-8-0 libsnmp40 libglib2.0-0 libsystemd0 libsensors5
    libpci3 libwrap0 libperl5.36 libgcrypt20 libgpg-error0 liblz4-1 liblzma5 libudev1 libnsl2
    libtirpc3 libffi8 libblkid1 libmount1 libselinux1 libgssapi-krb5-2 libkrb5-3
    libk5crypto3 libkrb5support0 libcom-err2 libkeyutils1
)
MODULES=(
    ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh
    veth bridge dummy ipip tunnel4 ip_tunnel
    virtio_net virtio_pci virtio_rng
    sch_ingress cls_u32 act_skbedit
)
# Binaries copied into the image, from the extracted package tree, with their library closure.
BINARIES=(
    bin/bash bin/busybox bin/ip sbin/tc sbin/ipvsadm sbin/ipvsadm-save sbin/ipvsadm-restore
    usr/sbin/dropbear usr/sbin/keepalived
)

# Candidate versions of all packages, in one apt-cache call (each call costs ~0.5 s).
declare -A VERSION=()
while read -r pkg ver; do
    [[ -z ${VERSION[$pkg]:-} ]] && VERSION[$pkg]=$ver
done < <(apt-cache show --no-all-versions "${PACKAGES[@]}" 2>/dev/null |
    awk '/^Package:/ { p = $2 } /^Version:/ { print p, $2 }')
package_version() { echo "${VERSION[$1]:-}"; }

# --- keys (kept across rebuilds; the public halves are inputs of the image) -------------
mkdir -p "$KEYS" "$DEBS" "$IMAGE"
if [[ ! -f $KEYS/id_ed25519 ]]; then
    log "generating client key"
    ssh-keygen -q -t ed25519 -N '' -C fulcrum-lab -f "$KEYS/id_ed25519"
fi
chmod 600 "$KEYS/id_ed25519"

# --- input hash -------------------------------------------------------------------------
versions=""
for pkg in "${PACKAGES[@]}"; do
    v=$(package_version "$pkg")
    [[ -n $v ]] || die "package $pkg not found in apt lists (run apt-get update)"
    versions+="$pkg=$v"$'\n'
done
input_hash() {
    {
        printf '%s' "$versions"
        printf '%s\n' "${MODULES[@]}" "${BINARIES[@]}"
        cat "$LAB_DIR/build-image.sh" "$LAB_DIR/init.sh" "$LAB_DIR/udp-echo.c" \
            "$LAB_DIR/guest/traffic.sh" "$LAB_DIR/guest/reset.sh" "$KEYS/id_ed25519.pub"
        if [[ -f $KEYS/host_ed25519.pub ]]; then cat "$KEYS/host_ed25519.pub"; fi
    } | sha256sum | cut -d' ' -f1
}
hash=$(input_hash)

if [[ -z ${LAB_FORCE_BUILD:-} && -f $IMAGE/inputs.sha256 && -f $IMAGE/vmlinuz && -f $IMAGE/initramfs.img &&
    $(cat "$IMAGE/inputs.sha256") == "$hash" ]]; then
    log "image up to date ($KERNEL_PKG)"
    echo "$IMAGE/vmlinuz"
    echo "$IMAGE/initramfs.img"
    exit 0
fi

start=$(date +%s)
log "building image with $KERNEL_PKG"

# --- download + extract -----------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/pkgs" "$WORK/root"
PKGROOT=$WORK/pkgs
ROOT=$WORK/root
(
    cd "$DEBS"
    # apt drops privileges to _apt for downloads; let it write here.
    chown _apt "$DEBS" 2>/dev/null || true
    need=()
    for pkg in "${PACKAGES[@]}"; do
        v=$(package_version "$pkg")
        compgen -G "${pkg}_${v//:/%3a}_*.deb" >/dev/null || need+=("$pkg=$v")
    done
    if ((${#need[@]})); then
        log "downloading ${#need[@]} packages"
        apt-get download -q "${need[@]}" >/dev/null || die "apt-get download failed"
    fi
)
for pkg in "${PACKAGES[@]}"; do
    v=$(package_version "$pkg")
    deb=$(compgen -G "$DEBS/${pkg}_${v//:/%3a}_*.deb" | head -n1) || true
    [[ -n $deb ]] || die "no .deb for $pkg=$v"
    dpkg -x "$deb" "$PKGROOT"
done

# --- root filesystem skeleton (merged /usr: every binary lives in /usr/bin) -------------
mkdir -p "$ROOT"/{usr/bin,usr/lib/x86_64-linux-gnu,usr/lib64,etc/dropbear,etc/keepalived,proc,sys,dev,run,tmp,root/.ssh,srv,lab,var}
ln -s usr/bin "$ROOT/bin"
ln -s usr/bin "$ROOT/sbin"
ln -s bin "$ROOT/usr/sbin"
ln -s usr/lib "$ROOT/lib"
ln -s usr/lib64 "$ROOT/lib64"
ln -s ../run "$ROOT/var/run"
chmod 1777 "$ROOT/tmp"
chmod 700 "$ROOT/root" "$ROOT/root/.ssh"

find_in_pkgroot() { # path relative to a package root, merged-/usr aware
    local rel=$1 candidate
    for candidate in "$PKGROOT/$rel" "$PKGROOT/usr/$rel" "$PKGROOT/${rel#usr/}"; do
        [[ -e $candidate ]] && { echo "$candidate"; return 0; }
    done
    return 1
}

# Copy an ELF object's NEEDED closure into /usr/lib/x86_64-linux-gnu; fail on a missing one.
declare -A copied_libs=()
copy_needed() {
    local elf=$1 lib src
    for lib in $(readelf -d "$elf" 2>/dev/null | awk '/\(NEEDED\)/ { gsub(/[][]/, "", $5); print $5 }'); do
        [[ -n ${copied_libs[$lib]:-} ]] && continue
        src=""
        for dir in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
            if [[ -e $PKGROOT/$dir/$lib ]]; then src=$PKGROOT/$dir/$lib; break; fi
        done
        [[ -n $src ]] || die "$(basename "$elf") needs $lib, which no extracted package provides"
        copied_libs[$lib]=1
        cp -L "$src" "$ROOT/usr/lib/x86_64-linux-gnu/$lib"
        copy_needed "$src"
    done
}

for rel in "${BINARIES[@]}"; do
    src=$(find_in_pkgroot "$rel") || die "binary $rel not found in packages"
    cp -L "$src" "$ROOT/usr/bin/"
    if readelf -h "$src" >/dev/null 2>&1; then copy_needed "$src"; fi
done
ld_so=$(find_in_pkgroot lib/x86_64-linux-gnu/ld-linux-x86-64.so.2) || die "no dynamic loader in libc6"
cp -L "$ld_so" "$ROOT/usr/lib64/ld-linux-x86-64.so.2"
cp -L "$ld_so" "$ROOT/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
# Name-service modules glibc loads at run time for getpwnam (dropbear login).
for lib in libnss_files.so.2; do
    src=$(find_in_pkgroot "lib/x86_64-linux-gnu/$lib") || die "missing $lib"
    cp -L "$src" "$ROOT/usr/lib/x86_64-linux-gnu/"
done

# Final check: every NEEDED of every ELF file in the image resolves inside the image.
while IFS= read -r -d '' f; do
    readelf -h "$f" >/dev/null 2>&1 || continue
    for lib in $(readelf -d "$f" 2>/dev/null | awk '/\(NEEDED\)/ { gsub(/[][]/, "", $5); print $5 }'); do
        [[ -e $ROOT/usr/lib/x86_64-linux-gnu/$lib ]] || die "$f: NEEDED $lib missing from image"
    done
done < <(find "$ROOT/usr" -type f -print0)

# busybox applets for everything the packages above do not provide (never `ip`, `tc`, `sh`).
for applet in $("$ROOT/usr/bin/busybox" --list); do
    [[ -e $ROOT/usr/bin/$applet || $applet == sh ]] && continue
    ln -s busybox "$ROOT/usr/bin/$applet"
done
# /bin/sh is bash: busybox ash would run its own `ip` applet in any #!/bin/sh script.
ln -s bash "$ROOT/usr/bin/sh"

# --- udp-echo ---------------------------------------------------------------------------
gcc -static -O2 -Wall -Wextra -Werror -o "$ROOT/usr/bin/udp-echo" "$LAB_DIR/udp-echo.c"

# --- kernel modules -----------------------------------------------------------------------
KVER=$(basename "$(compgen -G "$PKGROOT/lib/modules/*" | head -n1)")
[[ -n $KVER ]] || die "no modules in $KERNEL_PKG"
cp "$PKGROOT/boot/vmlinuz-$KVER" "$WORK/vmlinuz"
depmod -b "$PKGROOT" "$KVER"
for module in "${MODULES[@]}"; do
    deps=$(modprobe -d "$PKGROOT" -S "$KVER" --show-depends "$module") || die "module $module not found"
    while read -r kind path _; do
        [[ $kind == insmod ]] || continue
        rel=${path#"$PKGROOT"/}
        mkdir -p "$ROOT/$(dirname "$rel")"
        cp "$path" "$ROOT/$rel"
    done <<<"$deps"
done
cp "$PKGROOT/lib/modules/$KVER"/modules.{order,builtin,builtin.modinfo} "$ROOT/usr/lib/modules/$KVER/" 2>/dev/null || true
depmod -b "$ROOT" "$KVER"
# busybox modprobe looks in /lib/modules, which is /usr/lib/modules here.

# --- configuration, keys, scripts ---------------------------------------------------------
cat >"$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/bash
EOF
echo 'root:x:0:' >"$ROOT/etc/group"
printf '/bin/bash\n/bin/sh\n' >"$ROOT/etc/shells"
echo 'passwd: files' >"$ROOT/etc/nsswitch.conf"
echo 'group: files' >>"$ROOT/etc/nsswitch.conf"
printf '127.0.0.1 localhost fulcrum-lab\n::1 localhost\n' >"$ROOT/etc/hosts"
cat >"$ROOT/root/.bashrc" <<'EOF'
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
EOF
cp "$KEYS/id_ed25519.pub" "$ROOT/root/.ssh/authorized_keys"
chmod 600 "$ROOT/root/.ssh/authorized_keys"

dropbearkey() {
    "$ROOT/usr/lib64/ld-linux-x86-64.so.2" --library-path "$ROOT/usr/lib/x86_64-linux-gnu" \
        "$PKGROOT/usr/bin/dropbearkey" "$@"
}
if [[ ! -f $KEYS/dropbear_ed25519_host_key ]]; then
    log "generating guest host key"
    dropbearkey -t ed25519 -f "$KEYS/dropbear_ed25519_host_key" >/dev/null 2>&1
    rm -f "$KEYS/host_ed25519.pub"
fi
dropbearkey -y -f "$KEYS/dropbear_ed25519_host_key" 2>/dev/null | awk '/^ssh-ed25519 / { print $1, $2 }' \
    >"$KEYS/host_ed25519.pub.new"
[[ -s $KEYS/host_ed25519.pub.new ]] || die "dropbearkey -y produced no public key"
mv "$KEYS/host_ed25519.pub.new" "$KEYS/host_ed25519.pub"
cp "$KEYS/dropbear_ed25519_host_key" "$ROOT/etc/dropbear/"
chmod 600 "$ROOT/etc/dropbear/dropbear_ed25519_host_key"

install -m 755 "$LAB_DIR/init.sh" "$ROOT/init"
install -m 755 "$LAB_DIR/guest/traffic.sh" "$ROOT/lab/traffic.sh"
install -m 755 "$LAB_DIR/guest/reset.sh" "$ROOT/lab/reset.sh"
printf '%s' "$versions" >"$ROOT/lab/packages.txt"

# --- pack ---------------------------------------------------------------------------------
(cd "$ROOT" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc -R 0:0 --quiet) |
    gzip -6 >"$WORK/initramfs.img"
mv "$WORK/vmlinuz" "$IMAGE/vmlinuz"
mv "$WORK/initramfs.img" "$IMAGE/initramfs.img"
printf '%s' "$versions" >"$IMAGE/packages.txt"
# The host key's public half is an input too: hash again now that it exists.
hash=$(input_hash)
echo "$hash" >"$IMAGE/inputs.sha256"
rm -rf "$WORK"
log "built in $(($(date +%s) - start)) s, initramfs $(du -h "$IMAGE/initramfs.img" | cut -f1)"
echo "$IMAGE/vmlinuz"
echo "$IMAGE/initramfs.img"
