/// One terminal cell: a grapheme (or "" for the right half of a wide character) and its role.
public struct Cell: Sendable, Equatable {
    /// What the cell shows; "" when a wide character to its left covers it.
    public var text: String
    /// What it means.
    public var role: Role
    /// Whether the cell belongs to the selected row (drawn on a highlight, keeping its role's colour).
    public var highlight: Bool

    /// Creates a cell.
    public init(_ text: String = " ", role: Role = .normal, highlight: Bool = false) {
        self.text = text
        self.role = role
        self.highlight = highlight
    }

    /// A blank cell.
    public static let blank = Cell()
}
