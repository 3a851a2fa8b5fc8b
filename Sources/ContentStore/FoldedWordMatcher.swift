/// Which of a query's folded words a word of text folds to, decided scalar by scalar as the word is read.
///
/// Ranking and snippets ask this of every word of every candidate they read. Rather than folding each
/// word into a buffer and comparing the buffer with each query word, a word stops being compared at its
/// first byte that no query word has at that place, which for most words is their first, and nothing is
/// copied.
struct FoldedWordMatcher {
    /// The query's folded words, UTF-8, at most 32 (a bit each).
    let words: [[UInt8]]
    /// Bit `w` of `firstBytes[b]`: word `w` starts with byte `b`.
    private let firstBytes: [UInt32]
    /// A bit per word.
    private let all: UInt32

    init(words: [[UInt8]]) {
        precondition(words.count <= 32, "at most 32 query words")
        self.words = words
        var firstBytes = [UInt32](repeating: 0, count: 256)
        for (index, word) in words.enumerated() {
            if let first = word.first { firstBytes[Int(first)] |= 1 << UInt32(index) }
        }
        self.firstBytes = firstBytes
        all = words.count == 32 ? .max : (1 << UInt32(words.count)) - 1
    }

    /// How far one word of text has been compared.
    struct Progress {
        /// A bit per query word that the folded text read so far is the start of.
        fileprivate(set) var alive: UInt32
        fileprivate var offset = 0
    }

    /// Progress before the first scalar of a word.
    var start: Progress { Progress(alive: all) }

    /// Compares the folded form of the word's next scalar, `scalar` (whose info is `info`).
    @inline(__always)
    func advance(_ progress: inout Progress, scalar: UInt32, info: ScalarInfo) {
        guard progress.alive != 0 else { return }
        if info.foldedIsLong {
            for byte in ScalarInfo.folded(scalar) { advance(&progress, byte: byte) }
        } else {
            for position in 0..<info.foldedCount { advance(&progress, byte: info.foldedByte(position)) }
        }
    }

    @inline(__always)
    private func advance(_ progress: inout Progress, byte: UInt8) {
        if progress.offset == 0 {
            progress.alive &= firstBytes[Int(byte)]
        } else {
            var remaining = progress.alive
            while remaining != 0 {
                let word = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                let bytes = words[word]
                if progress.offset >= bytes.count || bytes[progress.offset] != byte { progress.alive &= ~(1 << UInt32(word)) }
            }
        }
        progress.offset += 1
    }

    /// The query word that the word read folds to, if any (the words are distinct, so at most one).
    func match(_ progress: Progress) -> Int? {
        guard progress.offset > 0 else { return nil }
        var remaining = progress.alive
        while remaining != 0 {
            let word = remaining.trailingZeroBitCount
            if words[word].count == progress.offset { return word }
            remaining &= remaining - 1
        }
        return nil
    }
}
