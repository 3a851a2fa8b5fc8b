import Foundation
import ZIPFoundation

/// The zip bundle: the whole site in one file to copy onto phones and USB sticks.
///
/// Deterministic: entries in path order under one top folder named after the zip file, every entry dated
/// with the snapshot's time (ZIP stores it as UTC here) and mode 0644 (folders 0755), deflated with zlib.
/// Written to a temporary file beside the target and renamed over it; when the new bytes equal the old
/// zip's, the old file is kept as it is.
enum SiteZip {
    /// Zips `paths` (relative to `site`) into `destination`. Returns true when the zip file was replaced.
    static func write(site: URL, paths: [String], to destination: URL, date: Date) throws -> Bool {
        let destination = destination.standardizedFileURL
        let folder = destination.deletingLastPathComponent()
        let step = SiteStep.zip.rawValue
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SiteExportError(step: step, path: folder.path, reason: error.localizedDescription)
        }
        var top = destination.deletingPathExtension().lastPathComponent
        if top.isEmpty { top = "site" }
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            var folders: Set<String> = [top]
            var entries: [(path: String, isFolder: Bool)] = [(top + "/", true)]
            for path in paths.sorted() {
                var parts = path.split(separator: "/").dropLast()
                var prefix = top
                while let part = parts.first {
                    prefix += "/" + part
                    parts = parts.dropFirst()
                    if folders.insert(prefix).inserted { entries.append((prefix + "/", true)) }
                }
                entries.append((top + "/" + path, false))
            }
            entries.sort { $0.path < $1.path }
            for entry in entries {
                if entry.isFolder {
                    try archive.addEntry(with: entry.path, type: .directory, uncompressedSize: 0, modificationDate: date,
                                         permissions: 0o755, provider: { (_: Int64, _: Int) -> Data in Data() })
                } else {
                    let relative = String(entry.path.dropFirst(top.count + 1))
                    let url = site.appendingPathComponent(relative)
                    guard let data = FileManager.default.contents(atPath: url.path) else {
                        throw SiteExportError(step: step, path: url.path, reason: "the file vanished while zipping.")
                    }
                    try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                                         modificationDate: date, permissions: 0o644, compressionMethod: .deflate,
                                         provider: { (position: Int64, size: Int) -> Data in
                                             data.subdata(in: Int(position)..<Int(position) + size)
                                         })
                }
            }
        } catch let error as SiteExportError {
            throw error
        } catch {
            throw SiteExportError(step: step, path: destination.path, reason: "\(error)")
        }
        if let old = FileManager.default.contents(atPath: destination.path),
           let new = FileManager.default.contents(atPath: temporary.path), old == new {
            return false
        }
        guard rename(temporary.path, destination.path) == 0 else {
            throw SiteExportError(step: step, path: destination.path, reason: "cannot rename: \(String(cString: strerror(errno)))")
        }
        return true
    }
}
