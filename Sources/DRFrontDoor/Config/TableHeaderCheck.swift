/// Catches table headers that toml++ (under TOMLKit) asserts on instead of reporting — `[= …]`, `[[ =` — so
/// that they are a one-line error like every other mistake, not an abort. Every line is checked, even inside
/// a multi-line string (none of drtop's settings takes one), so no quoting trick can slip one through.
package enum TableHeaderCheck {
    /// The first bad header as (line number, what was seen), or nil.
    package static func firstProblem(_ text: String) -> (line: Int, saw: Character?)? {
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = raw.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first else { return (offset + 1, nil) }
            let bare = first.isASCII && (first.isLetter || first.isNumber || first == "_" || first == "-")
            if !bare, !["\"", "'", "]"].contains(first) { return (offset + 1, first == "\r" ? nil : first) }
        }
        return nil
    }
}
