/// Percent-encoding as SigV4 and S3 require it (RFC 3986: only unreserved characters stay as they are).
enum URIEncoding {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// `text` with every byte outside the unreserved set percent-encoded; "/" too unless `keepSlash`.
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        append(text, to: &out, keepSlash: keepSlash)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` percent-encoded (as `encode`) to `out`.
    private static func append(_ text: String, to out: inout [UInt8], keepSlash: Bool = false) {
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
    }

    /// A-Z, a-z, 0-9, `-`, `.`, `_`, `~`.
    @inline(__always)
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
             UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `application/x-www-form-urlencoded` body from ordered pairs (AWS Query APIs).
    /// Written into one buffer: a GetMetricData body holds thousands of fields (one string each made it 2 % of a
    /// first poll's CPU, `bench/perfparts.py`).
    static func form(_ pairs: [(String, String)]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(pairs.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 2 } * 5 / 4)
        for (index, (name, value)) in pairs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            append(name, to: &out)
            out.append(UInt8(ascii: "="))
            append(value, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
