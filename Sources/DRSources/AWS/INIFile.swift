import DRCore
import Foundation

/// The AWS shared `config` / `credentials` file format: `[section]` headers and `key = value` lines.
/// Comments start with # or ;. Indented lines continue a nested block (as under `s3 =`) and are kept out of
/// the flat keys.
public struct INIFile: Sendable, Equatable {
    /// Keys of each section, by section name as written ("default", "profile prod", "prod").
    public var sections: [String: [String: String]]

    /// Parses `text`; `path` names the file in errors. Throws a one-line `SourceProblem` with the line number.
    public init(_ text: String, path: String) throws {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if raw.first == " " || raw.first == "\t" { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw SourceProblem(.other, "\(path):\(index + 1): section header without closing ]")
                }
                let name = line.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
                    .joined(separator: " ")
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw SourceProblem(.other, "\(path):\(index + 1): expected key = value")
            }
            guard let section = current else {
                throw SourceProblem(.other, "\(path):\(index + 1): key outside any [section]")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[section, default: [:]][key] = value
        }
        self.sections = sections
    }
}
