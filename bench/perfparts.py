#!/usr/bin/env python3
"""Where drtop's CPU goes, as perf samples it: the profile behind a benchmark's miss, taken in the same run.

`record(command, env)` runs a command under `perf record`, `attach(pid, seconds)` samples a running process;
both return a Profile: CPU samples (one every 250 µs of CPU time: cpu-clock, so the count is the time) with their
call stacks (DWARF unwinding, so that the C libraries Debian builds without frame pointers unwind too), put into
the parts BENCHMARKS.md names. A sample belongs to the first part in PARTS whose pattern one of its frames matches
(so a libcrypto frame under a TLS handshake counts as the handshake, and signing's SHA-256 as signing); a sample no
part claims goes by its innermost frame (LEAF). Usage alone: bench/perfparts.py -- COMMAND [ARGS...]
"""
import collections, os, re, shutil, subprocess, sys, tempfile

PERIOD_US = 250  # cpu-clock sampling period, µs of CPU time

# (part, pattern matched against every frame's "symbol (library)"), first match wins, in this order.
PARTS = [
    ("start-up (the loader, relocations, the Swift runtime's first use)",
     r"_dl_start|_dl_relocate|dl_main|_dl_map_object|_dl_init\b|_dl_sysdep|swift::MetadataCacheEntry|swift_once"
     r"|_swift_registerProtocol|swift_conformsToProtocol"),
    ("TLS set-up (handshakes, certificate checks)",
     r"SSL_do_handshake|ossl_statem|SSL_connect|tls_process_|X509_verify|X509_STORE|ssl3_connect|ossl_connect_step"
     r"|SSL_CTX_new|ssl_verify|d2i_X509|drtop_trust_store|tls_construct_"),
    ("TLS record I/O (encrypting and decrypting)", r"SSL_read|SSL_write|ssl3_read|ssl3_write|ossl_recv|ossl_send"),
    # Debian's libssl and libcrypto keep only their exported symbols: a sample whose stack names neither of the
    # above is TLS all the same.
    ("TLS, set-up and record I/O not told apart (libssl's inner functions have no symbols)",
     r"\(/.*lib(ssl|crypto)\.so"),
    ("SigV4 signing", r"SigV4|Signer|signingKey"),
    ("XML parsing", r"XMLNode|XMLReader|XMLParser|XMLScanner"),
    ("building requests (query strings, GetMetricData's body)", r"MetricQuery|requestBody|queryString|percentEncod"
     r"|CloudWatchMetrics.*body|formEncod|URIEncoding"),
    ("the HTTP exchange in libcurl (and its system calls)", r"curl_easy_perform|\(.*libcurl|Curl_|curl_multi"),
    ("the transport's own work around a transfer (options, header lines)", r"HTTPTransport|IdleHandles|collectHeader"
     r"|collectBody|curl_slist"),
    ("handing a transfer to a pool thread and back (locks, wake-ups)",
     r"BlockingPool|NSCondition|pthread_cond|swift_continuation|CheckedContinuation|futex"),
    ("rendering the screen (cell grid, diff, ncurses)", r"Renderer|FrameDiff|ScreenBuffer|OverviewScreen"
     r"|DrillDownScreen|FailoverScreen|ObjectScreen|HelpScreen|Chrome\.|Sparkline|LagChart|RowMemo|TextWidth"
     r"|Terminal\.present|\(.*libncursesw|doupdate|wnoutrefresh"),
    ("judgement (assessments, checks)", r"HealthEvaluator|Assessment|RecoveryJudgement|FailoverChecklist"
     r"|CheckOutcome|FailoverReport"),
    ("snapshots (assembling, history, JSON)", r"SnapshotAssembler|HistoryMerger|JSONValue|JSONEncoder"
     r"|JSONSerialization"),
    ("the configuration (TOML)", r"TOMLKit|toml::|ConfigLoader|ConfigReader|TOMLGuard|PairRoutingReader"),
]
# A sample no part claims, by its innermost frame.
LEAF = [
    ("the loader at run time (lazy binding, thread-local storage)", r"\(/.*ld-linux"),
    ("Swift runtime (allocation, reference counting, metadata)", r"^swift_|swift::|\(.*libswiftCore|malloc|free\b|_int_"),
    ("Swift concurrency (tasks, executors)", r"swift_task|swift_job|dispatch|libdispatch"),
    ("the kernel (scheduling, timers, other system calls)", r"\(\[kernel"),
    ("drtop's other code", r"\(.*/drtop\)"),
]

Profile = collections.namedtuple("Profile", "samples parts error")

def available():
    """None when perf can sample here, else why not (one line)."""
    perf = shutil.which("perf")
    if not perf:
        return "perf is not installed (Debian's linux-perf)"
    probe = subprocess.run([perf, "record", "-e", "cpu-clock", "-o", "/dev/null", "-q", "--", "true"],
                           capture_output=True, text=True)
    return None if probe.returncode == 0 else f"perf cannot sample here: {probe.stderr.strip().splitlines()[-1:]}"

def _perf_args(output):
    return ["perf", "record", "-q", "-e", "cpu-clock", "-c", str(PERIOD_US * 1000), "--call-graph", "dwarf,16384",
            "-o", output]

def record(command, env=None):
    """`command` run to its end under perf; a Profile of every thread."""
    return _sampled(["--"] + list(command), env, f"{' '.join(command[:2])} under perf")

def attach(pid, seconds):
    """Process `pid` sampled for `seconds`; a Profile of every thread."""
    return _sampled(["-p", str(pid), "--", "sleep", str(seconds)], None, "perf record -p")

def _sampled(args, env, what):
    """perf record with `args` after the sampling options, parsed; a Profile that says why when it could not be."""
    why = available()
    if why:
        return Profile(0, {}, why)
    with tempfile.TemporaryDirectory(prefix="drtop-perf-") as scratch:
        data = os.path.join(scratch, "perf.data")
        done = subprocess.run(_perf_args(data) + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
        if done.returncode != 0:
            return Profile(0, {}, f"{what} exited {done.returncode}: {done.stderr.strip()[-300:]}")
        return parse(data)

def _demangled(symbols):
    """Swift symbols by their mangled names, demangled (`swift demangle --simplified`) and cut to the function's
    own name (no argument list, no generic arguments: a type in a signature is not the code that runs)."""
    mangled = sorted(s for s in symbols if s.startswith("$s"))
    names = {}
    if mangled and shutil.which("swift"):
        done = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(mangled),
                              capture_output=True, text=True)
        if done.returncode == 0:
            names = dict(zip(mangled, done.stdout.splitlines()))
    def short(name):
        name = re.sub(r"<[^<>]*>", "", re.sub(r"<[^<>]*>", "", name))  # generic arguments, two levels deep
        return name.split("(", 1)[0]
    return {symbol: short(name) for symbol, name in names.items()}

def parse(data):
    """The samples of perf.data `data` counted by part."""
    script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym,dso", "--no-inline"], capture_output=True,
                            text=True, errors="replace")
    if script.returncode != 0:
        return Profile(0, {}, f"perf script failed: {script.stderr.strip()[-300:]}")
    samples, frames = [], []
    for line in script.stdout.splitlines() + [""]:
        text = line.strip()
        if not text:
            if frames:
                samples.append((frames, 1))
            frames = []
            continue
        # "7f12ab34cd56 symbol+0x1f (/path/to/library)": the symbol and the library
        match = re.match(r"\S+ (.*?)(?:\+0x[0-9a-f]+)? \((.*)\)$", text)
        frames.append((match.group(1), match.group(2)) if match else (text, ""))
    counts = attribute(samples, PARTS, LEAF)
    return Profile(sum(counts.values()), counts, None)

def attribute(stacks, parts, leaf):
    """Weights of `stacks` ([([(symbol, library)], innermost first), weight)]) summed by part: the first of
    `parts` ((name, pattern)) one of a stack's frames matches, else the first of `leaf` its innermost frame
    matches, else "other". Swift symbols are matched demangled, by the function's name alone."""
    names = _demangled({symbol for frames, _ in stacks for symbol, _ in frames})
    parts = [(name, re.compile(pattern)) for name, pattern in parts]
    leaves = [(name, re.compile(pattern)) for name, pattern in leaf]
    counts = collections.Counter()
    leaves_by_part = collections.defaultdict(collections.Counter)  # what each part's stacks ran (PROFILE_DETAIL)
    for frames, weight in stacks:
        texts = [f"{names.get(symbol, symbol)} ({library})" for symbol, library in frames] or ["? ()"]
        name = next((name for name, pattern in parts if any(pattern.search(t) for t in texts)), None)
        if name is None:
            name = next((name for name, pattern in leaves if pattern.search(texts[0])), "other")
        counts[name] += weight
        # shown by the innermost frame that is not the allocator's or the runtime's own
        shown = next((t for t in texts if not re.match(r"(?:static |specialized |merged )*(swift_|swift::|malloc|_int_|__GI|operator new|std::|"
                                                       r"_ContiguousArrayBuffer|_DictionaryStorage|_NativeDictionary|"
                                                       r"__RawDictionaryStorage|_allocateUninitialized|_copyCollection)", t)),
                     texts[0])
        leaves_by_part[name][shown] += weight
    if os.environ.get("PROFILE_DETAIL"):
        for name, seen in sorted(leaves_by_part.items(), key=lambda item: -sum(item[1].values())):
            print(f"{name}: {sum(seen.values())}", file=sys.stderr)
            for frame, weight in seen.most_common(8):
                print(f"    {weight:9d} {frame[:150]}", file=sys.stderr)
    return dict(counts)

def summary(profile, least=3):
    """One line: the CPU sampled and each part of at least `least` %, largest first (the rest together)."""
    if profile.error:
        return f"no profile: {profile.error}"
    if not profile.samples:
        return "no profile: perf took no samples"
    total = profile.samples
    shown, rest = [], 0
    for name, count in sorted(profile.parts.items(), key=lambda item: -item[1]):
        share = 100 * count / total
        if share >= least and name != "other":
            shown.append(f"{name} {share:.0f} %")
        else:
            rest += count
    tail = f"; the rest, {100 * rest / total:.0f} %, in smaller parts" if rest else ""
    return f"{total * PERIOD_US / 1000:.0f} ms of CPU sampled: " + ", ".join(shown) + tail

def largest(profile):
    """(part, share %) of the largest part, or None."""
    if profile.error or not profile.samples:
        return None
    name, count = max(profile.parts.items(), key=lambda item: item[1])
    return name, 100 * count / profile.samples

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--":
        sys.exit("usage: bench/perfparts.py -- COMMAND [ARGS...]")
    result = record(sys.argv[2:])
    print(summary(result, least=1))
