#!/usr/bin/env bash
# A real two-zone Ceph RGW multisite realm on loopback, for drtop's tests (Debian's Ceph 16.2 Pacific packages:
# radosgw, ceph-mon, ceph-osd). Everything lives in DIR: configuration, monitor and OSD data (memstore: in
# memory), run files, admin sockets and logs. Nothing outside DIR is written; ports are free loopback ports.
#
#   cluster.sh start DIR [--lagging ZONE]   one mon + one memstore OSD, realm "drtop", zonegroup "drtop-zg",
#                                           zones zone-a (master) and zone-b with one listed gateway each
#                                           (their zonegroup endpoints, which sync pulls from), plus a second
#                                           zone-a gateway, zone-a-2, that the zonegroup does not list; prints
#                                           DIR/cluster.json (endpoints, gateways, zone ids, system and data user
#                                           keys). --lagging ZONE starts that zone's gateway with its sync thread off.
#   cluster.sh stop DIR                     stops every daemon of DIR (by its pid file)
#   cluster.sh stop-gateway DIR GATEWAY     stops one gateway (zone-a, zone-a-2 or zone-b). Stopping zone-a
#                                           cuts zone-b off from zone-a's data log (a partition) while zone-a
#                                           still answers, and still pulls from zone-b, through zone-a-2.
#   cluster.sh start-gateway DIR GATEWAY [--no-sync]
#                                           starts one gateway again (--no-sync: sync thread off) and waits
#                                           until it answers
#
# Exits non-zero with the reason on stderr (and the tail of the daemon's log) when anything does not come up.
set -euo pipefail

EMPTY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
die() { echo "cluster.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing (apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd)"; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

random_key() {  # $1 characters of [A-Z0-9] (access keys) or [A-Za-z0-9] (secrets)
    python3 -c "import secrets,string,sys; a=string.ascii_uppercase+string.digits+('' if sys.argv[2]=='upper' else string.ascii_lowercase); print(''.join(secrets.choice(a) for _ in range(int(sys.argv[1]))))" "$1" "$2"
}

# Values of DIR/env (written by start).
load() {
    [ -f "$DIR/env" ] || die "$DIR has no cluster (no $DIR/env; run cluster.sh start $DIR)"
    # shellcheck disable=SC1091
    source "$DIR/env"
}

ceph_() { ceph -c "$DIR/ceph.conf" --connect-timeout 20 "$@"; }
admin() { radosgw-admin -c "$DIR/ceph.conf" "$@"; }

tail_log() { [ -f "$1" ] && { echo "--- last lines of $1:" >&2; tail -n 20 "$1" >&2; }; return 0; }

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every 0.25 s until it succeeds.
wait_for() {
    local seconds=$1 what=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || { echo "cluster.sh: $what did not happen within ${seconds}s" >&2; return 1; }
        sleep 0.25
    done
}

# A signed admin request to a zone's gateway with the system user's keys (curl's SigV4, service s3). radosgw
# refuses a SigV4 signature without x-amz-content-sha256 (SignatureDoesNotMatch), which curl 7.88 does not add.
signed_admin() {  # PORT ZONE PATH
    curl -sf --max-time 5 -H "x-amz-content-sha256: $EMPTY_SHA256" --aws-sigv4 "aws:amz:$2:s3" --user "$SYSTEM_ACCESS:$SYSTEM_SECRET" "http://127.0.0.1:$1$3"
}

port_of() { local var="PORT_${1//-/_}"; echo "${!var:?unknown gateway $1 (zone-a, zone-a-2 or zone-b)}"; }

start_gateway() {  # GATEWAY [--no-sync]
    local gateway=$1 sync=true port zone=${1%-2}
    [ "${2:-}" = "--no-sync" ] && sync=false
    port=$(port_of "$gateway")
    local name="client.rgw.$gateway"
    rm -f "$DIR/run/$name.pid"
    radosgw -c "$DIR/ceph.conf" -n "$name" --rgw-zone="$zone" --rgw-frontends="beast endpoint=127.0.0.1:$port" \
        --ms_mon_client_mode=crc --ms_client_mode=crc --rgw_run_sync_thread="$sync" \
        || { tail_log "$DIR/log/$name.log"; die "radosgw for $zone did not start"; }
    # Answers anonymous requests, then signed admin requests (the system user may arrive by metadata sync).
    wait_for 60 "radosgw $zone answering on 127.0.0.1:$port" curl -sf --max-time 2 "http://127.0.0.1:$port/" \
        || { tail_log "$DIR/log/$name.log"; exit 1; }
    wait_for 60 "radosgw $zone accepting the system user's signature" signed_admin "$port" "$zone" "/admin/log/?type=data" \
        || { tail_log "$DIR/log/$name.log"; exit 1; }
}

stop_pidfile() {  # PIDFILE: TERM, then KILL after 10 s
    local file=$1 pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

cmd_start() {
    local lagging=""
    [ "${1:-}" = "--lagging" ] && { lagging=${2:?--lagging needs a zone}; }
    for tool in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool ceph-authtool curl python3 uuidgen; do need "$tool"; done
    [ -e "$DIR/env" ] && die "$DIR already holds a cluster (cluster.sh stop $DIR first)"
    mkdir -p "$DIR"/{run,log,mon,osd}
    DIR=$(cd "$DIR" && pwd)
    local fsid mon_port
    fsid=$(uuidgen)
    mon_port=$(free_port)
    PORT_zone_a=$(free_port)
    PORT_zone_b=$(free_port)
    PORT_zone_a_2=$(free_port)
    SYSTEM_ACCESS=$(random_key 20 upper); SYSTEM_SECRET=$(random_key 40 mixed)
    DATA_ACCESS=$(random_key 20 upper); DATA_SECRET=$(random_key 40 mixed)
    cat >"$DIR/env" <<EOF
PORT_zone_a=$PORT_zone_a
PORT_zone_b=$PORT_zone_b
PORT_zone_a_2=$PORT_zone_a_2
SYSTEM_ACCESS=$SYSTEM_ACCESS
SYSTEM_SECRET=$SYSTEM_SECRET
EOF
    cat >"$DIR/ceph.conf" <<EOF
[global]
fsid = $fsid
mon initial members = a
mon host = v2:127.0.0.1:$mon_port
public addr = 127.0.0.1
ms bind ipv6 = false
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms client mode = crc
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
pid file = $DIR/run/\$name.pid
keyring = $DIR/keyring
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon max pg per osd = 1000
# A gateway that stops leaves its sync shard leases behind: the next one waits this long (default 120 s) to
# take them over.
rgw sync lease period = 15
osd objectstore = memstore
memstore device bytes = 1610612736
osd data = $DIR/osd/\$cluster-\$id
mon data = $DIR/mon/\$cluster-\$id
[client.rgw.zone-a]
rgw zone = zone-a
[client.rgw.zone-b]
rgw zone = zone-b
[client.rgw.zone-a-2]
rgw zone = zone-a
EOF
    ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
    monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$DIR/monmap" >/dev/null
    ceph-mon -c "$DIR/ceph.conf" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring" \
        || { tail_log "$DIR/log/mon.a.log"; die "ceph-mon --mkfs failed"; }
    ceph-mon -c "$DIR/ceph.conf" -i a || { tail_log "$DIR/log/mon.a.log"; die "ceph-mon did not start"; }
    wait_for 30 "the monitor answering" ceph_ mon stat || { tail_log "$DIR/log/mon.a.log"; exit 1; }
    local osd_uuid id
    osd_uuid=$(uuidgen)
    id=$(ceph_ osd create "$osd_uuid")
    mkdir -p "$DIR/osd/ceph-$id"
    ceph-osd -c "$DIR/ceph.conf" -i "$id" --mkfs --osd-uuid "$osd_uuid" >/dev/null 2>&1 \
        || { tail_log "$DIR/log/osd.$id.log"; die "ceph-osd --mkfs failed"; }
    ceph_ osd crush add-bucket host0 host >/dev/null 2>&1
    ceph_ osd crush move host0 root=default >/dev/null 2>&1
    ceph_ osd crush add "osd.$id" 1.0 host=host0 >/dev/null 2>&1
    ceph-osd -c "$DIR/ceph.conf" -i "$id" 2>>"$DIR/log/osd.start.log" || { tail_log "$DIR/log/osd.$id.log"; die "ceph-osd did not start"; }
    wait_for 60 "osd.$id up" bash -c "ceph -c '$DIR/ceph.conf' osd dump | grep -q '^osd.$id up'" \
        || { tail_log "$DIR/log/osd.$id.log"; exit 1; }

    local a="http://127.0.0.1:$PORT_zone_a" b="http://127.0.0.1:$PORT_zone_b"
    admin realm create --rgw-realm=drtop --default >/dev/null
    admin zonegroup create --rgw-zonegroup=drtop-zg --endpoints="$a" --master --default >/dev/null
    admin zone create --rgw-zonegroup=drtop-zg --rgw-zone=zone-a --endpoints="$a" --master --default \
        --access-key="$SYSTEM_ACCESS" --secret="$SYSTEM_SECRET" >/dev/null
    admin zone create --rgw-zonegroup=drtop-zg --rgw-zone=zone-b --endpoints="$b" \
        --access-key="$SYSTEM_ACCESS" --secret="$SYSTEM_SECRET" >/dev/null
    admin user create --rgw-zone=zone-a --uid=drtop-system --display-name="drtop system user" --system \
        --access-key="$SYSTEM_ACCESS" --secret="$SYSTEM_SECRET" >/dev/null
    admin period update --commit >/dev/null
    start_gateway zone-a $([ "$lagging" = zone-a ] && echo --no-sync)
    start_gateway zone-b $([ "$lagging" = zone-b ] && echo --no-sync)
    start_gateway zone-a-2 $([ "$lagging" = zone-a ] && echo --no-sync)
    admin user create --rgw-zone=zone-a --uid=drtop-data --display-name="drtop data user" \
        --access-key="$DATA_ACCESS" --secret="$DATA_SECRET" >/dev/null
    local zone_a_id zone_b_id
    zone_a_id=$(admin zone get --rgw-zone=zone-a | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    zone_b_id=$(admin zone get --rgw-zone=zone-b | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    cat >"$DIR/cluster.json" <<EOF
{
  "folder": "$DIR",
  "realm": "drtop",
  "zonegroup": "drtop-zg",
  "zones": [
    {"name": "zone-a", "id": "$zone_a_id", "endpoint": "$a", "master": true},
    {"name": "zone-b", "id": "$zone_b_id", "endpoint": "$b", "master": false}
  ],
  "gateways": {"zone-a": "$a", "zone-a-2": "http://127.0.0.1:$PORT_zone_a_2", "zone-b": "$b"},
  "system": {"access_key": "$SYSTEM_ACCESS", "secret_key": "$SYSTEM_SECRET"},
  "data": {"access_key": "$DATA_ACCESS", "secret_key": "$DATA_SECRET"}
}
EOF
    cat "$DIR/cluster.json"
}

cmd_stop() {
    [ -d "$DIR/run" ] || return 0
    for file in "$DIR"/run/client.rgw.*.pid; do [ -e "$file" ] && stop_pidfile "$file"; done
    for file in "$DIR"/run/osd.*.pid; do [ -e "$file" ] && stop_pidfile "$file"; done
    stop_pidfile "$DIR/run/mon.a.pid"
    rm -f "$DIR/env"
}

command=${1:-}; DIR=${2:-}
[ -n "$command" ] && [ -n "$DIR" ] || { sed -n '2,20p' "$0" >&2; exit 2; }
shift 2
case $command in
    start) cmd_start "$@" ;;
    stop) cmd_stop ;;
    stop-gateway) load; port_of "${1:?gateway}" >/dev/null; stop_pidfile "$DIR/run/client.rgw.$1.pid" ;;
    start-gateway) load; [ -f "$DIR/run/client.rgw.${1:?zone}.pid" ] && die "the gateway of $1 is running"; start_gateway "$@" ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
