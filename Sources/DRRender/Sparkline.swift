/// Draws values as a row of block characters, scaled so that a full block is `full`.
public enum Sparkline {
    private static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The last `width` values as blocks, right-aligned (older values fall off the left).
    public static func render(_ values: [Double], width: Int, full: Double) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let scale = full > 0 ? full : (shown.max() ?? 1)
        let bars = shown.map { value -> Character in
            guard scale > 0, value.isFinite else { return blocks[0] }
            let level = Int((value / scale * 8).rounded(.up)) - 1
            return blocks[min(7, max(0, level))]
        }
        return String(repeating: " ", count: width - bars.count) + String(bars)
    }
}
