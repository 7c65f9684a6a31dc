/// Structure-aware input for the config target: fuzz bytes choose sections, keys and values of a
/// syntactically valid TOML document, so that drtop's own validation (types, durations, names, endpoints,
/// pairs) is what gets fuzzed. Raw bytes reach the TOML library only through the fork guard, which the
/// unit tests and the bad-input corpus exercise.
struct TOMLFromBytes {
    private var bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    private static let keys = ["profile", "refresh", "config_refresh", "connect_timeout", "request_timeout", "rpo",
                               "discover", "warning", "breach", "stale_after", "endpoint", "name", "strategy",
                               "bucket", "region", "events", "primary", "secondary", "colour"]
    private static let sections = ["", "[thresholds]", "[regions.us-east-1]", "[regions.eu-west-3]", "[[pair]]",
                                   "[regions]", "[pair]", "[[thresholds]]"]
    private static let words = ["15m", "2s", "1h30m", "0s", "-1s", "soon", "us-east-1", "eu-west-3", "useast1",
                                "https://s3.example.com", "http://127.0.0.1:1", "ftp://x", "assets-use1", "A_B",
                                "pilot-light", "yolo", "https://sqs.us-east-1.amazonaws.com/1/q", "", "p", "é😀"]

    /// The document.
    mutating func document() -> String {
        var out = ""
        while let op = next() {
            switch op % 4 {
            case 0: out += Self.sections[Int(next() ?? 0) % Self.sections.count] + "\n"
            default: out += key() + " = " + value(depth: 0) + "\n"
            }
        }
        return out
    }

    private mutating func key() -> String {
        let choice = Int(next() ?? 0)
        return choice < 200 ? Self.keys[choice % Self.keys.count] : "k\(choice)"
    }

    private mutating func string() -> String {
        let choice = Int(next() ?? 0)
        if choice < 200 { return quoted(Self.words[choice % Self.words.count]) }
        var raw = ""
        for _ in 0..<(choice % 12) { raw.unicodeScalars.append(Unicode.Scalar(next() ?? 32)) }
        return quoted(raw)
    }

    private func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private mutating func value(depth: Int) -> String {
        switch Int(next() ?? 0) % (depth > 2 ? 5 : 7) {
        case 0, 1: return string()
        case 2: return String(Int(Int8(bitPattern: next() ?? 0)) * Int(next() ?? 1))
        case 3: return ["true", "false", "1.5", "-0.0", "1e400", "nan", "inf"][Int(next() ?? 0) % 7]
        case 4: return "1979-05-27T07:32:00Z"
        case 5:
            let count = Int(next() ?? 0) % 4
            return "[" + (0..<count).map { _ in value(depth: depth + 1) }.joined(separator: ", ") + "]"
        default:
            let count = Int(next() ?? 0) % 4
            var seen: Set<String> = []
            var parts: [String] = []
            for _ in 0..<count {
                let name = key()
                if seen.insert(name).inserted { parts.append(name + " = " + value(depth: depth + 1)) }
            }
            return "{ " + parts.joined(separator: ", ") + " }"
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
