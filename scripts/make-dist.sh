#!/usr/bin/env bash
# Builds dist/textmill-linux-x86_64.tar.gz: a release textmill with the Swift runtime linked in
# (--static-swift-stdlib), the models/ folder, the system libraries it loads that a bare Linux
# machine may lack (ICU 72, libxml2, zlib, liblzma, libstdc++/libgcc) and a wrapper script that
# points the loader at them. For a scaling run on a many-core machine with no Swift toolchain:
#   tar xzf textmill-linux-x86_64.tar.gz && textmill/textmill run INPUT -o /dev/null --workers N
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-dist}
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product textmill
rm -rf dist/textmill && mkdir -p dist/textmill/lib
cp "$SCRATCH/release/textmill" dist/textmill/textmill.bin
cp -r models dist/textmill/models
# Every shared library the binary needs except the C library's own, copied beside it.
ldd "$SCRATCH/release/textmill" | awk '/=> \// {print $3}' | while read -r lib; do
  case "$(basename "$lib")" in
    libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|ld-linux*) ;;
    *) cp -L "$lib" dist/textmill/lib/ ;;
  esac
done
cat > dist/textmill/textmill <<'WRAP'
#!/bin/sh
# Runs the bundled textmill with the bundled libraries and models (workers re-execute textmill.bin).
here=$(cd "$(dirname "$0")" && pwd)
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" TEXTMILL_MODELS="${TEXTMILL_MODELS:-$here/models}" \
  exec "$here/textmill.bin" "$@"
WRAP
chmod +x dist/textmill/textmill
tar -C dist -czf dist/textmill-linux-x86_64.tar.gz textmill
echo "dist/textmill-linux-x86_64.tar.gz: $(du -h dist/textmill-linux-x86_64.tar.gz | cut -f1); libraries: $(ls dist/textmill/lib | tr '\n' ' ')"
