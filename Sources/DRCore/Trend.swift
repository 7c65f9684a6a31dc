/// Which way a direction's lag is heading.
public enum Trend: String, Sendable, Equatable, Codable {
    case growing, draining, steady, unknown
}
