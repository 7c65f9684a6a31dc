import DRCore
import Foundation
import TOMLKit

/// Typed access to TOML values with errors that name the file, line and key.
struct Reader {
    let path: String
    let lines: ConfigLines

    /// The error for `key` of `section` (array entry `index`).
    func error(_ section: String?, _ key: String, _ index: Int?, _ message: String) -> ConfigError {
        let tableName = section?.components(separatedBy: ".").first == "regions" && section?.contains(".") == false
            ? "regions.\(key)" : section
        // A key of a sub-table ("routing.mrap" of [pair.routing]) is found under that table's header first.
        let nested = key.split(separator: ".", maxSplits: 1).map(String.init)
        let subTable = section.flatMap { section in
            nested.count == 2 ? lines.line(section: "\(section).\(nested[0])", index: index, key: nested[1],
                                           headerFallback: false) : nil
        }
        let line = subTable ?? lines.line(section: tableName, index: index, key: key)
            ?? lines.line(section: section, index: index, key: key)
            // A table of tables ([ceph.buckets.NAME]): the table's own header.
            ?? section.flatMap { lines.line(section: "\($0).\(key)", index: index, key: nil) }
        var name = key
        if let section {
            name = index.map { "\(section)[\($0 + 1)].\(key)" } ?? "\(section).\(key)"
        }
        return ConfigError("\(path)\(line.map { ":\($0)" } ?? ""): \(name): \(message)")
    }

    func unknownKeys(_ table: TOMLTable, allowed: Set<String>, section: String?, index: Int?, prefix: String = "")
        throws {
        for key in table.keys where !allowed.contains(key) {
            let known = allowed.sorted().joined(separator: ", ")
            throw error(section, prefix + key, index, "unknown key (known: \(known))")
        }
    }

    private func typeName(_ value: TOMLValueConvertible) -> String { value.type.description }

    func string(_ table: TOMLTable, _ key: String, section: String?, index: Int? = nil, prefix: String = "")
        throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else {
            throw error(section, prefix + key, index, "expected a string, found \(typeName(value))")
        }
        return text
    }

    func bool(_ table: TOMLTable, _ key: String, section: String?, index: Int? = nil) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else {
            throw error(section, key, index, "expected true or false, found \(typeName(value))")
        }
        return flag
    }

    func number(_ table: TOMLTable, _ key: String, section: String?, index: Int? = nil) throws -> Double? {
        guard let value = table[key] else { return nil }
        if let int = value.int { return Double(int) }
        if let double = value.double, double.isFinite { return double }
        throw error(section, key, index, "expected a number, found \(typeName(value))")
    }

    func table(_ table: TOMLTable, _ key: String, section: String?) throws -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else {
            throw error(section, key, nil, "expected a table ([\(key)]), found \(typeName(value))")
        }
        return inner
    }

    /// A duration: a string such as "90s", "15m", "1h30m", or a number of seconds.
    func duration(_ table: TOMLTable, _ key: String, section: String?, index: Int? = nil) throws -> Double? {
        guard let value = table[key] else { return nil }
        if let int = value.int, int >= 0 { return Double(int) }
        if let double = value.double, double.isFinite, double >= 0 { return double }
        if let text = value.string, let seconds = DurationParser.seconds(text) { return seconds }
        let shown = value.string.map { "'\($0)'" } ?? typeName(value)
        throw error(section, key, index, "\(shown) is not a duration (try 90s, 15m, 1h30m)")
    }
}
