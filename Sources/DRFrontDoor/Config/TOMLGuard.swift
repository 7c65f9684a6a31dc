import Foundation
import TOMLKit
#if canImport(Glibc)
import Glibc
#endif

/// toml++ (under TOMLKit) stops the process with a failed assertion on some malformed files instead of
/// reporting them (fuzzing found `refresh = [}` and several table-header shapes). Before drtop's own process
/// parses a file, a forked child parses it first: if the child dies, the file is reported as one line and the
/// parser is never run here. A child that does not finish within two seconds is killed and the file is parsed
/// here as it would have been without the guard.
enum TOMLGuard {
    /// nil when the parser survives `text` (it may still reject it, with its own message); otherwise why not.
    static func check(_ text: String) -> String? {
        #if os(Linux)
        var copy = Array(text.utf8CString)
        let child = fork()
        if child == 0 {
            // The child: quiet (an assertion message and a backtrace would only confuse), parse, leave.
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, 2) }
            copy.withUnsafeMutableBufferPointer { buffer in
                _ = try? TOMLTable(string: String(cString: buffer.baseAddress!))
            }
            _exit(0)
        }
        guard child > 0 else { return nil }  // cannot fork: parse in-process as before
        let deadline = Date().addingTimeInterval(2)
        var status: Int32 = 0
        while waitpid(child, &status, WNOHANG) == 0 {
            if Date() > deadline {
                // A child that cannot finish (say a lock held by another thread at fork time) proves nothing
                // about the file: parse it here as before.
                kill(child, SIGKILL)
                waitpid(child, &status, 0)
                return nil
            }
            usleep(1000)
        }
        let signalled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
        return signalled ? "not valid TOML (the parser gave up; check brackets, braces and quotes)" : nil
        #else
        return nil
        #endif
    }
}
