import Foundation

/// A throw-away `Content/` + `Locales/` tree in a temporary folder, with a small valid corpus to break.
struct ContentFixture {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var locales: URL { root.appendingPathComponent("Locales") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("loa-files-\(UUID().uuidString)")
        try write("Locales/vi.yaml", """
            code: vi
            iso639_3: vie
            english_name: Vietnamese
            autonym: Tiếng Việt
            script: Latn
            direction: ltr
            fallbacks: []
            words_per_minute: 130
            ui:
              home: Trang chủ
            """)
        try write("Locales/hmn.yaml", """
            code: hmn
            iso639_3: hmn
            english_name: Hmong
            autonym: Hmoob
            script: Latn
            fallbacks: [vi]
            ui: {}
            """)
        try write("Content/fake-jobs/material.yaml", """
            slug: fake-jobs
            topics: [recruitment]
            audiences: [women, youth]
            source_locale: vi
            channels: [sms, print]
            """)
        try write("Content/fake-jobs/vi.md", """
            ---
            title: Cảnh giác với việc nhẹ lương cao
            summary: "Hỏi kỹ: ai tuyển, làm gì, ở đâu."
            status: published
            sms: Cảnh giác với lời hứa việc nhẹ lương cao.
            ---
            Kẻ buôn người hứa **việc nhẹ**.

            ## Trước khi đi

            - Hỏi công an xã.
            """)
        try write("Content/fake-jobs/hmn.md", """
            ---
            title: Ceev faj
            summary: Nug kom meej.
            status: draft
            notes: "Machine draft: needs review by a native speaker before use."
            ---
            Cov neeg muag neeg.
            """)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Every file under `folder`, by relative path, with its bytes.
    static func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.standardizedFileURL.path
            result[String(path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }
}
