/// A TOML syntax error said in drtop's words: the key of the line it is on and what that key takes, with the
/// TOML library's own words after ("refresh: 5s is not a value refresh takes (a duration in quotes, e.g.
/// refresh = \"5s\"); TOML: Error while parsing decimal integer: expected digit, saw 's'").
enum SyntaxMessage {
    /// What each key of the file takes, for the message.
    static let expected: [String: String] = [
        "refresh": "a duration in quotes, e.g. refresh = \"60s\"",
        "config_refresh": "a duration in quotes, e.g. config_refresh = \"5m\"",
        "connect_timeout": "a duration in quotes, e.g. connect_timeout = \"3s\"",
        "request_timeout": "a duration in quotes, e.g. request_timeout = \"10s\"",
        "rpo": "a duration in quotes, e.g. rpo = \"15m\"",
        "stale_after": "a duration in quotes, e.g. stale_after = \"10m\"",
        "discover": "true or false",
        "warning": "a number, the percent of the RPO, e.g. warning = 50",
        "breach": "a number, the percent of the RPO, e.g. breach = 100",
        "profile": "a profile name in quotes, e.g. profile = \"prod\"",
        "endpoint": "a URL in quotes, e.g. endpoint = \"https://s3.example.internal\"",
        "name": "a name in quotes, e.g. name = \"prod-assets\"",
        "strategy": "one of \"backup-and-restore\", \"pilot-light\", \"warm-standby\", \"active-active\" (in quotes)",
        "primary": "a table, e.g. primary = { bucket = \"assets-use1\", region = \"us-east-1\" }",
        "secondary": "a table, e.g. secondary = { bucket = \"assets-usw2\", region = \"us-west-2\" }",
    ]

    /// The message for a syntax error `library` (TOMLKit's words) on `line` of the file (its text).
    static func describe(line: String, library: String) -> String {
        var text = line
        if let hash = text.firstIndex(of: "#"), !text[..<hash].contains("\"") { text = String(text[..<hash]) }
        guard let equals = text.firstIndex(of: "="), !text.trimmingCharacters(in: .whitespaces).hasPrefix("[") else {
            return library
        }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return library }
        let bare = key.split(separator: ".").last.map(String.init) ?? key
        let takes = expected[bare].map { " (\(key) takes \($0))" } ?? ""
        let shown = value.isEmpty ? "nothing" : "'\(value)'"
        return "\(key): \(shown) is not a valid TOML value\(takes); TOML: \(library)"
    }
}
