#!/bin/sh
# Stand-in for the public image's /opt/kafka/bin/kafka-broker-api-versions.sh as health checks use it
# (--bootstrap-server HOST:PORT): exit 0 when the broker answers a real Kafka request. Sends ApiVersions v0
# (api key 18, correlation id 1, no client id) and expects correlation id 1 with error code 0 back; busybox only,
# so a check costs no JVM start.
set -eu
server=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bootstrap-server) server="$2"; shift 2 ;;
        --bootstrap-server=*) server="${1#*=}"; shift ;;
        *) shift ;;
    esac
done
[ -n "$server" ] || { echo "usage: $0 --bootstrap-server HOST:PORT" >&2; exit 2; }
reply="$(printf '\000\000\000\012\000\022\000\000\000\000\000\001\377\377' \
    | nc -w 2 "${server%:*}" "${server##*:}" | head -c 10 | od -An -tx1 | tr -d ' \n')"
if [ "${reply#????????}" = "000000010000" ]; then
    echo "$server: ApiVersions answered"
else
    echo "$server: no valid ApiVersions answer (got '${reply}')" >&2
    exit 1
fi
