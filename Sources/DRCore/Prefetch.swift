import CPrefetch

/// Hints that start loading memory the processor will read soon, so that judging a snapshot larger than the
/// caches does not wait on each pair's fields in turn (`Assessment` asks for the pairs it judges next). Nothing
/// is read and no reference is counted: a hint changes how soon memory arrives, never what is computed.
enum Prefetch {
    /// The bytes of one cache line.
    static let lineBytes = 64

    /// The `bytes` from `address` on (an instance's header and stored fields).
    @inline(__always)
    static func bytes(at address: UnsafeRawPointer, _ bytes: Int) {
        var offset = 0
        while offset < bytes {
            drtop_prefetch(address + offset)
            offset += lineBytes
        }
    }

    /// The `bytes` of the instance that the reference stored at `field` points to (nothing for nil): the
    /// reference read as an address, without counting it (counting would wait for the memory asked for).
    /// `field` holds one reference, or a value whose first word is one (an array, a copy-on-write struct).
    @inline(__always)
    static func referenced(by field: UnsafeRawPointer, _ bytes: Int) {
        guard let address = field.load(as: UnsafeRawPointer?.self) else { return }
        Prefetch.bytes(at: address, bytes)
    }

    /// The last `elements` elements of the array stored at `field` (the newest samples of a series); reads
    /// the array's count (its buffer's header, asked for before) without counting a reference.
    @inline(__always)
    static func tail<Element>(ofArrayAt field: UnsafePointer<[Element]>, elements: Int) {
        let count = field.pointee.count
        guard count > 0 else { return }
        field.pointee.withUnsafeBufferPointer { buffer in
            let end = UnsafeRawPointer(buffer.baseAddress! + count)
            var line = UnsafeRawPointer(buffer.baseAddress! + max(0, count - elements))
            while line < end {
                drtop_prefetch(line)
                line += lineBytes
            }
        }
    }
}
