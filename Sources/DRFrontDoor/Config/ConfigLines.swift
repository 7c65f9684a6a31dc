import Foundation

/// Finds the line of a key in a TOML file, for error messages (TOMLKit gives positions only for syntax errors).
struct ConfigLines {
    private struct Line {
        var number: Int
        var section: String?
        var index: Int?
        var key: String?
        var isHeader: Bool
    }

    private var lines: [Line] = []

    init(_ text: String) {
        var section: String?
        var counts: [String: Int] = [:]
        var index: Int?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[[") {
                let name = String(line.dropFirst(2).prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
                section = name
                index = counts[name, default: -1] + 1
                counts[name] = index
                lines.append(Line(number: offset + 1, section: section, index: index, key: nil, isHeader: true))
            } else if line.hasPrefix("[") {
                let name = String(line.dropFirst().prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
                section = name
                // A sub-table of an array entry ([pair.routing] after [[pair]]) belongs to that entry.
                let parent = name.split(separator: ".").first.map(String.init)
                index = name.contains(".") ? parent.flatMap { counts[$0] } : nil
                lines.append(Line(number: offset + 1, section: section, index: nil, key: nil, isHeader: true))
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                var key = line[..<equals].trimmingCharacters(in: .whitespaces)
                key = key.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                lines.append(Line(number: offset + 1, section: section, index: index, key: key, isHeader: false))
            }
        }
    }

    /// The line of `key` (its first dotted part) in `section` (nil: top level) and array entry `index`;
    /// the section's header line when the key is not written (unless `headerFallback` is false); nil when neither
    /// is found.
    func line(section: String?, index: Int?, key: String?, headerFallback: Bool = true) -> Int? {
        let first = key.map { String($0.split(separator: ".").first ?? Substring($0)) }
        if let first, let hit = lines.first(where: {
            !$0.isHeader && $0.section == section && $0.index == index && $0.key == first
        }) {
            return hit.number
        }
        guard headerFallback else { return nil }
        if let section, let header = lines.first(where: {
            $0.isHeader && $0.section == section && $0.index == index
        }) {
            return header.number
        }
        if section == nil, let first, first.contains(".") == false,
           let header = lines.first(where: { $0.isHeader && ($0.section == first || $0.section?.hasPrefix(first + ".") == true) }) {
            return header.number
        }
        return nil
    }
}
