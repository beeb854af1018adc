#!/usr/bin/env bash
# Builds a Java 17 runtime image FROM scratch out of this machine's JDK, because no image registry is reachable:
# a jlink runtime plus exactly the shared libraries that ldd lists for its binaries and libraries.
# Usage: build.sh IMAGE_TAG WORK_DIR    (skips the build when IMAGE_TAG was built from the same JDK)
set -euo pipefail
tag="$1"
work="$2"

jdk_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
jdk_release="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk_home/release")"
if [ "$(docker image inspect -f '{{ index .Config.Labels "jdk.release" }}' "$tag" 2>/dev/null)" = "$jdk_release" ]; then
  echo "$tag is up to date (JDK $jdk_release)"
  exit 0
fi

# java.se covers what the emulator runs on (Jetty, jclouds, H2, Jackson, java.net.http); the jdk.* extras
# cover sun.misc.Unsafe users, EC keys for TLS, zip file systems and charsets looked up by name.
modules="java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.httpserver,jdk.naming.dns,jdk.management"

context="$work/context"
rootfs="$context/rootfs"
rm -rf "$context"
mkdir -p "$rootfs/opt" "$rootfs/tmp" "$rootfs/etc"

"$jdk_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$rootfs/opt/java"

# Shared libraries and the dynamic loader, copied to the same absolute paths with symlinks resolved
# (scratch has no /lib -> /usr/lib link of its own).
find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// { print $3 } /^[ \t]*\/[^ ]+ \(0x/ { print $1 }' \
  | sort -u \
  | while read -r lib; do
      mkdir -p "$rootfs$(dirname "$lib")"
      cp -L "$lib" "$rootfs$lib"
    done

# Host name lookups (glibc >= 2.34 has the files and dns backends built in); a user database for the JVM.
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/sbin/nologin\n' > "$rootfs/etc/passwd"
chmod 1777 "$rootfs/tmp"

cat > "$context/Dockerfile" <<DOCKERFILE
FROM scratch
COPY rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin LANG=C.UTF-8
LABEL jdk.release="$jdk_release"
DOCKERFILE

docker build -q -t "$tag" "$context" >/dev/null 2>"$work/docker-build.log" || { cat "$work/docker-build.log" >&2; exit 1; }
rm -rf "$context"
docker run --rm --network none "$tag" java -version 2>&1 | head -1
