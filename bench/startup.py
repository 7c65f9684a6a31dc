#!/usr/bin/env python3
"""Start-up benchmark: process start to first frame and to first full frame (data drawn), and peak RSS.

Runs the release drtop in a 120x40 pseudo-terminal N times, reads what it writes until the title shows
"polled" (the first frame with a poll's data), then presses q and takes drtop's own peak RSS (bench/own.py).
Prints a Markdown table of medians. Usage: bench/startup.py [RUNS] [drtop args...]
"""
import collections, fcntl, os, pty, re, select, statistics, struct, sys, termios, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import own  # noqa: E402  (the command's own peak RSS and CPU, not the benchmark's)

# What a resident page belongs to, by the file it maps (first match wins): the groups BENCHMARKS.md shows.
GROUPS = [("drtop's binary (with what is linked into it)", r"/drtop$"), ("Swift runtime and standard library", r"/libswift|/libdispatch|/libBlocksRuntime"),
          ("Foundation (with ICU and internationalization)", r"/lib_?Foundation"),
          ("OpenSSL, GnuTLS and their helpers", r"/lib(crypto|ssl|gnutls|nettle|hogweed|p11-kit|tasn1|gmp|idn2|unistring)\."),
          ("libcurl and what it loads (Kerberos, LDAP, SSH, HTTP/2, ...)", r"/lib(curl|krb5|k5crypto|gssapi|ldap|lber|ssh|nghttp|psl|rtmp|brotli|zstd|z|sasl2|com_err|keyutils|krb5support|resolv)"),
          ("libstdc++ (TOMLKit's toml++)", r"/libstdc\+\+|/libgcc_s"),
          ("libc, libm, the loader, ncurses, locale", r"/(libc|libm|ld-linux|libncursesw|libtinfo)[.-]|/locale/"),
          ("heap and anonymous memory (data, thread stacks)", r"^\[(heap|anon|stack)")]

def resident_by_group(pid):
    """The process's resident KiB by GROUPS (smaps), with everything else as "other"."""
    sizes, mapped = collections.Counter(), "[anon]"
    with open(f"/proc/{pid}/smaps") as smaps:
        for line in smaps:
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                parts = line.split()
                mapped = parts[5] if len(parts) > 5 else "[anon]"
            elif line.startswith("Rss:"):
                group = next((name for name, pattern in GROUPS if re.search(pattern, mapped)), "other")
                sizes[group] += int(line.split()[1])
    return sizes

Run = collections.namedtuple("Run", "first full rss code cpu groups")

def run_once(binary, args, smaps=False, at_full=None):
    """A Run: first frame and first full frame (s), peak RSS (MiB), exit code, CPU user+sys (s), and with `smaps`
    the resident KiB by group at the full frame (else None). `at_full` is called as the full frame is seen.
    RSS and CPU are drtop's own (bench/own.py)."""
    argv, report = own.wrap([binary] + args)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = "C.UTF-8"
        try:
            os.execv(argv[0], argv)
        finally:
            os._exit(127)  # never run the benchmark's own code in the child
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
            if at_full:
                at_full()
    groups = resident_by_group(own.child_of(pid)) if smaps and full is not None else None
    os.write(fd, b"q")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                break
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    usage = own.read(report) or own.Usage(float("nan"), float("nan"))
    return Run(first, full, usage.rss, os.waitstatus_to_exitcode(status), usage.cpu, groups)

def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    args = sys.argv[2:]
    binary = os.environ.get("DRTOP_BINARY", ".build-release/release/drtop")
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
