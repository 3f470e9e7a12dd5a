#!/usr/bin/env bash
# Fetches one pinned npm package, checks it against its registry sha512 integrity, and unpacks
# the parts Trinity uses (C# API sources, linux-x64 native libraries, licences) into a cache
# folder outside the repository. A second call finds the cache and does nothing, offline.
#
# usage: fetch-npm-package.sh NAME VERSION INTEGRITY CACHE_ROOT
set -euo pipefail

name="$1"; version="$2"; integrity="$3"; cache_root="$4"
dest="$cache_root/$name-$version"

if [[ -f "$dest/.complete" ]]; then
  exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.$name.lock"
flock 9
# Another build may have finished the fetch while this one waited for the lock.
if [[ -f "$dest/.complete" ]]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed once to fetch $name@$version into $cache_root (install Node.js/npm, or set TRINITY_BUILD_CACHE to a folder that already holds it)" >&2
  exit 1
fi

work="$(mktemp -d "$cache_root/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "trinity: fetching $name@$version (once; cached in $cache_root)"
(cd "$work" && npm pack "$name@$version" --silent --loglevel=error >/dev/null)
tarball="$(ls "$work"/*.tgz)"

actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$integrity" ]]; then
  echo "error: $name@$version integrity mismatch: expected $integrity, got $actual" >&2
  exit 1
fi

mkdir -p "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked" --wildcards \
  'package/Runtime/*.cs' 'package/Plugins/Linux/x64/*.so' \
  'package/LICENSE' 'package/ThirdPartyNotices.txt' 'package/package.json' 2>/dev/null \
  || tar -xzf "$tarball" -C "$work/unpacked" --wildcards 'package/Plugins/Linux/x64/*.so' 'package/LICENSE' 'package/package.json'

rm -rf "$dest"
mv "$work/unpacked/package" "$dest"
echo "$integrity" > "$dest/.complete"
