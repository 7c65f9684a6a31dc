import Foundation

/// A JSON value written with keys in the order given, nulls kept: drtop's machine-readable output.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text() == rhs.text() }

    /// An optional number, null when nil.
    public static func number<T: BinaryInteger>(_ value: T?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    /// An optional number, null when nil or not finite.
    public static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }
    /// An optional string, null when nil.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// The JSON text, pretty-printed with two-space indents when `pretty`.
    public func text(pretty: Bool = true, indent: String = "") -> String {
        let inner = indent + "  "
        let newline = pretty ? "\n" : ""
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return Self.quote(value)
        case .array(let items):
            if items.isEmpty { return "[]" }
            let body = items.map { (pretty ? inner : "") + $0.text(pretty: pretty, indent: inner) }
            return "[" + newline + body.joined(separator: "," + newline) + newline + (pretty ? indent : "") + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            let body = fields.map {
                (pretty ? inner : "") + Self.quote($0.0) + (pretty ? ": " : ":") + $0.1.text(pretty: pretty, indent: inner)
            }
            return "{" + newline + body.joined(separator: "," + newline) + newline + (pretty ? indent : "") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
