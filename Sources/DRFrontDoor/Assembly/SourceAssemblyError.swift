/// A problem that keeps a source from being built (an unreadable configuration, a broken credential chain, an
/// unknown pair): one line, for the command to print and exit on.
package struct SourceAssemblyError: Error, Equatable, CustomStringConvertible {
    /// "no pair named 'x' (pairs: a, b)".
    package let description: String

    /// Wraps the line.
    package init(_ description: String) {
        self.description = description
    }
}
