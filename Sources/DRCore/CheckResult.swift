/// The outcome of one failover checklist item.
public enum CheckResult: String, Sendable, Equatable, Codable {
    case pass, warn, fail, unknown

    /// The number metrics carry: 0 pass, 1 warn, 2 fail, 3 unknown (the exit codes' order).
    public var code: Int {
        switch self {
        case .pass: return 0
        case .warn: return 1
        case .fail: return 2
        case .unknown: return 3
        }
    }
}
