import DRCore
import DRSourceKit

/// What one discovery of the account found: the pairs, how many buckets were looked at, and the buckets that
/// could not be read (a partial view says it is partial).
package struct DiscoveryResult: Sendable, Equatable {
    /// The pairs found, each with a unique name.
    package var pairs: [PairSpec]
    /// Buckets ListBuckets returned (every page).
    package var bucketCount: Int
    /// Buckets whose region or replication could not be read, one problem each.
    package var problems: [SourceProblem]
    /// What discovery could not find of the pairs' routing (Multi-Region Access Points not listed), for a person.
    package var routingNotes: [String] = []

    /// Creates a result.
    package init(pairs: [PairSpec], bucketCount: Int, problems: [SourceProblem] = []) {
        self.pairs = pairs
        self.bucketCount = bucketCount
        self.problems = problems
    }

    /// Lines for a person: zero pairs said as such, and the buckets that could not be read.
    package var notes: [String] {
        var notes: [String] = []
        if pairs.isEmpty {
            notes.append("discovery found no replicating bucket pairs among \(bucketCount) bucket"
                + (bucketCount == 1 ? "" : "s"))
        }
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            notes.append("discovery could not read \(problems.count) of \(bucketCount) buckets: \(first.message)\(more)")
        }
        return notes + routingNotes
    }
}
