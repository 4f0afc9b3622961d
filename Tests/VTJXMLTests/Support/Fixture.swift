import Foundation
import Testing
import VTJTestSupport

/// Test inputs: the fixture files, and the repository's copy of the profile schema.
enum Fixture {
    /// The bytes of `Fixtures/<name>`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                               "fixture \(name) missing")
        return Array(try Data(contentsOf: url))
    }

    /// Path of a fixture file on disk.
    static func path(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")).path
    }

    /// `docs/vtj-xml-profile.xsd` in this checkout (a copy of the shared spec's schema).
    static var profileSchemaPath: String {
        repositoryRoot + "/docs/vtj-xml-profile.xsd"
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
