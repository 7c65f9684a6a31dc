/// Semantic colour roles: screens say what a cell means, the terminal decides how it looks.
public enum Role: Int, Sendable, Equatable, CaseIterable {
    /// Ordinary text.
    case normal
    /// Secondary text: labels, units, explanations.
    case dim
    /// The title bar.
    case title
    /// Column headers and section titles.
    case heading
    /// Healthy: ok, pass, up.
    case healthy
    /// Needs attention: warning, warn, degraded.
    case warning
    /// Broken: breach, fail, down.
    case critical
    /// Not known: missing or stale data. Never drawn like healthy.
    case unknown
    /// The selected row.
    case focus
    /// The DEMO badge and other emphasis.
    case accent
}
