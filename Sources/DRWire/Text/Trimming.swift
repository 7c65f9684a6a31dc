import Foundation

/// Trimming of text read off the wire without Foundation's string bridging on the common path: ASCII
/// whitespace (space, tab, CR, LF, vertical tab, form feed) is cut from the bytes themselves; text that still
/// begins or ends with a non-ASCII byte is trimmed by Foundation as before (`whitespacesAndNewlines`, which
/// also knows Unicode's spaces), so the result is the same.
enum Trimming {
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `bytes` decoded as UTF-8 and trimmed of `whitespacesAndNewlines`.
    static func trimmed<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isASCIISpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isASCIISpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard start < end else { return "" }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }
}
