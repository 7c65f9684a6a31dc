extension CephLogShardInfo {
    /// The heads of log shards 0..<`shards`, read by `read` at most 16 at a time (a data log has 128 shards,
    /// a metadata log 64: not hundreds of requests at once, nor one after another).
    static func readAll(shards: Int, _ read: @escaping @Sendable (Int) async throws -> CephLogShardInfo) async throws
        -> [Int: CephLogShardInfo] {
        try await withThrowingTaskGroup(of: (Int, CephLogShardInfo).self) { group in
            var next = 0
            func add() {
                let shard = next
                next += 1
                group.addTask { (shard, try await read(shard)) }
            }
            while next < min(16, shards) { add() }
            var heads: [Int: CephLogShardInfo] = [:]
            for try await (shard, info) in group {
                heads[shard] = info
                if next < shards { add() }
            }
            return heads
        }
    }
}
