/// A configuration problem: one line naming the file, the line and the key.
package struct ConfigError: Error, Equatable, CustomStringConvertible {
    /// "config.toml:12: pair[2].rpo: '15x' is not a duration (try 90s, 15m, 1h30m)".
    package let description: String

    package init(_ description: String) {
        self.description = description
    }
}
