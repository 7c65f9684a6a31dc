import DRCore

/// What one of a pair's two overview rows shows: the pair, the direction of the row and their judgement.
struct OverviewRow {
    let pair: BucketPair
    /// Primary → secondary on the first row, back on the second.
    let direction: DirectionStatus
    let health: DirectionHealth
    let judged: PairAssessment
    /// Whether this is the pair's first row.
    let first: Bool
    let layout: OverviewLayout

    /// The width of column `id`.
    func width(_ id: OverviewColumnID) -> Int { layout.width(id) }

    /// The state's symbol and role, shared by the lag's cells.
    var style: (symbol: String, role: Role) { Style.health(health.state) }
}
