import Foundation

/// The user and password that open the endpoint (HTTP Basic); the password never prints.
public struct OperatorCredentials: Sendable, Hashable, CustomStringConvertible {
    /// `status.user`.
    public let user: String
    private let password: [UInt8]

    /// Credentials from the configured user and the password file's content.
    public init(user: String, password: String) {
        self.user = user
        self.password = Array(password.utf8)
    }

    public var description: String { "\(user):***" }

    /// Whether an `Authorization` header carries this user and password.
    ///
    /// Both are compared in time that depends only on the configured values' lengths, never on
    /// where a guess first differs, and both are always compared.
    public func accept(authorization header: String?) -> Bool {
        guard let header, header.count <= 4096 else { return false }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { return false }
        let givenUser = Array(decoded[decoded.startIndex..<colon])
        let givenPassword = Array(decoded[decoded.index(after: colon)...])
        let userMatches = Self.constantTimeEqual(expected: Array(user.utf8), given: givenUser)
        let passwordMatches = Self.constantTimeEqual(expected: password, given: givenPassword)
        return userMatches && passwordMatches
    }

    /// Equality whose time depends only on `expected.count`.
    static func constantTimeEqual(expected: [UInt8], given: [UInt8]) -> Bool {
        var difference: UInt8 = expected.count == given.count ? 0 : 1
        for index in expected.indices {
            let other = index < given.count ? given[index] : ~expected[index]
            difference |= expected[index] ^ other
        }
        return difference == 0
    }
}
