import Foundation

/// What an HTTP exchange returned.
package struct HTTPResponse: Sendable {
    /// Status code.
    package var status: Int
    /// Headers, names lower-cased.
    package var headers: [String: String]
    /// Body.
    package var body: Data

    package init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
