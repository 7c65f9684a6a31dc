/// The runs of cells a terminal must write to turn one frame into the next: consecutive changed cells of one
/// role and highlight on one row. A frame identical to the last gives none; a frame of another size, all.
public struct FrameDiff: Sendable, Equatable {
    /// One run: the text of its cells, where it starts, and how it looks.
    public struct Run: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var text: String
        public var role: Role
        public var highlight: Bool
    }

    /// The runs, top to bottom, left to right.
    public var runs: [Run] = []
    /// True when the whole screen is drawn anew (first frame, or the size changed).
    public var full = false

    /// The difference from `previous` (nil: nothing drawn yet) to `next`.
    public init(from previous: ScreenBuffer?, to next: ScreenBuffer) {
        let old = previous.flatMap { $0.width == next.width && $0.height == next.height ? $0 : nil }
        full = old == nil
        func changed(_ x: Int, _ y: Int) -> Bool {
            guard let old else { return true }
            let before = old[x, y], after = next[x, y]
            if before != after { return true }
            // Same cluster index in two frames may stand for two different graphemes: compare their text.
            return after.code & Cell.clusterFlag != 0 && old.text(of: before) != next.text(of: after)
        }
        for y in 0..<next.height {
            var x = 0
            while x < next.width {
                let cell = next[x, y]
                guard !cell.isCovered, changed(x, y) else {
                    x += 1
                    continue
                }
                // The right halves of wide characters (covered cells) ride along with their left half.
                let start = x
                var text = ""
                while x < next.width, next[x, y].role == cell.role, next[x, y].highlight == cell.highlight, changed(x, y) {
                    text += next.text(of: next[x, y])
                    x += 1
                }
                runs.append(Run(x: start, y: y, text: text, role: cell.role, highlight: cell.highlight))
            }
        }
    }
}
