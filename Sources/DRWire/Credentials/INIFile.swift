import DRCore
import Foundation

/// The AWS shared `config` / `credentials` file format: `[section]` headers and `key = value` lines.
/// Comments start with # or ;. Indented lines continue a nested block (as under `s3 =`) and are kept out of
/// the flat keys.
package struct INIFile: Sendable, Equatable {
    /// Keys of each section, by section name as written ("default", "profile prod", "prod").
    package var sections: [String: [String: String]]

    /// Parses `text`; `path` names the file in errors. Throws a one-line `SourceProblem` with the line number.
    package init(_ text: String, path: String) throws {
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

    /// Reads and parses the file at `path`; nil when nothing is there. An empty file and a character device
    /// (`AWS_CONFIG_FILE=/dev/null`) read as no sections. A directory, a file that cannot be opened, or one that
    /// is not UTF-8 is a one-line `SourceProblem` naming the path.
    package static func read(path: String) throws -> INIFile? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SourceProblem(.other, "\(path): cannot be read (\(String(cString: strerror(errno))))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            throw SourceProblem(.other, "\(path): is a directory, not a file")
        case S_IFREG, S_IFCHR, S_IFIFO:
            break
        default:
            throw SourceProblem(.other, "\(path): is not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SourceProblem(.other, "\(path): cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { try? handle.close() }
        let limit = 4 << 20
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw SourceProblem(.other, "\(path): cannot be read (\(error.localizedDescription))")
        }
        // A shared file is small; this also stops a device that never ends (/dev/zero).
        guard data.count <= limit else { throw SourceProblem(.other, "\(path): larger than 4 MiB, not a shared AWS file") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SourceProblem(.other, "\(path): cannot be read as UTF-8 text")
        }
        return try INIFile(text, path: path)
    }
}
