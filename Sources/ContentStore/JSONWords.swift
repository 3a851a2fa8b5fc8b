import CampaignModel
import Foundation

/// A JSON list of words, as `JSONColumn.encode` writes the material columns (`["health","safety"]`), read
/// without a JSONDecoder: a snapshot reads three per material, and a decoder each cost more than the
/// rest of a material's row. Only lists of verbatim words take this path (see `JSONColumn.encode`);
/// anything else (escapes, spaces, another type) is left to `JSONColumn.decode`, so results are the same.
enum JSONWords {
    /// The words of `text`, or nil when it is not a compact list of verbatim words.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> [String]? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), backslash = UInt8(ascii: "\\")
        guard text.count >= 2, text.first == UInt8(ascii: "["), text.last == UInt8(ascii: "]") else { return nil }
        if text.count == 2 { return [] }
        var words: [String] = []
        var position = 1
        let end = text.count - 1
        while true {
            guard position < end, text[position] == quote else { return nil }
            let start = position + 1
            var close = start
            while close < end, text[close] != quote {
                let byte = text[close]
                guard byte >= 0x20, byte < 0x7F, byte != backslash else { return nil }
                close += 1
            }
            guard close < end else { return nil }
            words.append(String(decoding: UnsafeBufferPointer(rebasing: text[start..<close]), as: UTF8.self))
            position = close + 1
            if position == end { return words }
            guard text[position] == comma else { return nil }
            position += 1
        }
    }

    /// The words of `text`: parsed here when it is a compact list of verbatim words, else by
    /// `JSONColumn.decode` (`[]` when it is not a list of strings).
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [String] {
        parse(text) ?? JSONColumn.decode([String].self, String(decoding: text, as: UTF8.self), default: [])
    }

    /// The channels of `text`, as `JSONColumn.decode([Channel].self, …)` reads them: `[]` when one of them
    /// is not a channel.
    static func decodeChannels(_ text: UnsafeBufferPointer<UInt8>) -> [Channel] {
        guard let words = parse(text) else {
            return JSONColumn.decode([Channel].self, String(decoding: text, as: UTF8.self), default: [])
        }
        let channels = words.compactMap(Channel.init(rawValue:))
        return channels.count == words.count ? channels : []
    }
}
