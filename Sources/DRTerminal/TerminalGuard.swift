import Foundation
import Synchronization

/// The last termination signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT), 0 when none.
/// Written by the signal handler, read by the UI loop once per frame.
let receivedSignal = Atomic<Int32>(0)

/// The terminal settings saved before ncurses started, restored by the crash handler.
nonisolated(unsafe) private let savedTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
private let haveSavedTermios = Atomic<Bool>(false)

/// Makes sure the terminal is given back in every way drtop can end: termination signals become a clean
/// shutdown of the UI loop; crashes (traps, segfaults, aborts) restore the saved settings and leave the
/// alternate screen from the signal handler, using only async-signal-safe calls, then die as they would have.
enum TerminalGuard {
    /// Saves the current settings of standard input and installs the handlers.
    static func install() {
        if tcgetattr(STDIN_FILENO, savedTermios) == 0 { haveSavedTermios.store(true, ordering: .sequentiallyConsistent) }
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { number in receivedSignal.store(number, ordering: .sequentiallyConsistent) }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { number in
                TerminalGuard.restoreRaw()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    /// Puts back the default handlers (after a clean shutdown).
    static func uninstall() {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig, SIG_DFL)
        }
    }

    /// Restores the saved settings and resets the screen with async-signal-safe calls only.
    static func restoreRaw() {
        if haveSavedTermios.load(ordering: .sequentiallyConsistent) {
            tcsetattr(STDIN_FILENO, TCSANOW, savedTermios)
        }
        let reset: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
        _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
    }
}
