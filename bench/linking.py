#!/usr/bin/env python3
"""What each step of linking drtop saves: the same release build linked three ways, side by side in one run.

Usage: bench/linking.py RUNS NAME=BINARY [NAME=BINARY ...]   (bench/run.sh builds the three binaries)

For each binary, alternated, medians of RUNS: `drtop --version` (the process alone: loading and relocating its
libraries, the Swift runtime's start) and the demo dashboard in a 120x40 pseudo-terminal up to its first full
frame (bench/startup.py's method). CPU is user+sys and peak RSS ru_maxrss, both drtop's own (bench/own.py).
Prints Markdown.
"""
import os, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import own  # noqa: E402
import startup  # noqa: E402

def version_run(binary):
    """(CPU seconds, peak RSS MiB) of one `binary --version`."""
    argv, report = own.wrap([binary, "--version"])
    code = subprocess.run(argv, stdout=subprocess.DEVNULL).returncode
    usage = own.read(report)
    if code != 0 or usage is None:
        sys.exit(f"linking.py: {binary} --version exited {code}")
    return usage.cpu, usage.rss

def libraries(binary):
    """How many shared libraries the loader maps for `binary` (ldd's lines with a path)."""
    out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if "/" in line)

def main():
    runs = int(sys.argv[1])
    variants = [arg.split("=", 1) for arg in sys.argv[2:]]
    version = {name: [] for name, _ in variants}
    demo = {name: [] for name, _ in variants}
    for _ in range(runs):
        for name, binary in variants:
            version[name].append(version_run(binary))
            run = startup.run_once(binary, [])
            if run.full is None or run.code != 0:
                sys.exit(f"linking.py: {binary}'s demo drew no full frame or exited {run.code}")
            demo[name].append(run)
    med = statistics.median
    names = [name for name, _ in variants]
    print("| measure | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    rows = [
        ("file size", lambda n, b: f"{os.path.getsize(b) / 2**20:.1f} MiB"),
        ("shared libraries loaded", lambda n, b: str(libraries(b))),
        ("`--version`: CPU (user+sys)", lambda n, b: f"{med(c for c, _ in version[n]) * 1000:.1f} ms"),
        ("`--version`: peak RSS", lambda n, b: f"{med(r for _, r in version[n]):.1f} MiB"),
        ("demo dashboard: first full frame", lambda n, b: f"{med(r.full for r in demo[n]) * 1000:.1f} ms"),
        ("demo dashboard: CPU, start to exit", lambda n, b: f"{med(r.cpu for r in demo[n]) * 1000:.1f} ms"),
        ("demo dashboard: peak RSS", lambda n, b: f"{med(r.rss for r in demo[n]):.1f} MiB"),
    ]
    for label, cell in rows:
        print(f"| {label} | " + " | ".join(cell(n, b) for n, b in variants) + " |")

if __name__ == "__main__":
    main()
