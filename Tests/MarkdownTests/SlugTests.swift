import Testing

@testable import Markdown

@Suite struct SlugTests {
    @Test(arguments: [
        ("Hello World", "hello-world"),
        ("  Leading and trailing  ", "leading-and-trailing"),
        ("Who is involved? How were they motivated?", "who-is-involved-how-were-they-motivated"),
        ("C++ & Swift!", "c-swift"),
        ("Step 2: do it", "step-2-do-it"),
        ("Ωμέγα Δέλτα", "ωμέγα-δέλτα"),
        ("Ärger über Öl", "ärger-über-öl"),
        ("日本語", "日本語"),
    ])
    func make(text: String, slug: String) {
        #expect(Slug.make(text) == slug)
    }

    @Test func emptyGivesFallback() {
        #expect(Slug.make("") == "section")
        #expect(Slug.make("!!! ???") == "section")
        #expect(Slug.make("", fallback: "x") == "x")
    }

    @Test func everyASCIICharacterAsUnicodeSaysIt() {
        // ASCII takes a shortcut: it must agree with the Unicode properties.
        for value in UInt8(0)..<0x80 {
            let scalar = Unicode.Scalar(value)
            let keeps = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            let expected = keeps ? "a\(scalar.properties.lowercaseMapping)b" : "a-b"
            #expect(Slug.make("a\(Character(scalar))b") == expected, "U+\(String(value, radix: 16))")
        }
    }

    @Test func decomposedMarksAreDropped() {
        // "e" followed by a combining acute accent.
        #expect(Slug.make("Cafe\u{301} Bar") == "cafe-bar")
    }
}

@Suite struct AnchorSetTests {
    @Test func claimsUniqueAnchors() {
        var anchors = AnchorSet()
        #expect(anchors.claim("Intro") == "intro")
        #expect(anchors.claim("Intro") == "intro-1")
        #expect(anchors.claim("intro") == "intro-2")
        #expect(anchors.claim("Other") == "other")
    }

    @Test func reservedAnchorsAreSkipped() {
        var anchors = AnchorSet(reserved: ["main", "main-1"])
        #expect(anchors.claim("Main") == "main-2")
    }

    @Test func suffixedNameAlreadyTaken() {
        var anchors = AnchorSet()
        #expect(anchors.claim("a-1") == "a-1")
        #expect(anchors.claim("a") == "a")
        #expect(anchors.claim("a") == "a-2")
    }

    /// ASCII text is slugged byte by byte; that gives what the scalar rule
    /// gives, for every printable character and the usual controls.
    @Test func asciiSlugsAreTheScalarRulesSlugs() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array((0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }) + ["\t", "\n"]
        for length in 0..<40 {
            for _ in 0..<25 {
                let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
                #expect(Slug.ascii(text) == Slug.scalars(text), "\(text.debugDescription)")
            }
        }
        #expect(Slug.ascii("--Hello,  World 2--") == "hello-world-2")
    }
}
