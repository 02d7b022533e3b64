import XCTest
final class ImportPlaceholderTests: XCTestCase { func testNothing() {} }
