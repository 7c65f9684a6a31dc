import DRCore
import Foundation

/// A lag chart against the RPO line over a time window ending now: each column the worst lag of its slice of
/// the window, eighth-cell bars; a slice nothing was measured in is a dim dot, never a zero. With three rows
/// or more the last is the time axis, naming the span and where the figures come from.
enum LagChart {
    private static let blocks: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws `samples` over the `seconds` before `now` in the box at (`x`, `y`) of `width` × `height` cells,
    /// with value labels on the left. `caption` names the figures' origin on the time axis.
    /// `history` (a source's answer for a longer window, each sample the worst of `historyPeriod` seconds) is
    /// drawn with `samples` (what the snapshots carry), the worse of the two in each column.
    static func draw(
        _ buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int, samples: [Sample],
        history: [Sample] = [], historyPeriod: Int? = nil, seconds: Double, now: Date, rpo: Double, caption: String,
        thresholds: Thresholds
    ) {
        guard width > 10, height > 0 else { return }
        let axis = 7
        let plot = width - axis
        let rows = height >= 3 ? height - 1 : height
        var columns = worstPerColumn(samples, columns: plot, seconds: seconds, now: now)
        if !history.isEmpty {
            let older = worstPerColumn(history, columns: plot, seconds: seconds, now: now,
                                       hold: historyPeriod.map { Double($0) })
            columns = zip(columns, older).map { held, read in
                switch (held, read) {
                case let (a?, b?): return max(a, b)
                default: return held ?? read
                }
            }
        }
        let top = max(rpo * 1.25, (columns.compactMap { $0 }.max() ?? 0) * 1.1, 1)
        let rpoRow = rows - 1 - min(rows - 1, Int((rpo / top * Double(rows)).rounded(.down)))
        for row in 0..<rows {
            let label: String
            if row == 0 { label = Format.duration(top) } else if row == rows - 1 { label = "0s" } else { label = "" }
            buffer.put(TextWidth.fit(label, axis - 1, right: true) + "┤", x: x, y: y + row, role: .dim)
        }
        for (column, value) in columns.enumerated() {
            let role = value.map { Style.health(thresholds.state(forShare: rpo > 0 ? $0 / rpo : 0)).role } ?? .dim
            let eighths = value.map { Int(($0 / top * Double(rows * 8)).rounded()) } ?? 0
            for row in 0..<rows {
                let fromBottom = rows - 1 - row
                let level = min(8, max(0, eighths - fromBottom * 8))
                if level > 0 {
                    buffer.put(blocks[level], x: x + axis + column, y: y + row, role: role)
                } else if row == rpoRow {
                    buffer.put("╌", x: x + axis + column, y: y + row, role: .critical)
                } else if value == nil, fromBottom == 0 {
                    buffer.put("·", x: x + axis + column, y: y + row, role: .dim)
                }
            }
        }
        let tag = " RPO \(Format.duration(rpo)) "
        buffer.put(tag, x: x + width - TextWidth.of(tag), y: y + rpoRow, role: .critical)
        guard rows < height else { return }
        timeAxis(&buffer, x: x + axis - 1, y: y + rows, width: plot + 1, seconds: seconds,
                 caption: caption + (columns.contains { $0 == nil } ? " · ·: not measured" : ""))
    }

    /// "└−6 h ──── CloudWatch ReplicationLatency, 1-min maximum ──── now": the span, and the caption in the middle
    /// when it fits (cut with an ellipsis when it does not).
    private static func timeAxis(_ buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, seconds: Double,
                                 caption: String) {
        let start = "└−" + Format.duration(seconds) + " "
        let end = " now"
        let room = width - TextWidth.of(start) - TextWidth.of(end) - 4
        var middle = ""
        if room >= 8 { middle = " " + TextWidth.truncate(caption, to: room) + " " }
        let dashes = max(0, width - TextWidth.of(start) - TextWidth.of(middle) - TextWidth.of(end))
        let left = dashes / 2
        let line = start + String(repeating: "─", count: left) + middle + String(repeating: "─", count: dashes - left)
            + end
        buffer.put(TextWidth.truncate(line, to: width), x: x, y: y, role: .dim)
    }

    /// The worst lag of each of `columns` equal slices of the `seconds` before `now` (nil: nothing measured
    /// in it). A sample stands for its time until the next sample, for at most twice the series' usual
    /// spacing: a sample is the worst lag of its period, and a gap in the series is a gap in the chart.
    /// With `hold` (the samples' own period), a sample stands for that long; otherwise for twice the series' usual
    /// spacing. A sample stamped after `now` (a clock behind the source's) counts as now's.
    static func worstPerColumn(_ samples: [Sample], columns: Int, seconds: Double, now: Date, hold period: Double? = nil)
        -> [Double?] {
        guard columns > 0, seconds > 0 else { return [] }
        var result = [Double?](repeating: nil, count: columns)
        let sorted = samples.sorted { $0.time < $1.time }
        let gaps = zip(sorted, sorted.dropFirst()).map { $1.time.timeIntervalSince($0.time) }.filter { $0 > 0 }.sorted()
        let hold = period ?? (gaps.isEmpty ? 60 : 2 * gaps[gaps.count / 2])
        let start = now.timeIntervalSince1970 - seconds
        let slice = seconds / Double(columns)
        for (index, sample) in sorted.enumerated() {
            let from = min(sample.time.timeIntervalSince1970, now.timeIntervalSince1970)
            var until = from + hold
            if index + 1 < sorted.count { until = min(until, max(from, sorted[index + 1].time.timeIntervalSince1970)) }
            until = min(until, now.timeIntervalSince1970)
            guard until > start || from >= start, from <= now.timeIntervalSince1970 else { continue }
            let first = min(columns - 1, max(0, Int(((from - start) / slice).rounded(.down))))
            // The slice the sample's last instant falls in (a sample that ends where a slice begins stays out).
            let last = min(columns - 1, max(first, Int(((max(from, until - 0.001) - start) / slice).rounded(.down))))
            guard first < columns else { continue }
            for column in first...last { result[column] = max(result[column] ?? 0, sample.value) }
        }
        return result
    }
}
