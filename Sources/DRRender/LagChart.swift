import DRCore

/// A lag chart against the RPO line: one column per sample, newest on the right, eighth-cell bars.
enum LagChart {
    private static let blocks: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws `samples` in the box at (`x`, `y`) of `width` × `height` cells, with axis labels on the left.
    static func draw(
        _ buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int, samples: [Double], rpo: Double,
        evaluator: HealthEvaluator
    ) {
        guard width > 10, height > 0 else { return }
        let axis = 7
        let plot = width - axis
        let shown = Array(samples.suffix(plot))
        let top = max(rpo * 1.25, (shown.max() ?? 0) * 1.1, 1)
        let rpoRow = height - 1 - min(height - 1, Int((rpo / top * Double(height)).rounded(.down)))
        for row in 0..<height {
            let label: String
            if row == 0 { label = Format.duration(top) } else if row == height - 1 { label = "0s" } else { label = "" }
            buffer.put(TextWidth.fit(label, axis - 1, right: true) + "┤", x: x, y: y + row, role: .dim)
        }
        for column in 0..<plot {
            let sampleIndex = column - (plot - shown.count)
            let value = sampleIndex >= 0 ? shown[sampleIndex] : nil
            let role = value.map { Style.health(evaluator.state(forShare: rpo > 0 ? $0 / rpo : 0)).role } ?? .dim
            let eighths = value.map { Int(($0 / top * Double(height * 8)).rounded()) } ?? 0
            for row in 0..<height {
                let fromBottom = height - 1 - row
                let level = min(8, max(0, eighths - fromBottom * 8))
                if level > 0 {
                    buffer.put(blocks[level], x: x + axis + column, y: y + row, role: role)
                } else if row == rpoRow {
                    buffer.put("╌", x: x + axis + column, y: y + row, role: .critical)
                }
            }
        }
        let tag = " RPO \(Format.duration(rpo)) "
        buffer.put(tag, x: x + width - TextWidth.of(tag), y: y + rpoRow, role: .critical)
    }
}
