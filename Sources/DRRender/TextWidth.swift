/// Measures text in terminal cells (wide East Asian characters and emoji take two, combining marks none)
/// and cuts it to fit with an ellipsis.
public enum TextWidth {
    /// Cells taken by `character`.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1,
           character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return of(scalar)
    }

    /// Cells taken by `scalar`.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }  // ASCII, most of every frame
        // Dashes, quotes, bullets, ellipsis; arrows; box drawing, blocks and shapes: what drtop draws with.
        if (0x2010...0x2027).contains(value) || (0x2190...0x21FF).contains(value) || (0x2500...0x25FF).contains(value) {
            return 1
        }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(value) { return 2 }
        return 1
    }

    /// Cells taken by `text`.
    public static func of(_ text: String) -> Int { measure(text).cells }

    /// The cells `text` takes, and whether every scalar of it stands alone (so that it may be cut scalar by
    /// scalar): printable ASCII counted byte by byte, other such text scalar by scalar, the rest by character.
    private static func measure(_ text: String) -> (cells: Int, byScalar: Bool) {
        var ascii = 0
        for byte in text.utf8 {
            guard byte >= 0x20, byte < 0x7F else {
                if let cells = simpleWidth(text) { return (cells, true) }
                return (text.reduce(0) { $0 + of($1) }, false)
            }
            ascii += 1
        }
        return (ascii, true)
    }

    /// Whether `scalar` is always a character of its own (no mark, joiner or selector can attach to it in a
    /// grapheme cluster, nor it to another): Latin below the combining marks, and the punctuation, arrows, box
    /// drawing and shapes drtop draws with. Text made only of these is measured scalar by scalar, without
    /// breaking it into characters (the costly part of measuring every frame's "─", "●" and "⇄").
    private static func standsAlone(_ value: UInt32) -> Bool {
        (value >= 0x20 && value < 0x300) || (0x2010...0x2027).contains(value) || (0x2190...0x21FF).contains(value)
            || (0x2500...0x25FF).contains(value)
    }

    /// The width of `text` when every scalar of it stands alone (the same as measuring its characters), else nil.
    private static func simpleWidth(_ text: String) -> Int? {
        var cells = 0
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar.value) else { return nil }
            cells += of(scalar)
        }
        return cells
    }

    /// `text` cut to at most `width` cells, ending in "…" when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let (total, byScalar) = measure(text)
        if total <= width { return text }
        if byScalar {
            var out = String.UnicodeScalarView()
            var used = 0
            for scalar in text.unicodeScalars {
                let cells = of(scalar)
                if used + cells > width - 1 { break }
                out.append(scalar)
                used += cells
            }
            return String(out) + "…"
        }
        var out = ""
        var used = 0
        for character in text {
            let cells = of(character)
            if used + cells > width - 1 { break }
            out.append(character)
            used += cells
        }
        return out + "…"
    }

    /// `text` cut or padded with spaces to exactly `width` cells; `right` aligns it to the right.
    public static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return right ? padding + cut : cut + padding
    }

    /// `text` broken into lines of at most `width` cells at spaces (a word longer than a line is cut).
    public static func wrap(_ text: String, to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if of(candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                line = of(word) <= width ? word : truncate(word, to: width)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0x303E) || (v >= 0x3041 && v <= 0x33FF)
            || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xA000 && v <= 0xA4CF)
            || (v >= 0xAC00 && v <= 0xD7A3) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F)
            || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1F64F)
            || (v >= 0x1F900 && v <= 0x1F9FF) || (v >= 0x20000 && v <= 0x3FFFD)
    }
}
