import CampaignModel
import Foundation
import Testing
@testable import SiteExport

/// Whole output files of a one-material, one-locale site, compared byte for byte.
@Suite("Site export golden files")
struct SiteGoldenTests {
    static var snapshot: Snapshot {
        let vi = TestSnapshot.locales[0]
        let help = TestSnapshot.translation("where-to-get-help", "vi", title: "Tìm giúp đỡ ở đâu",
                                            summary: "Gọi 111 <miễn phí>.", body: "Gọi **111**.\n\n## Ở xã\n\n- Công an xã\n")
        return TestSnapshot.make([help], locales: [vi], materials: [
            Material(slug: "where-to-get-help", topics: ["help"], audiences: [], sourceLocale: "vi", channels: [.website]),
        ])
    }

    @Test("Pages and manifest of a small snapshot")
    func golden() throws {
        let folder = TemporaryFolder()
        _ = try SiteExporter(options: SiteOptions(outputDirectory: folder.path("site"),
                                                  baseURL: URL(string: "https://loa.example/site"))).export(Self.snapshot)
        let site = SiteFiles(folder.path("site"))
        if let dump = ProcessInfo.processInfo.environment["LOA_SITE_GOLDEN_DUMP"] {
            try? FileManager.default.removeItem(atPath: dump)
            try FileManager.default.copyItem(at: folder.path("site"), to: URL(fileURLWithPath: dump))
        }
        #expect(site.files.keys.sorted() == ["index.html", "manifest.json", "print.css", "sitemap.xml", "style.css",
                                             "vi/about.html", "vi/index.html", "vi/where-to-get-help.html"])
        #expect(site.text("vi/where-to-get-help.html") == Self.materialPage)
        #expect(site.text("index.html") == Self.rootPage)
        #expect(site.text("sitemap.xml") == Self.sitemap)
        // Fingerprints hash the theme's files too; they are checked by the incremental tests instead.
        let manifest = site.text("manifest.json").replacingOccurrences(
            of: "\"fingerprint\": \"[0-9a-f]{64}\"", with: "\"fingerprint\": \"…\"", options: .regularExpression)
        #expect(manifest == Self.manifest)
    }
}

extension SiteGoldenTests {
    static let materialPage = """
        <!DOCTYPE html>
        <html lang="vi" dir="ltr">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;self&#39;; img-src &#39;self&#39; data:; base-uri &#39;none&#39;; form-action &#39;none&#39;" />
        <meta name="referrer" content="no-referrer" />
        <title>Tìm giúp đỡ ở đâu · Loa</title>
        <meta name="description" content="Gọi 111 &lt;miễn phí&gt;." />
        <link rel="stylesheet" href="../style.css" />
        <link rel="stylesheet" href="../print.css" media="print" />
        <link rel="canonical" href="https://loa.example/site/vi/where-to-get-help.html" />
        <link rel="alternate" hreflang="vi" href="https://loa.example/site/vi/where-to-get-help.html" />
        </head>
        <body>
        <a class="skip" href="#main">Chuyển đến nội dung chính</a>
        <header class="site">
        <p class="site-title"><a href="index.html">Loa</a></p>
        <nav>
        <ul>
        <li><a href="index.html">Trang chủ</a></li>
        <li><a href="about.html">Giới thiệu</a></li>
        <li><a href="../index.html">Ngôn ngữ</a></li>
        </ul>
        </nav>
        </header>
        <main id="main">
        <article lang="vi" dir="ltr">
        <h1>Tìm giúp đỡ ở đâu</h1>
        <p class="lead">Gọi 111 &lt;miễn phí&gt;.</p>
        <p>Gọi <strong>111</strong>.</p>
        <h2 id="o-xa">Ở xã</h2>
        <ul>
        <li>Công an xã</li>
        </ul>

        </article>
        <dl class="facts">
        <dt>Thời gian đọc to</dt><dd>1 phút</dd>
        <dt>Ngày đăng</dt><dd><time datetime="2025-12-03">2025-12-03</time></dd>
        <dt>Phiên bản</dt><dd><code>0f50499de3ce</code></dd>
        <dt>Chủ đề</dt><dd><ul class="inline"><li><a href="index.html#topic-help">Tìm giúp đỡ</a></li></ul></dd>
        </dl>

        </main>
        <footer class="site">
        <p>Loa · Tài liệu phòng, chống mua bán người</p>
        </footer>
        </body>
        </html>

        """

    static let rootPage = """
        <!DOCTYPE html>
        <html lang="vi" dir="ltr">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;self&#39;; img-src &#39;self&#39; data:; base-uri &#39;none&#39;; form-action &#39;none&#39;" />
        <meta name="referrer" content="no-referrer" />
        <title>Loa</title>
        <meta name="description" content="Tài liệu phòng, chống mua bán người" />
        <link rel="stylesheet" href="style.css" />
        <link rel="stylesheet" href="print.css" media="print" />
        <link rel="canonical" href="https://loa.example/site/index.html" />
        </head>
        <body>
        <a class="skip" href="#main">Chuyển đến nội dung chính</a>
        <header class="site">
        <p class="site-title"><a href="index.html">Loa</a></p>
        </header>
        <main id="main">
        <h1>Loa</h1>
        <p class="lead">Tài liệu phòng, chống mua bán người</p>
        <h2>Ngôn ngữ</h2>
        <ul class="languages">
        <li><a href="vi/index.html" hreflang="vi" lang="vi" dir="ltr">Tiếng Việt</a></li>
        </ul>

        </main>
        <footer class="site">
        <p>Loa · Tài liệu phòng, chống mua bán người</p>
        </footer>
        </body>
        </html>

        """

    static let sitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://loa.example/site/index.html</loc></url>
        <url><loc>https://loa.example/site/vi/about.html</loc></url>
        <url><loc>https://loa.example/site/vi/index.html</loc></url>
        <url><loc>https://loa.example/site/vi/where-to-get-help.html</loc></url>
        </urlset>

        """

    static let manifest = """
        {
        "format": "loa-site/1",
        "snapshotID": "9dd4d640cbda2d439dd4d640cbda2d439dd4d640cbda2d439dd4d640cbda2d43",
        "snapshotTakenAt": "2026-01-01T00:00:00Z",
        "locales": ["vi"],
        "pages": [
        {"path": "index.html", "kind": "languages", "locale": "vi", "fallback": false, "fingerprint": "…"},
        {"path": "vi/about.html", "kind": "about", "locale": "vi", "fallback": false, "fingerprint": "…"},
        {"path": "vi/index.html", "kind": "index", "locale": "vi", "fallback": false, "fingerprint": "…"},
        {"path": "vi/where-to-get-help.html", "kind": "material", "material": "where-to-get-help", "locale": "vi", "textLocale": "vi", "revision": "0f50499de3ce9bd30f50499de3ce9bd30f50499de3ce9bd30f50499de3ce9bd3", "fallback": false, "fingerprint": "…"}
        ],
        "files": [
        {"path": "print.css", "fingerprint": "…"},
        {"path": "sitemap.xml", "fingerprint": "…"},
        {"path": "style.css", "fingerprint": "…"}
        ]
        }

        """
}
