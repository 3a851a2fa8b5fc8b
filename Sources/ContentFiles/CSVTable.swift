import CampaignModel
import Foundation

/// A parsed CSV file (RFC 4180: commas, double-quoted fields with `""` escapes, CRLF or LF line ends), with
/// the 1-based line each record starts on so every issue can name it.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line where the record starts.
        public var line: Int
        public var fields: [String]
    }

    public var file: String
    public var header: [String]
    public var rows: [Row]
    private var columns: [String: Int]

    /// Parses `text` (NFC-normalised first). Throws `LoaError.invalidInput` for an unterminated quote, an
    /// empty file, or a row whose field count differs from the header's.
    public init(text: String, file: String) throws {
        self.file = file
        var records: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var issues: [InputIssue] = []
        let scalars = Array(TextFolding.nfc(text).unicodeScalars)
        var index = 0
        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Row(line: recordLine, fields: fields))
            }
            fields = []
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
            } else {
                switch scalar {
                case "\"":
                    if field.isEmpty && !afterQuote {
                        inQuotes = true
                    } else {
                        field.append(scalar)
                    }
                case ",":
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                    afterQuote = false
                case "\r":
                    break
                case "\n":
                    endRecord()
                    afterQuote = false
                    line += 1
                    recordLine = line
                default:
                    field.append(scalar)
                }
            }
            index += 1
        }
        if inQuotes {
            issues.append(InputIssue(file: file, line: recordLine, problem: "a quoted field is never closed.",
                                     fix: "Close the field with a double quote; write a quote inside a field as \"\"."))
        } else if !field.isEmpty || !fields.isEmpty {
            endRecord()
        }
        guard let first = records.first else {
            throw LoaError.invalidInput(issues + [InputIssue(file: file, line: 1, problem: "the file is empty.",
                                                             fix: "Write a header row and one row per record.")])
        }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        if let bom = header.first, bom.hasPrefix("\u{FEFF}") { header[0] = String(bom.dropFirst()) }
        rows = Array(records.dropFirst())
        var columns: [String: Int] = [:]
        for (offset, name) in header.enumerated() where columns[name] == nil { columns[name] = offset }
        self.columns = columns
        for row in rows where row.fields.count != header.count {
            issues.append(InputIssue(file: file, line: row.line,
                                     problem: "the row has \(row.fields.count) fields; the header has \(header.count).",
                                     fix: "Give the row one value per header column; quote values that hold a comma."))
        }
        if !issues.isEmpty { throw LoaError.invalidInput(issues) }
    }

    /// Reads and parses a file.
    public init(url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoaError.invalid(InputIssue(file: url.path, problem: "the file cannot be read (\(error.localizedDescription)).",
                                              fix: "Check that the file exists and is readable."))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoaError.invalid(InputIssue(file: url.path, problem: "the file is not UTF-8 text.",
                                              fix: "Save the file as UTF-8."))
        }
        try self.init(text: text, file: url.path)
    }

    /// Throws one issue per column of `names` the header lacks.
    public func require(_ names: [String]) throws {
        let missing = names.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw LoaError.invalidInput(missing.map {
                InputIssue(file: file, line: 1, field: $0, problem: "the header has no column '\($0)'.",
                           fix: "Add the column '\($0)' to the header row (columns: \(names.joined(separator: ", "))).")
            })
        }
    }

    public func hasColumn(_ name: String) -> Bool { columns[name] != nil }

    /// The trimmed value of `column` in `row`, or "" when the column is absent.
    public func value(_ row: Row, _ column: String) -> String {
        guard let offset = columns[column], offset < row.fields.count else { return "" }
        return row.fields[offset].trimmingCharacters(in: .whitespaces)
    }
}
