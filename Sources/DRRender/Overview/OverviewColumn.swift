/// One overview column, defined once: its header, the blanks after it, and its cell on each of a pair's rows.
/// A new measured column is one entry in `OverviewColumns.all`, its width in `OverviewLayout`, and its field.
struct OverviewColumn: Sendable {
    let id: OverviewColumnID
    /// The header; nil under a header that spans it.
    let header: (@Sendable (OverviewLayout) -> String)?
    /// The sort the header marks with "▼" when it is the current one.
    var sort: PairSort?
    var rightHeader = false
    /// Columns of one group share one header, the group's first's, over those shown (LAG (vs RPO) over the
    /// sparkline, lag, bar and share).
    var group: String?
    /// Blanks after the column.
    let gap: Int
    /// The colour of those blanks when it is not the cell's.
    var gapRole: Role?
    /// A measured value of the direction: a direction without a rule says so once across these columns.
    var measured = false
    /// The cell's text (exactly the column's width) and colour; the gap after it takes the same colour.
    let cell: @Sendable (OverviewRow) -> (text: String, role: Role)
}
