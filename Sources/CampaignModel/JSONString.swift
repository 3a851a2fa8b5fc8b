/// JSON strings for the files Loa writes byte by byte rather than through `JSONEncoder` (plan files, site
/// manifests), escaped as `JSONEncoder` escapes them, so either way of writing gives the same bytes.
public enum JSONString {
    /// Appends `text` quoted: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`, `\f` or
    /// `\u00XX`; everything else, `/` included, as its UTF-8 bytes.
    public static func append(_ text: String, to out: inout [UInt8]) {
        // Native strings are read in place; only another kind is copied first.
        if text.utf8.withContiguousStorageIfAvailable({ append($0, to: &out) }) == nil {
            var copy = text
            copy.withUTF8 { append($0, to: &out) }
        }
    }

    /// Appends UTF-8 `text` quoted, as `append(_:to:)` does.
    public static func append(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(0x22)
        // Runs between escapes are copied whole: most strings have none.
        var start = 0
        for index in 0..<text.count {
            let byte = text[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            start = index + 1
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        out.append(0x22)
    }
}
