/// The link-safety rule libcmark applies in safe mode (`_scan_dangerous_url` in its scanners).
///
/// A URL is dangerous when it starts, ignoring ASCII case, with `javascript:`, `vbscript:`, `file:` or
/// `data:`, except `data:image/png`, `data:image/gif`, `data:image/jpeg` and `data:image/webp`. libcmark checks
/// the destination after entities and backslash escapes are decoded, so `jav&#x61;script:` is caught.
enum URLSafety {
    private static let dangerousPrefixes: [[UInt8]] = ["javascript:", "vbscript:", "file:", "data:"].map { Array($0.utf8) }
    private static let safeImageData: [[UInt8]] = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].map {
        Array($0.utf8)
    }

    static func isDangerous(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        if safeImageData.contains(where: { hasPrefix(url, $0) }) { return false }
        return dangerousPrefixes.contains(where: { hasPrefix(url, $0) })
    }

    static func isDangerous(_ url: String) -> Bool {
        var copy = url
        return copy.withUTF8 { isDangerous($0) }
    }

    private static func hasPrefix(_ url: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard url.count >= prefix.count else { return false }
        for (index, expected) in prefix.enumerated() {
            var byte = url[index]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != expected { return false }
        }
        return true
    }
}
