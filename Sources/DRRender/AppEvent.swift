import DRCore
import Foundation

/// Everything that can change the UI state.
public enum AppEvent: Sendable, Equatable {
    /// A key was pressed.
    case key(Key)
    /// The poller published a snapshot.
    case snapshot(Snapshot)
    /// The poller published a snapshot, judged already (off the UI thread).
    case assessed(Snapshot, Assessment)
    /// Time passed (ages on screen move on).
    case tick(Date)
    /// The terminal changed size.
    case resize(width: Int, height: Int)
    /// The failover report was written to `path`.
    case exported(path: String)
    /// Writing the failover report failed.
    case exportFailed(String)
    /// An object lookup the drill-down asked for answered.
    case objectLooked(ObjectReport)
    /// An object lookup could not run (the demo has no objects).
    case objectLookupFailed(key: String, why: String)
    /// The source answered the lag history the chart asked for.
    case lagHistory(LagHistory)

    /// Whether the event brings a snapshot (judged or not): a newer one replaces it in an undelivered queue.
    public var bringsSnapshot: Bool {
        switch self {
        case .snapshot, .assessed: return true
        default: return false
        }
    }
}
