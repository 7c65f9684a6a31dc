import CNcursesW
import DRRender
import Foundation

/// The only code that talks to ncurses: starts and restores the terminal, reads keys with a timeout,
/// and presents frames by writing only the cells that changed since the last one.
public final class Terminal {
    private var palette = Palette(color: false)
    private var previous: ScreenBuffer?
    private var active = false

    /// Creates a terminal; nothing happens until `start`.
    public init() {}

    /// Takes over the terminal: alternate screen, raw keys, no cursor, colours unless `NO_COLOR` is set.
    public func start(color: Bool) {
        TerminalGuard.install()
        setlocale(LC_ALL, "")
        setenv("ESCDELAY", "25", 0)
        initscr()
        active = true
        raw()
        noecho()
        nonl()
        keypad(drtop_stdscr(), true)
        curs_set(0)
        palette = Palette(color: color)
        previous = nil
    }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard active else { return }
        active = false
        endwin()
        TerminalGuard.uninstall()
    }

    deinit { stop() }

    /// The terminal size in cells.
    public var size: (width: Int, height: Int) {
        var rows: Int32 = 0, cols: Int32 = 0
        drtop_getmaxyx(drtop_stdscr(), &rows, &cols)
        return (Int(cols), Int(rows))
    }

    /// The termination signal received since start (SIGINT, SIGTERM, SIGHUP, SIGQUIT), if any.
    public var pendingSignal: Int32? {
        let value = receivedSignal.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }

    /// Waits up to `timeoutMs` for a key on standard input or for `wake` (a descriptor that turns readable
    /// when other work has something to show) to be readable, whichever comes first.
    public func wait(timeoutMs: Int32, wake: Int32) {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        _ = poll(&fds, wake >= 0 ? 2 : 1, timeoutMs)
    }

    /// Reads a key, waiting up to `timeoutMs`. Returns nil on timeout or for keys drtop does not use.
    public func read(timeoutMs: Int32) -> TerminalInput? {
        wtimeout(drtop_stdscr(), timeoutMs)
        var value: wint_t = 0
        let status = wget_wch(drtop_stdscr(), &value)
        if status == drtop_key_code_yes() { return KeyDecoder.decode(functionKey: UInt32(value)) }
        if status == drtop_err() { return nil }
        return KeyDecoder.decode(character: UInt32(value))
    }

    /// Shows `buffer`, writing only runs of cells that differ from the previous frame.
    public func present(_ buffer: ScreenBuffer) {
        let diff = FrameDiff(from: previous, to: buffer)
        if diff.full { werase(drtop_stdscr()) }
        for run in diff.runs {
            var wide = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            drtop_put(Int32(run.y), Int32(run.x), wide, palette.attributes(for: run.role, highlight: run.highlight))
        }
        wnoutrefresh(drtop_stdscr())
        doupdate()
        previous = buffer
    }

    /// Forgets the last frame so the next one is drawn in full (after a resize).
    public func invalidate() {
        previous = nil
    }
}
