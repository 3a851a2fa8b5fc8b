import CampaignModel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The site folder and its work folder, and how a build goes from one to the other.
///
/// Atomic and incremental together: the new site is assembled in a work folder beside the site
/// (`.<name>.previous`, same file system), never in the site itself, and swapped in with one
/// `renameat2(RENAME_EXCHANGE)` at the end; a crash before that leaves the site as it was. The work folder
/// is the site of the build before the last one, kept after each swap: files that are still right in it
/// stay as they are, files that are right in the current site are hard-linked from it (same inode, same
/// mtime: nothing is rewritten), and only pages whose fingerprint is new are rendered and written. So an
/// unchanged rebuild writes no page, and one edited translation writes only the pages that show it.
///
/// After the first build into an empty folder, the work folder is made again as hard links to the new site
/// (`mirrorPublished`), so that the second build finds its unchanged files in place instead of linking each.
///
/// The work folder's `manifest.json` says what it holds. It is deleted before the folder is changed, so a
/// work folder without one is not trusted and is emptied. A failed build removes the work folder it touched.
final class SiteFolder: @unchecked Sendable {
    let live: URL
    let work: URL
    /// `live.path` and `work.path` with a final `/`, for joining with a relative path.
    private let livePrefix: String, workPrefix: String
    private let liveManifest: ManifestIndex
    private let workManifest: ManifestIndex
    private let liveExists: Bool
    private(set) var touched = false

    /// What happens to one file.
    enum Action {
        /// The work folder already holds the right bytes.
        case keep
        /// The current site holds the right bytes: link them.
        case link
        /// New: render it.
        case render
    }

    /// The manifests of a site folder and of its work folder, as `ManifestIndex.read` finds them.
    struct Manifests: Sendable {
        var live: ManifestIndex?
        var work: ManifestIndex?

        /// Reads the two manifests (10,000 lines each for a large site) side by side.
        init(live: URL) {
            let live = live.standardizedFileURL
            let manifests = Parallel.map([live, SiteFolder.workFolder(of: live)], grain: 1) { ManifestIndex.read(siteAt: $0) }
            self.live = manifests[0]
            work = manifests[1]
        }
    }

    /// `manifests`: those of `Manifests(live: live)` read earlier (by `SiteExporter`, while the snapshot
    /// was being read); read here when nil.
    init(live: URL, manifests: Manifests? = nil) throws {
        self.live = live.standardizedFileURL
        let parent = self.live.deletingLastPathComponent()
        work = Self.workFolder(of: self.live)
        livePrefix = self.live.path + "/"
        workPrefix = work.path + "/"
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw SiteExportError(step: SiteStep.prepareFolder.rawValue, path: parent.path, reason: "\(error.localizedDescription)")
        }
        var isDirectory: ObjCBool = false
        liveExists = FileManager.default.fileExists(atPath: self.live.path, isDirectory: &isDirectory)
        if liveExists && !isDirectory.boolValue {
            throw LoaError.invalid(InputIssue(file: self.live.path, problem: "the output path is a file, not a folder.",
                                              fix: "Give --out a folder path."))
        }
        let manifests = manifests ?? Manifests(live: self.live)
        let liveManifest = liveExists ? manifests.live : nil
        if liveExists, liveManifest == nil,
           !((try? FileManager.default.contentsOfDirectory(atPath: self.live.path)) ?? []).isEmpty {
            throw LoaError.invalid(InputIssue(
                file: self.live.path, problem: "the folder exists and was not made by `loa export site` (it has no manifest.json of this format), so it is not replaced.",
                fix: "Choose another --out, or move the folder away."))
        }
        self.liveManifest = liveManifest ?? ManifestIndex()
        workManifest = manifests.work ?? ManifestIndex()
    }

    /// `.NAME.previous` beside the site folder `live` (a standardized URL).
    static func workFolder(of live: URL) -> URL {
        beside(live, suffix: "previous")
    }

    /// `.NAME.suffix` beside the site folder `live` (a standardized URL): where a build keeps what is
    /// not part of the site (the work folder, `SiteTextCache`).
    static func beside(_ live: URL, suffix: String) -> URL {
        live.deletingLastPathComponent().appendingPathComponent(".\(live.lastPathComponent).\(suffix)")
    }

    /// Makes the work folder ready: emptied unless its manifest vouches for it, then marked as being
    /// changed (its manifest removed), with one folder per locale.
    func prepare(folders: [String]) throws {
        let manager = FileManager.default
        touched = true
        if workManifest.isEmpty, manager.fileExists(atPath: work.path) {
            try attempt(.prepareFolder, work.path) { try manager.removeItem(at: work) }
        }
        try attempt(.prepareFolder, work.path) { try manager.createDirectory(at: work, withIntermediateDirectories: true) }
        let manifest = work.appendingPathComponent("manifest.json").path
        if unlink(manifest) != 0, errno != ENOENT {
            throw SiteExportError(step: SiteStep.prepareFolder.rawValue, path: manifest, reason: String(cString: strerror(errno)))
        }
        Self.spreadSubfolders(of: work.path)
        let wanted = Set(folders)
        for name in (try? manager.contentsOfDirectory(atPath: work.path)) ?? [] {
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: work.appendingPathComponent(name).path, isDirectory: &isDirectory)
            if isDirectory.boolValue && !wanted.contains(name) {
                try attempt(.prepareFolder, name) { try manager.removeItem(at: work.appendingPathComponent(name)) }
            }
        }
        for folder in folders {
            var info = stat()
            if stat(workPrefix + folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { continue }
            try makeFolder(folder)
        }
    }

    /// Makes the folder `name` in the work folder under a name never used before, then renames it.
    ///
    /// ext4 places a folder made in a `spreadSubfolders` folder by a hash of its name: under its own name a
    /// locale folder would land, build after build, in the very group where the site just deleted (by
    /// `rm -rf` before a clean build, say) held its files, and its 1,000 files would scan those freed
    /// inodes. A fresh random name is a fresh place; the rename does not move the folder. A crash between
    /// the two leaves a stray folder that `prepare` removes next time (it is not a locale folder).
    private func makeFolder(_ name: String) throws {
        let path = workPrefix + name
        let temporary = workPrefix + ".\(name).\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
        guard mkdir(temporary, 0o755) == 0 else {
            if errno == EEXIST, mkdir(path, 0o755) == 0 || errno == EEXIST { return }
            throw SiteExportError(step: SiteStep.prepareFolder.rawValue, path: name, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        if rename(temporary, path) != 0 {
            let error = errno
            _ = rmdir(temporary)
            throw SiteExportError(step: SiteStep.prepareFolder.rawValue, path: name, reason: "cannot create: \(String(cString: strerror(error)))")
        }
    }

    /// What happens to each of `pages`, from one merge of them with each manifest.
    func actions(_ pages: SitePages) -> [Action] {
        let (inWork, _) = workManifest.merge(pages)
        let (inLive, _) = liveManifest.merge(pages)
        return pages.indices.map { inWork[$0] ? .keep : inLive[$0] ? .link : .render }
    }

    func action(_ path: String, digest: Fingerprint.Digest) -> Action {
        if workManifest.digest(for: path) == digest { return .keep }
        if liveManifest.digest(for: path) == digest { return .link }
        return .render
    }

    func action(_ path: String, fingerprint: String) -> Action {
        guard let digest = Fingerprint.Digest(hex: fingerprint) else { return .render }
        return action(path, digest: digest)
    }

    /// Hard-links the current site's file into the work folder; false when the current site lacks it.
    func linkFromLive(_ path: String) throws -> Bool {
        let target = workPrefix + path
        let source = livePrefix + path
        if link(source, target) == 0 { return true }
        if errno == EEXIST {
            try remove(target, step: .applyTemplates)
            if link(source, target) == 0 { return true }
        }
        if errno == ENOENT { return false }
        throw SiteExportError(step: SiteStep.applyTemplates.rawValue, path: path, reason: "cannot link: \(String(cString: strerror(errno)))")
    }

    /// Puts `data` at `path` in the work folder: linked from the current site when it holds the same
    /// bytes, else written as a new file. Returns true when bytes were written.
    /// Pages come as the renderer's `[UInt8]`, written as they are (no copy into a `Data`).
    @discardableResult
    func put(_ data: some ContiguousBytes, at path: String, step: SiteStep) throws -> Bool {
        // The current file is compared mapped, not read: the manifest (2.4 MB for 10,000 pages) is put on
        // every build, and differs from the current one in its first line.
        if liveExists, let old = MappedFile(path: livePrefix + path), Self.equal(old.bytes, data), try linkFromLive(path) {
            return false
        }
        let target = workPrefix + path
        // Most files are new to the work folder: create first, and remove an old file only when there is one.
        var descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == EEXIST {
            try remove(target, step: step)
            descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else {
            throw SiteExportError(step: step.rawValue, path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else {
                    throw SiteExportError(step: step.rawValue, path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        return true
    }

    private static func equal(_ left: UnsafeRawBufferPointer, _ right: some ContiguousBytes) -> Bool {
        right.withUnsafeBytes { right in
            left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
        }
    }

    /// Removes the files the work folder held that the new site does not have: neither one of `pages` nor
    /// one of `files` (paths of the other files, `manifest.json` among them).
    func removeStale(pages: SitePages, files: Set<String>) throws -> [String] {
        let (_, isPage) = workManifest.merge(pages)
        var removed: [String] = []
        for index in isPage.indices where !isPage[index] {
            let path = workManifest.path(index)
            if !files.contains(path) { removed.append(path) }
        }
        for path in removed {
            try remove(workPrefix + path, step: .writeManifest)
        }
        // Files at the top of the work folder that its manifest does not list (left by an older Loa, say).
        // The only page there is the root page.
        let topLevel = files.union(pages.indices.filter { pages[$0].kind == .languages }.map(pages.path))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [] where !topLevel.contains(name) {
            let url = work.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                try remove(url.path, step: .writeManifest)
            }
        }
        return removed
    }

    /// Swaps the finished work folder with the site in one step; the old site becomes the work folder.
    func publish() throws {
        if liveExists {
            if let exchange = Self.renameExchange {
                guard exchange(AT_FDCWD, work.path, AT_FDCWD, live.path, 2 /* RENAME_EXCHANGE */) == 0 else {
                    throw SiteExportError(step: SiteStep.publish.rawValue, path: live.path,
                                          reason: "cannot swap folders: \(String(cString: strerror(errno)))")
                }
            } else {
                // No renameat2 (old kernel or libc): two renames, with the old site kept aside in between.
                let aside = live.deletingLastPathComponent().appendingPathComponent(".\(live.lastPathComponent).swap")
                try? FileManager.default.removeItem(at: aside)
                guard rename(live.path, aside.path) == 0, rename(work.path, live.path) == 0 else {
                    throw SiteExportError(step: SiteStep.publish.rawValue, path: live.path,
                                          reason: "cannot rename: \(String(cString: strerror(errno)))")
                }
                _ = rename(aside.path, work.path)
            }
        } else {
            if FileManager.default.fileExists(atPath: live.path) { try? FileManager.default.removeItem(at: live) }
            guard rename(work.path, live.path) == 0 else {
                throw SiteExportError(step: SiteStep.publish.rawValue, path: live.path,
                                      reason: "cannot rename: \(String(cString: strerror(errno)))")
            }
        }
        let folder = open(live.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
        touched = false
    }

    /// After the first build into a folder that held no site: makes the work folder again, as hard links
    /// to the site just published (folder entries only, no file data), its manifest last.
    ///
    /// Why: with no work folder, the next build (after one edit, or none) would link every unchanged file
    /// itself, 10,000 `link` calls for a large site and more system time than the rest of that build. A
    /// first build into an empty folder writes every file anyway and pays this once. Best effort: the site
    /// is already in place, so a failure only removes the work folder again (the next build then links
    /// the files as before); a crash part-way leaves a work folder without a manifest, which the next build
    /// empties.
    ///
    /// `paths` is evaluated only then: a rebuild would make 10,000 path strings for nothing (about 2 ms).
    func mirrorPublished(paths: @autoclosure () -> [String], folders: [String]) {
        guard !liveExists, !touched else { return }  // after an exchange the work folder is the previous site
        do {
            try prepare(folders: folders)
            let others = paths().filter { $0 != "manifest.json" }
            let linked = try Parallel.mapThrowing(others) { try self.linkFromLive($0) }
            guard linked.allSatisfy({ $0 }), try linkFromLive("manifest.json") else {
                discard()
                return
            }
            touched = false
        } catch {
            discard()
        }
    }

    /// After a failure: removes the work folder if this build changed it. The site is untouched.
    func discard() {
        if touched { try? FileManager.default.removeItem(at: work) }
    }

    private func remove(_ path: String, step: SiteStep) throws {
        if unlink(path) != 0, errno != ENOENT {
            throw SiteExportError(step: step.rawValue, path: path, reason: "cannot remove: \(String(cString: strerror(errno)))")
        }
    }

    private func attempt(_ step: SiteStep, _ path: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as SiteExportError { throw error } catch {
            throw SiteExportError(step: step.rawValue, path: path, reason: error.localizedDescription)
        }
    }

    /// Asks ext2/3/4 to place the folders made inside `path` as it places folders made at the root of the
    /// file system (`chattr +T`, "top of directory hierarchies"): each in a little-used block group of its
    /// own instead of the group of its parent.
    ///
    /// Why: on ext4 without a journal, making a file skips every free inode of the group that was freed in
    /// the last seconds (minutes while the inode table is not yet written back), one buffer-cache lookup
    /// each, and starts that scan anew for every file. Files go to their folder's group, and a site's
    /// folder sits beside whatever was just deleted near it (the site this build replaces, temporary
    /// files of other programs): 10,000 files each scanning thousands of such inodes spent 1–3 s in the
    /// kernel, more than rendering the whole site. In groups of their own the locale folders' files find
    /// free inodes at once. Only a placement hint: where the flag is unknown (other file systems) or not
    /// allowed, nothing changes and the error is ignored.
    static func spreadSubfolders(of path: String) {
        #if os(Linux)
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let getFlags: UInt = 0x8008_6601  // FS_IOC_GETFLAGS
        let setFlags: UInt = 0x4008_6602  // FS_IOC_SETFLAGS
        let topDirectory = 0x0002_0000    // FS_TOPDIR_FL
        var flags = 0  // the kernel reads and writes an int here; a zeroed long holds it either way
        guard ioctl(descriptor, getFlags, &flags) == 0, flags & topDirectory == 0 else { return }
        flags |= topDirectory
        _ = ioctl(descriptor, setFlags, &flags)
        #endif
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, looked up at run time (Swift's Glibc module does not declare it).
    private static let renameExchange: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()
}
