import Foundation
import Testing
@testable import TrellisCore

/// SPEC 3.2 and 6: facilitator-only content is in the facilitator handbook
/// and never in the participant handbook.
@Suite struct HandbookTests {
    private let secrets = ["Secret hint for facilitators only.", "Post your own video first as a model."]

    @Test func handbooksExist() {
        let site = BuiltSite()
        for name in ["intro-module-participant", "intro-module-facilitator", "catalogue"] {
            #expect(site.exists("handbooks/\(name).html"), "\(name).html missing")
        }
    }

    @Test func participantHandbookLeavesOutFacilitatorContent() throws {
        let html = try BuiltSite().text("handbooks/intro-module-participant.html")
        #expect(html.contains("Record a short video."))
        #expect(html.contains("Compare your two school systems"))
        for secret in secrets {
            #expect(!html.contains(secret), "participant handbook contains '\(secret)'")
        }
        #expect(!html.contains("[!FACILITATOR]"))
    }

    @Test func facilitatorHandbookHasEverything() throws {
        let html = try BuiltSite().text("handbooks/intro-module-facilitator.html")
        #expect(html.contains("Record a short video."))
        for secret in secrets {
            #expect(html.contains(secret), "facilitator handbook lacks '\(secret)'")
        }
    }

    @Test func catalogueHandbookHasEveryPractice() throws {
        let html = try BuiltSite("rich").text("handbooks/catalogue.html")
        for title in ["Sammtalk", "Cyprus Twinning", "Dutch Exchange", "Finnish Network"] {
            #expect(html.contains(title))
        }
    }
}
