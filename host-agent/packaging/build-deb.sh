#!/bin/sh
# Builds graphium-agent_<version>_all.deb from the agent's jar and the files beside this script, with dpkg-deb.
# The Maven build runs it in the package phase (host-agent/pom.xml, where dpkg-deb exists); the tests run it too.
# Usage: build-deb.sh --jar JAR --version VERSION --out DIR [--doc FILE]
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
jar="" version="" out="" doc="$here/../../docs/operations.md"
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift 2 ;;
        --version) version="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --doc) doc="$2"; shift 2 ;;
        -h | --help) sed -n '2,4p' "$0"; exit 0 ;;
        *) echo "build-deb: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ -f "$jar" ] || { echo "build-deb: --jar must name the agent's jar (got '$jar')" >&2; exit 2; }
if [ -z "$version" ] || [ -z "$out" ]; then echo "build-deb: --version and --out are required" >&2; exit 2; fi
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb not found (apt-get install dpkg)" >&2; exit 1; }

# Debian orders 0.1.0~SNAPSHOT before 0.1.0; a '-' would start a Debian revision.
deb_version="$(printf '%s' "$version" | tr '-' '~')"
stage="$(mktemp -d)"
chmod 0755 "$stage"
trap 'rm -rf "$stage"' EXIT

# The files: the same layout install.sh puts on a host.
"$here/install.sh" --root "$stage" --jar "$jar" --config "$here/agent.properties" --files-only >/dev/null
if [ -f "$doc" ]; then
    install -D -m 0644 "$doc" "$stage/usr/share/doc/graphium-agent/operations.md"
fi

# The package's control data: maintainer scripts, conffiles, control with version and size.
install -d -m 0755 "$stage/DEBIAN"
install -m 0755 "$here/debian/postinst" "$here/debian/prerm" "$here/debian/postrm" "$stage/DEBIAN/"
install -m 0644 "$here/debian/conffiles" "$stage/DEBIAN/conffiles"
size="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@INSTALLED_SIZE@/$size/" "$here/debian/control" >"$stage/DEBIAN/control"

mkdir -p "$out"
deb="$out/graphium-agent_${deb_version}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$deb" >/dev/null
echo "$deb"
