import CampaignModel
import FileOutput
import Foundation

/// The files `loa plan --out plan.json` leaves: the plan JSON and, beside it, `plan.csv` and `plan.svg`.
///
/// Each is written aside and renamed into place, and left untouched when its content is unchanged (the same
/// campaign over the same snapshot gives the same bytes). The JSON is streamed (over 100 MB for a national
/// plan) while the CSV and the chart are made on another thread, so the two halves overlap.
public enum PlanFiles {
    /// The CSV and SVG paths that go with a plan JSON path.
    public static func companions(of json: URL) -> (csv: URL, svg: URL) {
        let base = json.deletingPathExtension()
        return (base.appendingPathExtension("csv"), base.appendingPathExtension("svg"))
    }

    /// Writes the three files; the first error, if any, is thrown after both halves have finished.
    public static func write(_ plan: Plan, json url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let (csv, svg) = companions(of: url)
        let errors = ErrorSlot()
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            do {
                if half == 0 {
                    try AtomicFileWriter.writeIfChanged(to: url) { handle in
                        try PlanFormatter.writeJSON(plan) { try handle.write(contentsOf: $0) }
                    }
                } else {
                    try AtomicFileWriter.writeIfChanged(Data(PlanFormatter.csv(plan).utf8), to: csv)
                    try AtomicFileWriter.writeIfChanged(Data(PlanFormatter.svg(plan).utf8), to: svg)
                }
            } catch {
                errors.keep(error)
            }
        }
        if let error = errors.first { throw error }
    }

    /// The first error of concurrent work.
    private final class ErrorSlot: @unchecked Sendable {
        private let lock = NSLock()
        private var error: (any Error)?

        func keep(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
        var first: (any Error)? { lock.withLock { error } }
    }
}
