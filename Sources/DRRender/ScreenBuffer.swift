/// A grid of cells: what one frame shows. Screens fill it; the terminal presents it.
public struct ScreenBuffer: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, row by row.
    public private(set) var cells: [Cell]

    /// A blank buffer of `width` × `height` cells.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from column `x` of row `y` in `role`, clipped to the buffer and to `limit` cells when given.
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        var column = x
        for character in text {
            let cells = TextWidth.of(character)
            if cells == 0 { continue }
            if column + cells > end { break }
            if column >= 0 {
                let index = y * width + column
                self.cells[index] = Cell(String(character), role: role, highlight: self.cells[index].highlight)
                if cells == 2 {
                    self.cells[index + 1] = Cell("", role: role, highlight: self.cells[index + 1].highlight)
                }
            }
            column += cells
        }
        return column
    }

    /// Sets the role of cells `x..<x+count` of row `y` without changing their text.
    public mutating func paint(_ role: Role, x: Int, y: Int, count: Int) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + count) { cells[y * width + column].role = role }
    }

    /// Marks row `y` as the selected row; text written into it afterwards keeps the mark.
    public mutating func highlightRow(_ y: Int) {
        guard y >= 0, y < height else { return }
        for column in 0..<width { cells[y * width + column].highlight = true }
    }

    /// Fills row `y` with blanks of `role`.
    public mutating func clearRow(_ y: Int, role: Role = .normal) {
        guard y >= 0, y < height else { return }
        for column in 0..<width { cells[y * width + column] = Cell(" ", role: role) }
    }

    /// The text of row `y`, trailing blanks kept.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return cells[(y * width)..<((y + 1) * width)].map(\.text).joined()
    }

    /// Every row's text with trailing spaces removed, joined by newlines: what tests compare.
    public var text: String {
        (0..<height).map { y in
            var line = row(y)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
