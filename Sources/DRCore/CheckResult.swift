/// The outcome of one failover checklist item.
public enum CheckResult: String, Sendable, Equatable, Codable {
    case pass, warn, fail, unknown
}
