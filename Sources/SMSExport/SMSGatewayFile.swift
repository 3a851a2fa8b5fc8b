import FileOutput
import Foundation

/// The gateway file formats and how to write them.
///
/// Both formats are deterministic: the same rows in the same order give the same bytes.
public enum SMSGatewayFile {
    /// CSV (see ``CSVWriter``): UTF-8, header row, RFC 4180 quoting, CRLF line ends.
    public static func csv<Row: CSVRepresentable>(_ rows: [Row]) -> Data {
        CSVWriter.data(rows)
    }

    /// JSON: an array of row objects, pretty printed with keys sorted, slashes not escaped, ending in a newline.
    public static func json<Row: Encodable>(_ rows: [Row]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(rows)
        data.append(0x0A)
        return data
    }

    /// Writes `rows` to `url` as CSV, atomically (``AtomicFileWriter``).
    public static func writeCSV<Row: CSVRepresentable>(_ rows: [Row], to url: URL) throws {
        try AtomicFileWriter.write(csv(rows), to: url)
    }

    /// Writes `rows` to `url` as JSON, atomically; if encoding fails, nothing is written.
    public static func writeJSON<Row: Encodable>(_ rows: [Row], to url: URL) throws {
        try AtomicFileWriter.write(to: url) { handle in try handle.write(contentsOf: json(rows)) }
    }
}
