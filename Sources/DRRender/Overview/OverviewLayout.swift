/// The overview's column widths for a terminal `width` wide: narrow terminals drop the sparkline, the primary
/// column and the byte counts before the pair name gets too short (below 100 columns the second row names the
/// primary instead); the TRAFFIC · RTO column appears when some pair names its routing, from 115 columns (below,
/// the second row says where users go). The pair name takes what is left.
struct OverviewLayout {
    /// Below 80 columns FAILED and READINESS are headed FAIL and READY; every header keeps room for "▼".
    let narrow: Bool
    private var widths: [OverviewColumnID: Int]

    init(width: Int, routing: Bool) {
        narrow = width < 80
        let traffic = routing && width >= 115 ? 17 : 0
        widths = [
            .primary: width >= 100 ? 11 : 0,
            .dir: 4,
            .spark: traffic > 0 && width < 140 ? 0 : width >= 110 ? 10 : width >= 90 ? 5 : 0,
            .lag: 6,
            .bar: width >= 100 ? 8 : 0,
            // The state's symbol and the lag's share of the RPO: "▲  56%", "✖>999%" (never cut).
            .share: 6,
            .pending: width >= 110 ? 20 : width >= 76 ? 16 : 10,
            .failed: narrow ? 5 : 7,
            .traffic: traffic,
            .ready: narrow ? 9 : 10,
        ]
        let used = OverviewColumns.all.filter { $0.id != .name }.reduce(1) { total, column in
            let shown = widths[column.id] ?? 0
            return total + (shown > 0 ? shown + column.gap : 0)
        }
        // One column is left free at the right edge; the name's own gap is the blank before the next column.
        widths[.name] = max(8, width - used - 1 - OverviewColumns.nameGap)
    }

    /// The width of column `id`; 0 when it is not shown.
    func width(_ id: OverviewColumnID) -> Int { widths[id] ?? 0 }
}
