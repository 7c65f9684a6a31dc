import DRCore
import Foundation

/// A strict, small XML reader for AWS answers: elements, text, the five named entities and numeric character
/// references, CDATA, comments, processing instructions and a DOCTYPE-free prolog. Attributes are read and
/// dropped; namespace prefixes are dropped from names. Anything else — bad UTF-8, unbalanced tags, more than
/// 64 levels, a DOCTYPE (no entity expansion, ever) — is an error, never a crash.
struct XMLReader {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Why the input is not XML drtop reads.
    struct Failure: Error {
        let reason: String
        let offset: Int
    }

    init(_ data: Data) {
        bytes = [UInt8](data)
    }

    /// The root element.
    mutating func document() throws -> XMLNode {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw Failure(reason: "not UTF-8", offset: 0) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        try misc()
        guard peek(0x3C) else { throw fail("no root element") }
        let root = try element()
        try misc()
        guard index == bytes.count else { throw fail("content after the root element") }
        return root
    }

    private func fail(_ reason: String) -> Failure { Failure(reason: reason, offset: index) }

    private func peek(_ byte: UInt8, at offset: Int = 0) -> Bool {
        index + offset < bytes.count && bytes[index + offset] == byte
    }

    /// Whether the input at the reading position begins with `text` (compared byte by byte, nothing copied: this
    /// runs at every `<` of every answer).
    private func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pattern = text.utf8Start
        for offset in 0..<count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    /// XML's white space: space, tab, LF, CR.
    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A byte that ends a name: white space, `/ > = < " ' &`.
    @inline(__always)
    private static func endsName(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E, 0x3D, 0x3C, 0x22, 0x27, 0x26: return true
        default: return false
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    /// Skips to just after `terminator`.
    private mutating func skip(past terminator: String) throws {
        let pattern = Array(terminator.utf8)
        while index + pattern.count <= bytes.count {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) {
                index += pattern.count
                return
            }
            index += 1
        }
        throw fail("unterminated \(terminator)")
    }

    /// Whitespace, comments and processing instructions around the root.
    private mutating func misc() throws {
        while true {
            skipSpace()
            if starts(with: "<?") {
                try skip(past: "?>")
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<!") {
                throw fail("DOCTYPE and declarations are not accepted")
            } else {
                return
            }
        }
    }

    private mutating func name() throws -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if Self.endsName(byte) { break }
            index += 1
        }
        guard index > start else { throw fail("expected a name") }
        // The local part: after the last ":" (a namespace prefix is dropped), found in the bytes.
        var local = start
        for position in start..<index where bytes[position] == 0x3A { local = position + 1 }
        return String(decoding: bytes[local..<index], as: UTF8.self)
    }

    private mutating func element() throws -> XMLNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 64 else { throw fail("nested more than 64 levels") }
        index += 1  // <
        let tag = try name()
        // Attributes: name="value" or name='value', read and dropped.
        while true {
            skipSpace()
            if starts(with: "/>") {
                index += 2
                return XMLNode(name: tag, text: "", children: [])
            }
            if peek(0x3E) {
                index += 1
                break
            }
            _ = try name()
            skipSpace()
            guard peek(0x3D) else { throw fail("attribute without a value") }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == 0x22 || bytes[index] == 0x27 else { throw fail("unquoted attribute") }
            let quote = bytes[index]
            index += 1
            while index < bytes.count, bytes[index] != quote {
                if bytes[index] == 0x3C { throw fail("< in an attribute value") }
                index += 1
            }
            guard index < bytes.count else { throw fail("unterminated attribute value") }
            index += 1
        }
        var text: [UInt8] = []
        var children: [XMLNode] = []
        while true {
            guard index < bytes.count else { throw fail("<\(tag)> is not closed") }
            let byte = bytes[index]
            if byte == 0x3C {
                if starts(with: "</") {
                    index += 2
                    let closing = try name()
                    skipSpace()
                    guard closing == tag, peek(0x3E) else { throw fail("</\(closing)> does not close <\(tag)>") }
                    index += 1
                    let value = Trimming.trimmed(text)
                    return XMLNode(name: tag, text: value, children: children)
                } else if starts(with: "<!--") {
                    try skip(past: "-->")
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>")
                    append(bytes[start..<index - 3], to: &text)
                } else if starts(with: "<?") {
                    try skip(past: "?>")
                } else if starts(with: "<!") {
                    throw fail("declarations are not accepted inside elements")
                } else {
                    children.append(try element())
                }
            } else if byte == 0x26 {
                append(try reference(), to: &text)
            } else {
                if text.count < 1 << 20 { text.append(byte) }
                index += 1
            }
        }
    }

    private func append<Bytes: Sequence>(_ more: Bytes, to text: inout [UInt8]) where Bytes.Element == UInt8 {
        if text.count < 1 << 20 { text.append(contentsOf: more) }
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;`, `&#xNN;`.
    private mutating func reference() throws -> [UInt8] {
        let start = index
        while index < bytes.count, bytes[index] != 0x3B, index - start < 12 { index += 1 }
        guard peek(0x3B) else { throw fail("unterminated character reference") }
        let body = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        index += 1
        switch body {
        case "amp": return [0x26]
        case "lt": return [0x3C]
        case "gt": return [0x3E]
        case "quot": return [0x22]
        case "apos": return [0x27]
        default:
            var digits = Substring(body)
            guard digits.first == "#" else { throw fail("unknown entity &\(body);") }
            digits = digits.dropFirst()
            let radix = digits.first == "x" ? 16 : 10
            if radix == 16 { digits = digits.dropFirst() }
            guard let value = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(value), value != 0 else {
                throw fail("bad character reference &\(body);")
            }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
