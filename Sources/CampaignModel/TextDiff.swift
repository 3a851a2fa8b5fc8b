import Foundation

/// One line (or block) of a diff.
public struct DiffLine: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case same, added, removed }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A longest-common-subsequence diff of two sequences of text units (lines, or Markdown blocks as
/// `MarkdownRenderer.blockDiff` splits them).
///
/// Materials are short (a few hundred lines at most), so the quadratic table is cheap and gives the
/// minimal diff a reviewer expects.
public enum TextDiff {
    public static func diff(_ old: [String], _ new: [String]) -> [DiffLine] {
        let n = old.count, m = new.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        if n > 0, m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
        }
        var result: [DiffLine] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                result.append(DiffLine(.same, old[i])); i += 1; j += 1
            } else if j < m, i == n || table[i][j + 1] > table[i + 1][j] {
                result.append(DiffLine(.added, new[j])); j += 1
            } else {
                result.append(DiffLine(.removed, old[i])); i += 1
            }
        }
        return result
    }

    /// Line diff of two texts.
    public static func lines(_ old: String, _ new: String) -> [DiffLine] {
        diff(old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
             new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
