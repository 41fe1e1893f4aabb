#!/bin/sh
# Installs @bekkenbodem/content as a frontend team would: `npm pack` in the
# repository (prepack builds dist/), then `npm install` of the tarball.
set -eu
cd "$(dirname "$0")/.."
mkdir -p vendor
rm -f vendor/*.tgz
tarball=$(cd ../.. && npm pack --silent --pack-destination "$OLDPWD/vendor" | tail -n 1)
npm install --no-audit --no-fund --engine-strict "./vendor/$tarball"
