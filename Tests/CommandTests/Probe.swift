import Testing
import Foundation
@Test func probe() {
    print("ARG0", CommandLine.arguments)
    print("MAIN", Bundle.main.bundleURL, Bundle.main.executableURL as Any)
    #expect(true == true)
}
