import DRCore
import Foundation

/// A small read-only XML tree for AWS responses (namespaces ignored, element names as written).
package final class XMLNode: Sendable {
    /// Element name.
    package let name: String
    /// Text directly inside the element, trimmed.
    package let text: String
    /// Child elements in order.
    package let children: [XMLNode]

    init(name: String, text: String, children: [XMLNode]) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child called `name`.
    package func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Every child called `name`.
    package func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The text of the first child called `name`, or nil.
    package func string(_ name: String) -> String? { child(name)?.text }

    /// The node at a path of child names.
    package func at(_ path: String...) -> XMLNode? {
        var node: XMLNode? = self
        for part in path { node = node?.child(part) }
        return node
    }

    /// Parses `data`; throws a `SourceProblem` of kind badResponse for anything that is not well-formed XML.
    package static func parse(_ data: Data, what: String) throws -> XMLNode {
        var reader = XMLReader(data)
        do {
            return try reader.document()
        } catch let failure as XMLReader.Failure {
            throw SourceProblem(.badResponse, "\(what): response is not valid XML: \(failure.reason) at byte \(failure.offset)")
        }
    }
}
