#!/usr/bin/env python3
"""Start-up benchmark: process start to first frame and to first full frame (data drawn), and peak RSS.

Runs the release drtop in a 120x40 pseudo-terminal N times, reads what it writes until the title shows
"polled" (the first frame with a poll's data), then presses q and takes the peak RSS from wait4.
Prints a Markdown table of medians. Usage: bench/startup.py [RUNS] [drtop args...]
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

def run_once(binary, args):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        os.execv(binary, [binary] + args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.monotonic()
    seen, first, full = b"", None, None
    while full is None and time.monotonic() - start < 10:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if first is None and b"drtop" in seen:
            first = time.monotonic() - start
        if b"polled" in seen:
            full = time.monotonic() - start
    os.write(fd, b"q")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                break
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    return first, full, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)

def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    args = sys.argv[2:]
    binary = os.environ.get("DRTOP_BINARY", ".build/release/drtop")
    results = [run_once(binary, args) for _ in range(runs)]
    bad = [r for r in results if r[1] is None or r[3] != 0]
    if bad:
        sys.exit(f"startup.py: {len(bad)} of {runs} runs drew no full frame or did not exit 0: {bad}")
    med = lambda i: statistics.median(r[i] for r in results)
    print(f"| first frame | {med(0) * 1000:.1f} ms |")
    print(f"| first full frame (data drawn) | {med(1) * 1000:.1f} ms |")
    print(f"| peak RSS | {med(2):.1f} MiB |")
    print(f"| runs | {runs} ({' / '.join(f'{r[1] * 1000:.0f} ms' for r in results)}) |")

if __name__ == "__main__":
    main()
