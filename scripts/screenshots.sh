#!/usr/bin/env bash
# Regenerates screenshots/ from the real program: runs drtop in tmux at 120x40, types keys, captures the
# pane with colours and renders it to PNG (scripts/ans2png.py). Needs tmux, Pillow, wcwidth and DejaVu fonts;
# installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_packages tmux:tmux fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf \
    libncurses-dev:/usr/include/ncursesw/curses.h
python3 -c "import PIL, wcwidth" 2>/dev/null || python3 -m pip install -q Pillow wcwidth
swift build -c release >/dev/null
bin="$(swift build -c release --show-bin-path)/drtop"
mkdir -p screenshots
export LANG=C.UTF-8

# shot NAME "ARGS" WAIT "KEYS" [ACCESS_KEY SECRET_KEY]
shot() {
    local name=$1 args=$2 wait=$3 keys=$4 access=${5:-testing} secret=${6:-testing} sock="drtop-shot-$$"
    tmux -u -L "$sock" -f /dev/null new-session -d -x 120 -y 40 -e TERM=xterm-256color \
        -e AWS_ACCESS_KEY_ID="$access" -e AWS_SECRET_ACCESS_KEY="$secret" -e AWS_EC2_METADATA_DISABLED=true "$bin $args"
    sleep "$wait"
    for key in $keys; do tmux -L "$sock" send-keys -t 0 "$key"; sleep 0.4; done
    sleep 0.5
    tmux -L "$sock" capture-pane -t 0 -e -p > "screenshots/$name.ans"
    tmux -L "$sock" kill-server
    python3 scripts/ans2png.py "screenshots/$name.ans" "screenshots/$name.png" --cols 120
    rm -f "screenshots/$name.ans"
    echo "screenshots/$name.png"
}

shot overview "--seed 42" 2.5 ""
shot drill-down "--seed 42" 2.5 "Down Enter"
shot failover-check "--seed 42" 2.5 "f"
shot help "--seed 42" 1.5 "?"
shot region-outage "--seed 42 --scenario region-outage --refresh 1" 8 ""
shot region-outage-failover "--seed 42 --scenario region-outage --refresh 1" 8 "End f"
# Traffic and recovery: where users go and the RTO (prod-assets behind an MRAP and Route 53), a backed-up pair,
# and the runbook the export and `check --format markdown` print.
shot traffic-drill-down "--seed 42" 2.5 "/ p r o d Enter Enter"
shot backup-drill-down "--seed 42" 2.5 "/ d b - Enter Enter"
shot traffic-outage "--seed 42 --scenario region-outage --refresh 1" 8 "End f"
runbook=$(mktemp)
"$bin" check --demo --seed 42 --pair prod-assets --format markdown > "$runbook" || true
tmux -u -L "drtop-runbook-$$" -f /dev/null new-session -d -x 120 -y 40 -e TERM=xterm-256color \
    "sed -n '/^## Move the users/,\$p' '$runbook' | fold -w 119; sleep 30"
sleep 1
tmux -L "drtop-runbook-$$" capture-pane -t 0 -e -p > screenshots/runbook.ans
tmux -L "drtop-runbook-$$" kill-server
python3 scripts/ans2png.py screenshots/runbook.ans screenshots/runbook.png --cols 120
rm -f screenshots/runbook.ans "$runbook"
echo screenshots/runbook.png

# Real APIs: moto's S3 + CloudWatch server on loopback with three replicating pairs (Tests/DRSourcesTests/Moto).
python3 -c "import moto.server" 2>/dev/null || python3 -m pip install -q 'moto[server]==5.2.1'
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
python3 -m moto.server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port))" 2>/dev/null && break; sleep 0.1; done
python3 Tests/DRSourcesTests/Moto/world.py "http://127.0.0.1:$port" 3 >/dev/null
config=$(mktemp --suffix=.toml)
sed "s#http://127.0.0.1:5000#http://127.0.0.1:$port#" examples/local.toml > "$config"
shot aws-local "--config $config" 3 ""
rm -f "$config"
kill $moto 2>/dev/null || true

# The replication lab: a slowed direction with a backlog, seen in the drill-down's object queue.
east=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
west=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
ctl=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
python3 lab/drtoplab.py --east-port "$east" --west-port "$west" --control-port "$ctl" --metrics-period 5 >/dev/null 2>&1 &
lab=$!
trap 'kill $lab 2>/dev/null || true' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $ctl))" 2>/dev/null && break; sleep 0.1; done
python3 lab/setup.py --east "http://127.0.0.1:$east" --west "http://127.0.0.1:$west" --pairs 3 >/dev/null
curl -s -X POST "127.0.0.1:$ctl/direction/lab0-use1/lab0-usw2/slow?delay=40" >/dev/null
python3 lab/workload.py --endpoint "http://127.0.0.1:$east" --region us-east-1 --bucket lab0-use1 --rate 10 --seconds 3 \
    --prefix uploads/2026/11/ >/dev/null
sleep 10
config=$(mktemp --suffix=.toml)
sed -e "s#127.0.0.1:5001#127.0.0.1:$east#" -e "s#127.0.0.1:5002#127.0.0.1:$west#" lab/drtop.toml > "$config"
shot lab-queue "--config $config" 4 "Enter"
# The same object looked up on both sides from the drill-down (o), as `drtop object` does.
shot lab-object "--config $config" 4 "Enter o"
# The drill-down's 24 h chart (c c): a day of lab1's ReplicationLatency put into the lab's CloudWatch, five-minute
# points, with a backlog 9 hours ago that went past the RPO and drained.
python3 - "$west" <<'PY'
import sys, datetime, math, boto3
from botocore.config import Config
cw = boto3.client("cloudwatch", region_name="us-west-2", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}",
                  aws_access_key_id="testing", aws_secret_access_key="testing",
                  config=Config(disable_request_compression=True))
dims = [{"Name": "SourceBucket", "Value": "lab1-use1"}, {"Name": "DestinationBucket", "Value": "lab1-usw2"},
        {"Name": "RuleId", "Value": "to-usw2"}]
now = datetime.datetime.now(datetime.timezone.utc)
data = []
for step in range(12, 288):
    hours = step * 5 / 60
    lag = 20 + 15 * math.sin(step / 9) ** 2 + 150 * math.exp(-((hours - 9) / 0.6) ** 2)
    data.append({"MetricName": "ReplicationLatency", "Dimensions": dims, "Value": round(lag, 1),
                 "Timestamp": now - datetime.timedelta(minutes=step * 5)})
for start in range(0, len(data), 20):
    cw.put_metric_data(Namespace="AWS/S3", MetricData=data[start:start + 20])
PY
shot lab-chart-day "--config $config" 4 "Down Enter c c"
rm -f "$config"
kill $lab 2>/dev/null || true

# Traffic and recovery against the lab (setup.py --routing): lab0 as set up, lab1's MRAP dial moved to us-west-2
# by the lab (users already moved), and archive — lab2 read from us-west-2, where --one-way leaves no rule — a
# backup-and-restore pair whose newest recovery point in lab-vault is 3h12m old against its 4h RPO.
free() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
east=$(free); west=$(free); ctl=$(free)
arc=$(for _ in 1 2 3 4 5; do free; done | paste -sd,)
python3 lab/drtoplab.py --east-port "$east" --west-port "$west" --control-port "$ctl" --arc-ports "$arc" \
    --metrics-period 5 >/dev/null 2>&1 &
lab=$!
trap 'kill $lab 2>/dev/null || true' EXIT
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $ctl))" 2>/dev/null && break; sleep 0.1; done
made=$(mktemp)
python3 lab/setup.py --east "http://127.0.0.1:$east" --west "http://127.0.0.1:$west" --control "http://127.0.0.1:$ctl" \
    --pairs 3 --one-way --routing > "$made"
curl -s -X POST "127.0.0.1:$ctl/mrap/lab1/dial?bucket=lab1-usw2&percent=100" >/dev/null
curl -s -X POST "127.0.0.1:$ctl/mrap/lab1/dial?bucket=lab1-use1&percent=0" >/dev/null
curl -s -X POST "127.0.0.1:$ctl/backup/lab2-usw2/recovery-point?age=11520&vault=lab-vault&size=53687091200" >/dev/null
config=$(mktemp --suffix=.toml)
python3 - "$made" "$east" "$west" > "$config" <<'PY'
import sys
made = [line.split() for line in open(sys.argv[1])]
zone = next(l[1] for l in made if l[0] == "zone")
mrap = {l[1]: l[2] for l in made if l[0] == "mrap"}
cluster = next((l[1] for l in made if l[0] == "arc-cluster"), None)
controls = {}
for l in made:
    if l[0] == "arc-control":
        controls.setdefault(l[1], {})[l[2]] = l[3]
accel = {l[1]: l[2] for l in made if l[0] == "accelerator"}
print(f'refresh = "2s"\nrpo = "1m"\n[regions.us-east-1]\nendpoint = "http://127.0.0.1:{sys.argv[2]}"\n'
      f'[regions.us-west-2]\nendpoint = "http://127.0.0.1:{sys.argv[3]}"')
for name in ("lab0", "lab1"):
    listed = ", ".join(f'"{r}" = "{a}"' for r, a in controls[name].items())
    print(f'[[pair]]\nname = "{name}"\nprimary = {{ bucket = "{name}-use1", region = "us-east-1" }}\n'
          f'secondary = {{ bucket = "{name}-usw2", region = "us-west-2" }}\nstrategy = "pilot-light"\n'
          f'[pair.routing]\nroute53 = {{ zone_id = "{zone}", name = "{name}.lab.example.com." }}\nmrap = "{mrap[name]}"\n'
          f'arc = {{ cluster = "{cluster}", controls = {{ {listed} }} }}\naccelerator = "{accel[name]}"')
print('[[pair]]\nname = "archive"\nprimary = { bucket = "lab2-usw2", region = "us-west-2" }\n'
      'secondary = { bucket = "lab2-use1", region = "us-east-1" }\nstrategy = "backup-and-restore"\nrpo = "4h"\n'
      '[pair.backup]\nvault = "lab-vault"')
PY
sleep 6
shot lab-traffic "--config $config" 5 ""
shot lab-traffic-check "--config $config" 5 "Down f"
rm -f "$config" "$made"
kill $lab 2>/dev/null || true

# Ceph RGW multisite: a real two-zone realm (lab/ceph/cluster.sh), zone-b cut off from zone-a's listed gateway:
# the direction into zone-b lags past its RPO while zone-b -> zone-a stays caught up.
APT_OPTS=--no-install-recommends ensure_packages radosgw:radosgw ceph-mon:ceph-mon ceph-osd:ceph-osd
ceph=$(mktemp -d)
trap 'lab/ceph/cluster.sh stop "$ceph" >/dev/null 2>&1 || true; rm -rf "$ceph"' EXIT
lab/ceph/cluster.sh start "$ceph" >/dev/null
read -r zone_a2 data_key data_secret sys_key sys_secret < <(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print(c["gateways"]["zone-a-2"], c["data"]["access_key"], c["data"]["secret_key"], c["system"]["access_key"],
      c["system"]["secret_key"])' "$ceph/cluster.json")
python3 - "$zone_a2" "$data_key" "$data_secret" <<'PY'
import sys, time, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3],
                  region_name="drtop-zg")
for attempt in range(20):
    try:
        s3.create_bucket(Bucket="media-assets")
        break
    except Exception:
        time.sleep(1)
s3.put_object(Bucket="media-assets", Key="first.jpg", Body=b"x" * 4096)
PY
sleep 20   # the bucket and its first object reach zone-b
lab/ceph/cluster.sh stop-gateway "$ceph" zone-a
python3 - "$zone_a2" "$data_key" "$data_secret" <<'PY'
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3],
                  region_name="drtop-zg")
for index in range(5):
    s3.put_object(Bucket="media-assets", Key=f"unpulled-{index}.jpg", Body=b"x" * 4096)
PY
config=$(mktemp --suffix=.toml)
printf '[ceph]\nendpoint = "%s"\nrpo = "30s"\n[ceph.zones.zone-a]\nendpoint = "%s"\n' "$zone_a2" "$zone_a2" > "$config"
shot ceph-lagging "--config $config --refresh 2" 40 "" "$sys_key" "$sys_secret"
rm -f "$config"
