/// An immutable value held by reference: copies of what holds it share one instance (one retain) instead of
/// copying the value, for parts that are large and rare.
final class Shared<Value: Sendable>: Sendable {
    /// The value.
    let value: Value

    /// Holds `value`.
    init(_ value: Value) {
        self.value = value
    }
}
