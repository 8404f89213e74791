#!/usr/bin/env bash
# The corpus of real pages: Debian's documentation packages, HTML written by many generators,
# downloaded with apt-get download and unpacked with dpkg-deb -x (nothing is installed).
#   scripts/corpus.sh [DIR=target/corpus]
# Leaves DIR/<package>/... as the package would install it, and DIR/MANIFEST: one line per
# package, "package version generator html-files". Run again, it reuses what DIR holds.
set -euo pipefail
dir=${1:-target/corpus}
mkdir -p "$dir/debs"
dir=$(cd "$dir" && pwd)

# package and the generator that wrote its HTML (checked by hand: meta generator, page footers)
packages=(
  "python-django-doc Sphinx"
  "sphinx-doc Sphinx"
  "rust-doc rustdoc"
  "libstdc++-12-doc Doxygen"
  "git-doc AsciiDoc"
  "debian-handbook DocBook"
  "debian-reference-en DocBook"
  "apache2-doc apache-manual-XSLT"
  "nodejs-doc node-doc-generator"
  "golang-1.19-doc Go"
)

missing=()
for entry in "${packages[@]}"; do
  p=${entry%% *}
  ls "$dir/debs/${p}"_*.deb >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # apt-get download needs the package lists; on a fresh machine they are empty.
  if ! apt-cache show "${missing[0]}" >/dev/null 2>&1; then
    apt-get update -qq
  fi
  (cd "$dir/debs" && apt-get download -qq "${missing[@]}")
fi

: > "$dir/MANIFEST"
for entry in "${packages[@]}"; do
  p=${entry%% *}
  generator=${entry#* }
  deb=$(ls "$dir/debs/${p}"_*.deb | head -1)
  if [ ! -d "$dir/$p" ]; then
    mkdir -p "$dir/$p.tmp" && dpkg-deb -x "$deb" "$dir/$p.tmp" && mv "$dir/$p.tmp" "$dir/$p"
  fi
  version=$(dpkg-deb -f "$deb" Version)
  count=$(find "$dir/$p" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.html.en' \) | wc -l)
  echo "$p $version $generator $count" >> "$dir/MANIFEST"
done
cat "$dir/MANIFEST"
