import Foundation

/// What an HTTP exchange returned.
public struct HTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Headers, names lower-cased.
    public var headers: [String: String]
    /// Body.
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
