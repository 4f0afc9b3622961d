/// An X-Road client subsystem (`xrd:client`, objectType SUBSYSTEM): `INSTANCE/CLASS/MEMBER/SUBSYSTEM`,
/// e.g. `FI/MUN/0123456-7/vtjdrop`.
public struct XRoadClientID: Hashable, Sendable, CustomStringConvertible {
    public let instance: String
    public let memberClass: String
    public let memberCode: String
    public let subsystemCode: String

    /// Reads `INSTANCE/CLASS/MEMBER/SUBSYSTEM`: four non-empty parts without blanks; nil otherwise.
    public init?(path: String) {
        guard let parts = XRoadClientID.parts(path, count: 4) else { return nil }
        self.init(instance: parts[0], memberClass: parts[1], memberCode: parts[2], subsystemCode: parts[3])
    }

    public init(instance: String, memberClass: String, memberCode: String, subsystemCode: String) {
        self.instance = instance
        self.memberClass = memberClass
        self.memberCode = memberCode
        self.subsystemCode = subsystemCode
    }

    public var description: String { "\(instance)/\(memberClass)/\(memberCode)/\(subsystemCode)" }

    static func parts(_ path: String, count: Int) -> [String]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 255 && $0.allSatisfy { $0.isASCII && !$0.isWhitespace && !$0.isNewline } })
        else { return nil }
        return parts
    }
}

/// An X-Road service (`xrd:service`, objectType SERVICE):
/// `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE/VERSION` (the version may be left out).
public struct XRoadServiceID: Hashable, Sendable, CustomStringConvertible {
    public let instance: String
    public let memberClass: String
    public let memberCode: String
    public let subsystemCode: String
    public let serviceCode: String
    public let serviceVersion: String?

    /// Reads the six-part (or five-part, without a version) path; nil otherwise.
    public init?(path: String) {
        let parts = XRoadClientID.parts(path, count: 6) ?? XRoadClientID.parts(path, count: 5)
        guard let parts else { return nil }
        self.init(instance: parts[0], memberClass: parts[1], memberCode: parts[2], subsystemCode: parts[3],
                  serviceCode: parts[4], serviceVersion: parts.count == 6 ? parts[5] : nil)
    }

    public init(instance: String, memberClass: String, memberCode: String, subsystemCode: String, serviceCode: String,
                serviceVersion: String?) {
        self.instance = instance
        self.memberClass = memberClass
        self.memberCode = memberCode
        self.subsystemCode = subsystemCode
        self.serviceCode = serviceCode
        self.serviceVersion = serviceVersion
    }

    /// DVV's `HenkilonTunnusKysely` in the client's X-Road instance: `GOV/0245437-2/VTJkysely/HenkilonTunnusKysely/v1`
    /// (vtj-soap-kysely.md §3.1; only the test instance's identifier is public, so it is overridable).
    public static func dvvQuery(instance: String) -> XRoadServiceID {
        XRoadServiceID(instance: instance, memberClass: "GOV", memberCode: "0245437-2", subsystemCode: "VTJkysely",
                       serviceCode: "HenkilonTunnusKysely", serviceVersion: "v1")
    }

    public var description: String {
        "\(instance)/\(memberClass)/\(memberCode)/\(subsystemCode)/\(serviceCode)" + (serviceVersion.map { "/\($0)" } ?? "")
    }
}
