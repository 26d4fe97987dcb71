#!/bin/sh
# Installs the Graphium host agent on this host (or into a scratch root): the jar, its launcher and JVM options, the systemd unit
# and the config file, in the same layout as the graphium-agent Debian package. Safe to run again (an upgrade):
# replaces the jar, options and unit, and never touches an existing /etc/graphium/agent.properties.
#
# Usage: install.sh [--root DIR] [--jar FILE] [--config FILE] [--files-only]
#   --root DIR     install below DIR instead of / (no account, no systemd: for images and packaging)
#   --jar FILE     the agent's executable jar [graphium-agent.jar beside this script, or host-agent/target/host-agent-*.jar]
#   --config FILE  installed as /etc/graphium/agent.properties when there is none yet [agent.properties beside this script]
#   --files-only   only the files (what build-deb.sh packs); otherwise the account and systemd are set up as well
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
root=/
jar=""
config="$here/agent.properties"
files_only=false
while [ $# -gt 0 ]; do
    case "$1" in
        --root) root="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --config) config="$2"; shift 2 ;;
        --files-only) files_only=true; shift ;;
        -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ -z "$jar" ]; then
    for candidate in "$here/graphium-agent.jar" "$here"/../target/host-agent-*[0-9].jar; do
        [ -f "$candidate" ] && { jar="$candidate"; break; }
    done
fi
[ -f "$jar" ] || { echo "install.sh: no agent jar: give --jar FILE (build it with ./mvnw -pl host-agent -am package)" >&2; exit 2; }
[ -f "$config" ] || { echo "install.sh: config template '$config' not found" >&2; exit 2; }
if [ "$root" = / ] && [ "$(id -u)" != 0 ]; then
    echo "install.sh: installing into / needs root (or use --root DIR)" >&2
    exit 1
fi
root="${root%/}"

install -d -m 0755 "$root/usr/lib/graphium-agent" "$root/usr/lib/systemd/system" "$root/etc/graphium"
install -m 0644 "$jar" "$root/usr/lib/graphium-agent/graphium-agent.jar"
install -m 0644 "$here/jvm.options" "$root/usr/lib/graphium-agent/jvm.options"
install -m 0755 "$here/graphium-agent" "$root/usr/lib/graphium-agent/graphium-agent"
install -m 0644 "$here/graphium-agent.service" "$root/usr/lib/systemd/system/graphium-agent.service"
doc="$here/../../docs/operations.md"
[ ! -f "$doc" ] || install -D -m 0644 "$doc" "$root/usr/share/doc/graphium-agent/operations.md"
if [ -e "$root/etc/graphium/agent.properties" ]; then
    echo "install.sh: kept the existing $root/etc/graphium/agent.properties"
else
    install -m 0640 "$config" "$root/etc/graphium/agent.properties"
fi

if [ "$files_only" = false ]; then
    # The same steps as the Debian package's postinst: one place creates the account and reloads systemd.
    if [ -z "$root" ]; then
        "$here/debian/postinst" configure
    else
        DPKG_ROOT="$root" "$here/debian/postinst" configure
    fi
fi
