import Testing
@testable import MarkdownRendering

/// Attack vectors that safe rendering must neutralise: the output may keep the text, never the script.
@Suite("Safe mode against injection")
struct InjectionTests {
    static let vectors: [String] = [
        // Raw tags
        "<script>alert(1)</script>",
        "text <script>alert(1)</script> more",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        // Event handlers
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" onerror=\"alert(1)\"/>",
        "<p onmouseover=\"alert(1)\">hover</p>",
        "<div onclick='alert(1)'>click</div>",
        "<body onload=alert(1)>",
        "<a href=\"https://ok.example\" onfocus=\"alert(1)\" autofocus>x</a>",
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "inline <span onmouseover=alert(1)>x</span> html",
        // javascript: in inline links and images
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click](jav&#x61;script:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](&#x6A;avascript:alert(1))",
        "[click](javascript\\:alert(1))",
        "[click](<javascript:alert(1)>)",
        "[click](javascript:alert(1) \"title\")",
        "[click](vbscript:msgbox(1))",
        "[click](VBScript:msgbox(1))",
        "[click](file:///etc/passwd)",
        "![img](javascript:alert(1))",
        "![img](JAVASCRIPT:alert(1))",
        // reference links
        "[click][x]\n\n[x]: javascript:alert(1)",
        "[click][x]\n\n[x]: <jav&#x61;script:alert(1)> \"t\"",
        "![img][y]\n\n[y]: vbscript:msgbox(1)",
        "[x]\n\n[x]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        // data: URLs
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DATA:text/html,x)",
        "![svg](data:image/svg+xml,<svg onload=alert(1)>)",
        "![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[x](data:application/javascript,alert(1))",
        // SVG and MathML
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        // Comments, CDATA, declarations, processing instructions
        "<!-- <script>alert(1)</script> -->",
        "a <!-- --><script>alert(1)</script> b",
        "<![CDATA[<script>alert(1)</script>]]>",
        "x <![CDATA[ ]]><img src=x onerror=alert(1)> y",
        "<!DOCTYPE html><script>alert(1)</script>",
        "<?php echo '<script>alert(1)</script>'; ?>",
        // Autolinks
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "<file:///etc/passwd>",
        // Mixed with Markdown structure
        "# Heading <script>alert(1)</script>",
        "# [x](javascript:alert(1))",
        "> <img src=x onerror=alert(1)>",
        "- [x](javascript:alert(1))\n- <script>alert(1)</script>",
        "`<script>` is code, <script>alert(1)</script> is not",
        "[a](javascript:alert(1))[b](<java\nscript:alert(1)>)",
        "[link](&#x20;javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=jav&#x61;script:alert(1)>x</a>",
        "<img src=\"javascript:alert(1)\">",
        "**<script>alert(1)</script>**",
        "Mua bán người <script>alert('xss')</script> [báo cáo](javascript:alert(document.cookie))",
    ]

    @Test func corpusHasAtLeastFiftyVectors() {
        #expect(Self.vectors.count >= 50)
    }

    @Test(arguments: vectors)
    func safeModeNeutralises(_ vector: String) {
        let html = MarkdownRenderer().html(vector)
        let problems = SafetyScanner.problems(in: html)
        #expect(problems.isEmpty, "\(html)")
        #expect(!html.lowercased().contains("<script"))
    }

    @Test(arguments: vectors)
    func plainTextNeverCarriesADangerousURL(_ vector: String) {
        let text = MarkdownRenderer().plainText(vector).lowercased()
        for scheme in ["(javascript:", "(vbscript:", "(file:", "(data:text"] {
            #expect(!text.contains(scheme), "\(text)")
        }
    }

    /// The scanner is not blind: the same vectors in unsafe mode do trip it (most of them).
    @Test func unsafeModeIsDetectedByTheScanner() {
        let unsafe = MarkdownRenderer(options: .init(unsafe: true))
        let flagged = Self.vectors.filter { !SafetyScanner.problems(in: unsafe.html($0)).isEmpty }
        #expect(flagged.count >= 50)
    }

    @Test func linksListFlagsDangerousURLs() {
        let links = MarkdownRenderer().links("[a](jav&#x61;script:alert(1)) ![b](data:image/png;base64,AA==) [c](https://ok.vn)")
        #expect(links.map(\.isDangerous) == [true, false, false])
        #expect(links.first?.url == "javascript:alert(1)")
    }
}
