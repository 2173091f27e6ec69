#!/usr/bin/env bash
# Builds the nymdir container image from scratch, without a daemon and without pulling any base image:
# a jlink'ed Java runtime (only the modules nymdir uses), the C libraries it loads (copied from this host),
# and server/target/nymdir.jar, committed as an OCI image with buildah (Debian package `buildah`).
#
#   deploy/build-image.sh [TAG]            # default tag nymdir:latest; needs ./mvnw package first
#   deploy/build-image.sh --rootfs DIR     # only assemble the root file system (no buildah needed)
#
# Run it (podman or docker, with the state on a volume, beside a nym-client reachable from the container):
#   podman run -d --name nymdir -v nymdir-data:/data -e WEBSOCKET_URL=ws://nym-client:1977 nymdir
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/jdk.sh"
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.httpserver,jdk.management,jdk.unsupported

rootfs_only=""
tag="nymdir:latest"
if [ "${1:-}" = "--rootfs" ]; then rootfs_only="${2:?--rootfs DIR}"; else tag="${1:-$tag}"; fi

jar="$here/server/target/nymdir.jar"
[ -f "$jar" ] || { echo "build-image: $jar missing; run ./mvnw -pl server -DskipTests package first" >&2; exit 1; }

root="${rootfs_only:-$(mktemp -d)}"
mkdir -p "$root"
[ -z "$(ls -A "$root")" ] || { echo "build-image: $root is not empty" >&2; exit 1; }

"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$root/opt/java"
mkdir -p "$root/opt/nymdir" "$root/tmp" "$root/etc"
cp "$jar" "$root/opt/nymdir/nymdir.jar"
# The C libraries the runtime loads, and those of the native libraries nymdir extracts at run time
# (SQLite, AWS-LC: libstdc++, libgcc_s), with the dynamic loader.
natives="$(ls "$root"/opt/java/lib/*.so | grep -vE '/lib(awt|awt_xawt|awt_headless|splashscreen|jsound|lcms|fontmanager|javajpeg|mlib_image|jawt)\.so$')"
# shellcheck disable=SC2086 # one argument per library
libs="$( (ldd "$root/opt/java/bin/java" $natives "$root/opt/java/lib/server/libjvm.so" || true) \
  | awk '/=> \// {print $3} /^[[:space:]]*\/lib.*ld-linux/ {print $1}')"
for lib in $libs $(ldconfig -p | awk '/libstdc\+\+\.so\.6 |libgcc_s\.so\.1 / && /x86-64/ {print $NF}'); do
  cp --parents -L "$lib" "$root"
done
# Name lookups for "localhost" and the nym-client's host name; a user without a home.
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf 'nymdir:x:65532:65532:nymdir:/data:/sbin/nologin\n' > "$root/etc/passwd"
printf 'nymdir:x:65532:\n' > "$root/etc/group"
chmod 1777 "$root/tmp"

if [ -n "$rootfs_only" ]; then
  mkdir -p "$root/data" && chown 65532:65532 "$root/data"
  echo "root file system in $root (try: chroot $root /opt/java/bin/java -jar /opt/nymdir/nymdir.jar --version)"
  exit 0
fi
command -v buildah >/dev/null || { echo "build-image: buildah not found (apt-get install buildah)" >&2; exit 1; }
ctr="$(buildah from scratch)"
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true; rm -rf "$root"' EXIT
buildah copy "$ctr" "$root" / >/dev/null
# buildah copy makes what it copies root's; the state folder must be the service user's. (A folder's
# contents are copied, so the folder /data is made by copying a folder that holds it.)
state="$(mktemp -d)"
mkdir "$state/data"
buildah copy --chown 65532:65532 "$ctr" "$state" / >/dev/null
rmdir "$state/data" "$state"
buildah config \
  --user 65532:65532 --workingdir /data --volume /data --stop-signal SIGTERM \
  --env PATH=/opt/java/bin \
  --env JAVA_TOOL_OPTIONS="-Xmx256m -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
  --env DATABASE_PATH=/data/storage/nym_server.db --env KEYS_DIR=/data/storage/keys \
  --env SECRET_PATH=/data/secrets/encryption_password --env LOG_FILE_PATH=/data/storage/app.log \
  --entrypoint '["/opt/java/bin/java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/nymdir/nymdir.jar"]' \
  --cmd serve --label org.opencontainers.image.title=nymdir "$ctr"
buildah commit --rm "$ctr" "$tag"
echo "built $tag"
