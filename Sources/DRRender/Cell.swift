/// One terminal cell: a character (or nothing, for the right half of a wide character) and its role.
/// Plain data — no reference counting — so that a frame of 30,000 cells is cheap to build and compare.
public struct Cell: Sendable, Equatable {
    /// The character: a Unicode scalar value; 0 for the right half of a wide character; with `clusterFlag`
    /// set, the index of a grapheme of several scalars in its buffer's cluster table (`ScreenBuffer.text`).
    public var code: UInt32
    /// What it means.
    public var role: Role
    /// Whether the cell belongs to the selected row (drawn on a highlight, keeping its role's colour).
    public var highlight: Bool

    /// Marks `code` as an index into the buffer's cluster table.
    public static let clusterFlag: UInt32 = 0x8000_0000

    /// Creates a cell showing one scalar.
    public init(_ scalar: Unicode.Scalar = " ", role: Role = .normal, highlight: Bool = false) {
        self.init(code: scalar.value, role: role, highlight: highlight)
    }

    /// Creates a cell from its code.
    public init(code: UInt32, role: Role = .normal, highlight: Bool = false) {
        self.code = code
        self.role = role
        self.highlight = highlight
    }

    /// True for the right half of a wide character.
    public var isCovered: Bool { code == 0 }

    /// A blank cell.
    public static let blank = Cell()
}
