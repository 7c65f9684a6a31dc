"""A command's own peak RSS and CPU, through bench/rusage.c (why: that file's first lines).

    argv, report = own.wrap([drtop, "--version"])   # run argv however the benchmark runs it, then
    usage = own.read(report)                         # Usage(rss_mib, cpu_s), the command's own

`child_of(pid)` is the command's pid when `pid` is the helper's (to read its /proc files).
"""
import collections, os, subprocess, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
HELPER = os.path.join(os.path.dirname(HERE), ".build-bench", "rusage")
Usage = collections.namedtuple("Usage", "rss cpu")

def _helper():
    source = os.path.join(HERE, "rusage.c")
    if not os.path.exists(HELPER) or os.path.getmtime(HELPER) < os.path.getmtime(source):
        os.makedirs(os.path.dirname(HELPER), exist_ok=True)
        subprocess.run(["cc", "-O2", "-Wall", "-Werror", "-o", HELPER, source], check=True)
    return HELPER

def wrap(argv):
    """(argv run under the helper, the path its report will be written to)."""
    handle, report = tempfile.mkstemp(prefix="drtop-rusage-")
    os.close(handle)
    return [_helper(), report] + list(argv), report

def read(report):
    """The command's Usage from `report` (and the file removed); None when the helper wrote none."""
    try:
        with open(report) as f:
            fields = f.read().split()
    finally:
        os.unlink(report)
    if len(fields) != 3:
        return None
    kib, user, system = map(int, fields)
    return Usage(kib / 1024, (user + system) / 1e6)

def child_of(pid, wait=2.0):
    """The pid of the command the helper `pid` started (waits up to `wait` s for it to be forked)."""
    import time
    deadline = time.monotonic() + wait
    while True:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                children = f.read().split()
        except OSError:
            children = []
        if children or time.monotonic() > deadline:
            return int(children[0]) if children else pid
        time.sleep(0.005)
