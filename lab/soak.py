#!/usr/bin/env python3
"""drtop's fault soak: the dashboard, in a real pseudo-terminal, watches the replication lab through two
fault-injecting proxies (lab/faultproxy.py), one per region. The first fifth of the run is fault-free (the
baseline request rate); then 20 % of drtop's requests fail: 503 SlowDown, 500, throttling, resets, timeouts,
truncated and garbage bodies, wrong Content-Length.

Checked, and the script exits non-zero when any fails:
  - no crash: drtop runs to the end and quits with status 0 when asked, terminal restored;
  - no hang: every sample interval a key ('?', then Escape) must redraw the screen within 1 s;
  - faults are data: the screen names them (throttled, HTTP 500, connection reset, no answer, not valid XML, ...);
  - retries back off: drtop's request rate under faults <= the fault-free rate (+5 %);
  - memory flat: the last RSS sample <= the first sample after warm-up + 10 % (+2 MiB).
Prints a Markdown summary. usage: soak.py [--seconds 600] [--interval 60] [--binary .build/release/drtop]
"""
import argparse, fcntl, os, pty, re, select, signal, struct, subprocess, sys, tempfile, termios, time
from drlab.faultproxy import FaultProxy
from running import RunningLab, pairs_toml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--interval", type=float, default=60)
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/drtop"))
    args = parser.parse_args()
    interval = min(args.interval, args.seconds / 6)

    lab = RunningLab(args.pairs, delay=0.5, metrics_period=5)
    failures = []
    try:
        proxies = {"us-east-1": FaultProxy(f"127.0.0.1:{lab.east}", rate=0.0, seed=1, hold=15),
                   "us-west-2": FaultProxy(f"127.0.0.1:{lab.west}", rate=0.0, seed=2, hold=15)}
        home = tempfile.mkdtemp(prefix="drtop-soak-")
        config = os.path.join(home, "drtop.toml")
        with open(config, "w") as f:
            f.write(pairs_toml(args.pairs, {r: f"http://127.0.0.1:{p.port}" for r, p in proxies.items()},
                               header='refresh = "1s"\nconnect_timeout = "1s"\nrequest_timeout = "3s"\nrpo = "15m"\n'))
        subprocess.run([sys.executable, os.path.join(HERE, "workload.py"), "--endpoint", lab.url("us-east-1"),
                        "--region", "us-east-1", "--bucket", "lab0-use1", "--rate", "100", "--count", "20"],
                       check=True, stdout=subprocess.DEVNULL)

        env = dict(os.environ, HOME=home, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_EC2_METADATA_DISABLED="true", TERM="xterm-256color", LANG="C.UTF-8")
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(args.binary, [args.binary, "--config", config], env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        before = termios.tcgetattr(fd)
        output = bytearray()

        def read_for(seconds, until=None):
            end = time.monotonic() + seconds
            mark = len(output)
            while time.monotonic() < end:
                ready, _, _ = select.select([fd], [], [], 0.05)
                if ready:
                    try:
                        output.extend(os.read(fd, 65536))
                    except OSError:
                        return False
                    if until and until in output[mark:]:
                        return True
            return until is None

        started = time.time()
        baseline_end = started + args.seconds / 5
        read_for(3)
        samples, key_ms = [], []
        faulted = False
        while time.time() - started < args.seconds:
            if not faulted and time.time() >= baseline_end:
                for proxy in proxies.values():
                    proxy.rate = args.rate
                faulted = True
            read_for(max(0.0, min(interval, started + args.seconds - time.time())))
            if pid_exited(pid):
                failures.append("drtop exited during the soak")
                break
            samples.append((round(time.time() - started), rss_mib(pid)))
            for key, expect in ((b"?", b"SYMBOLS"), (b"\x1b", b"BUCKET PAIR")):
                sent = time.monotonic()
                os.write(fd, key)
                if not read_for(1.0, until=expect):
                    failures.append(f"no redraw within 1 s of a key at {samples[-1][0]} s (hang?)")
                key_ms.append((time.monotonic() - sent) * 1000)
        end = time.time()
        if not pid_exited(pid):
            os.write(fd, b"q")
            read_for(2)
        status = wait_status(pid, 5)
        after = termios.tcgetattr(fd) if status is not None else before
        if status != 0:
            failures.append(f"drtop did not quit cleanly (status {status})")
        screen = output.decode("utf-8", "replace")
        seen = sorted({name for name, pattern in [
            ("throttled", r"throttled|SlowDown|Throttling"), ("HTTP 500", r"HTTP 500|InternalError"),
            ("connection reset", r"connection reset"), ("no answer / timed out", r"no answer|timed out"),
            ("not valid XML", r"not valid XML"), ("cut short", r"cut short|not a valid HTTP answer"),
        ] if re.search(pattern, screen)})
        if len(seen) < 2:
            failures.append(f"faults were not shown as data on screen (seen: {seen})")
        fault_free = sum(p.stats.rate(started, baseline_end) for p in proxies.values())
        under_faults = sum(p.stats.rate(baseline_end, end) for p in proxies.values())
        if under_faults > fault_free * 1.05:
            failures.append(f"request rate under faults {under_faults:.2f}/s > fault-free {fault_free:.2f}/s")
        warm = samples[1][1] if len(samples) > 1 else samples[0][1]
        if samples and samples[-1][1] > warm * 1.10 + 2:
            failures.append(f"RSS grew from {warm:.1f} to {samples[-1][1]:.1f} MiB")
        faults = {}
        for proxy in proxies.values():
            for kind, count in proxy.stats.faults.items():
                faults[kind] = faults.get(kind, 0) + count
        print(f"| soak | {args.seconds:.0f} s, {args.pairs} pairs, 1 s refresh, {args.rate:.0%} of requests faulted "
              f"after {args.seconds / 5:.0f} s |")
        print("|---|---|")
        print(f"| faults injected | {sum(faults.values())}: " + ", ".join(f"{k} {v}" for k, v in sorted(faults.items())) + " |")
        print(f"| request rate, fault-free / under faults | {fault_free:.2f}/s / {under_faults:.2f}/s |")
        print("| RSS samples (s: MiB) | " + ", ".join(f"{t}: {m:.1f}" for t, m in samples) + " |")
        print(f"| key to redraw (ms, median / max; `?` and Escape, which waits ncurses' 25 ms ESCDELAY) | {sorted(key_ms)[len(key_ms) // 2]:.0f} / {max(key_ms):.0f} |")
        print(f"| faults named on screen | {', '.join(seen)} |")
        print(f"| crashes / hangs | {0 if status == 0 else 1} / {sum('hang' in f for f in failures)} |")
        print(f"| terminal settings restored | {'yes' if after == before else 'no'} |")
        for proxy in proxies.values():
            proxy.stop()
    finally:
        lab.stop()
    if failures:
        print("\nsoak FAILED:\n- " + "\n- ".join(failures))
        sys.exit(1)
    print("\nsoak passed")

def pid_exited(pid):
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    if done:
        pid_exited.status = _
    return done != 0

def wait_status(pid, seconds):
    if hasattr(pid_exited, "status"):
        return os.waitstatus_to_exitcode(pid_exited.status)
    end = time.time() + seconds
    while time.time() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return None

if __name__ == "__main__":
    main()
