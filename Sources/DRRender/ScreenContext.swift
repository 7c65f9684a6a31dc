/// Which screen a key binding applies to.
public enum ScreenContext: String, Sendable, Equatable, Hashable, CaseIterable {
    case overview, drillDown, failover, help, object
}
