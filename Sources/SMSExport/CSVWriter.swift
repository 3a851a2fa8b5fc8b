import Foundation

/// A record that can be written as one CSV row under a fixed header.
public protocol CSVRepresentable {
    /// Column names, in order.
    static var csvHeader: [String] { get }
    /// This record's fields, in the order of ``csvHeader``.
    var csvFields: [String] { get }
}

/// RFC 4180 CSV: UTF-8 without a byte-order mark, a header row, records ended by CRLF (the last one too),
/// and a field quoted exactly when it holds a comma, a double quote, CR or LF, with inner quotes doubled.
///
/// Output depends only on the input rows and their order, so the same rows always give the same bytes.
/// Fields are written as they are: a text starting with `=`, `+`, `-` or `@` is not altered (it is the SMS
/// that will be sent); open such files in a spreadsheet with care.
public enum CSVWriter {
    /// `value` as one CSV field.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line (with its CRLF) for `fields`.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// The whole document: the header line, then one line per row.
    public static func document(header: [String], rows: [[String]]) -> String {
        var text = line(header)
        for row in rows { text += line(row) }
        return text
    }

    /// The document for `records`, as UTF-8 bytes.
    public static func data<Record: CSVRepresentable>(_ records: [Record]) -> Data {
        Data(document(header: Record.csvHeader, rows: records.map(\.csvFields)).utf8)
    }
}
