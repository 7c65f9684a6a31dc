import CPrefetch

/// Hints that start loading memory the processor will read soon, so that judging a snapshot larger than the
/// caches does not wait on each pair's fields in turn (`Assessment` asks for the pairs it judges next). Only the
/// references to that memory are read (as addresses: no reference is counted) and, for a series, its count; a hint
/// changes how soon memory arrives, never what is computed.
enum Prefetch {
    /// The bytes of one cache line.
    static let lineBytes = 64

    /// The `bytes` from `address` on (an instance's header and stored fields): every cache line they touch.
    @inline(__always)
    static func bytes(at address: UnsafeRawPointer, _ bytes: Int) {
        let end = UInt(bitPattern: address) &+ UInt(bytes)
        var line = UInt(bitPattern: address) & ~UInt(lineBytes - 1)
        while line < end {
            drtop_prefetch(UnsafeRawPointer(bitPattern: line))
            line &+= UInt(lineBytes)
        }
    }

    /// The `bytes` of the instance that the reference stored at `field` points to (nothing for nil): the
    /// reference read as an address, without counting it (counting would wait for the memory asked for).
    /// `field` holds one reference, or a value whose first word is one (an array, a copy-on-write struct).
    @inline(__always)
    static func referenced<Field>(by field: UnsafePointer<Field>, _ bytes: Int) {
        referenced(by: field, at: 0, bytes)
    }

    /// The same for the reference `offset` bytes into the value at `field` (a series' samples).
    @inline(__always)
    static func referenced<Field>(by field: UnsafePointer<Field>, at offset: Int, _ bytes: Int) {
        guard let address = (UnsafeRawPointer(field) + offset).load(as: UnsafeRawPointer?.self) else { return }
        Prefetch.bytes(at: address, bytes)
    }

    /// The newest `elements` samples of the series at `series` (the trend window's); reads the samples' count
    /// (their buffer's header, asked for before).
    @inline(__always)
    static func tail(ofSamplesOf series: UnsafePointer<Series>, elements: Int) {
        let samples = UnsafeRawPointer(series) + Series.samplesOffset
        samples.withMemoryRebound(to: [Sample].self, capacity: 1) { array in
            let count = array.pointee.count
            guard count > 0 else { return }
            array.pointee.withUnsafeBufferPointer { buffer in
                let first = UnsafeRawPointer(buffer.baseAddress! + max(0, count - elements))
                bytes(at: first, UnsafeRawPointer(buffer.baseAddress! + count) - first)
            }
        }
    }
}
