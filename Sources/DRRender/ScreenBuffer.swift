/// A grid of cells: what one frame shows. Screens fill it; the terminal presents it.
public struct ScreenBuffer: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, row by row.
    public private(set) var cells: [Cell]
    /// Graphemes of more than one scalar (combining marks, emoji sequences), indexed by their cells' codes.
    public private(set) var clusters: [String] = []

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
        // Printable ASCII, most of every frame: one cell a byte, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                if column >= end { break }
                if column >= 0 {
                    let index = y * width + column
                    cells[index] = Cell(code: UInt32(byte), role: role, highlight: cells[index].highlight)
                }
                column += 1
            }
            return column
        }
        // One scalar a grapheme (no combining marks, joiners or variation selectors): no grapheme breaking.
        if text.unicodeScalars.allSatisfy({ TextWidth.of($0) > 0 }) {
            for scalar in text.unicodeScalars {
                let cells = TextWidth.of(scalar)
                if column + cells > end { break }
                if column >= 0 {
                    let index = y * width + column
                    self.cells[index] = Cell(code: scalar.value, role: role, highlight: self.cells[index].highlight)
                    if cells == 2 {
                        self.cells[index + 1] = Cell(code: 0, role: role, highlight: self.cells[index + 1].highlight)
                    }
                }
                column += cells
            }
            return column
        }
        for character in text {
            let cells = TextWidth.of(character)
            if cells == 0 { continue }
            if column + cells > end { break }
            if column >= 0 {
                let index = y * width + column
                var code = character.unicodeScalars.first?.value ?? 32
                if character.unicodeScalars.count > 1 {
                    code = Cell.clusterFlag | UInt32(clusters.count)
                    clusters.append(String(character))
                }
                self.cells[index] = Cell(code: code, role: role, highlight: self.cells[index].highlight)
                if cells == 2 {
                    self.cells[index + 1] = Cell(code: 0, role: role, highlight: self.cells[index + 1].highlight)
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

    /// The cells of row `y` (empty outside the buffer).
    public func cells(ofRow y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// Whether row `y` shows a grapheme of several scalars (its cells index this buffer's cluster table, so they
    /// cannot be copied into another buffer as they are).
    public func rowHasClusters(_ y: Int) -> Bool {
        cells(ofRow: y).contains { $0.code & Cell.clusterFlag != 0 }
    }

    /// Copies `row` (cells of a row of a buffer as wide as this one, with no clusters) into row `y`, keeping each
    /// cell's highlight mark.
    public mutating func setRow(_ y: Int, to row: ArraySlice<Cell>) {
        guard y >= 0, y < height, row.count == width else { return }
        var column = y * width
        for cell in row {
            cells[column] = Cell(code: cell.code, role: cell.role, highlight: cells[column].highlight)
            column += 1
        }
    }

    /// Fills row `y` with blanks of `role`.
    public mutating func clearRow(_ y: Int, role: Role = .normal) {
        guard y >= 0, y < height else { return }
        for column in 0..<width { cells[y * width + column] = Cell(" ", role: role) }
    }

    /// What cell (`x`, `y`) shows: "" for the right half of a wide character.
    public func text(x: Int, y: Int) -> String {
        text(of: cells[y * width + x])
    }

    /// What `cell`, a cell of this buffer, shows.
    public func text(of cell: Cell) -> String {
        if cell.code == 0 { return "" }
        if cell.code & Cell.clusterFlag != 0 {
            let index = Int(cell.code & ~Cell.clusterFlag)
            return index < clusters.count ? clusters[index] : "?"
        }
        return Unicode.Scalar(cell.code).map { String(Character($0)) } ?? "?"
    }

    /// The text of row `y`, trailing blanks kept.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var line = ""
        line.unicodeScalars.reserveCapacity(width)
        for cell in cells[(y * width)..<((y + 1) * width)] {
            if cell.code & Cell.clusterFlag == 0, let scalar = Unicode.Scalar(cell.code), cell.code != 0 {
                line.unicodeScalars.append(scalar)
            } else {
                line += text(of: cell)
            }
        }
        return line
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
