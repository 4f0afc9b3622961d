/// `status.*`: where the operator's endpoint listens and who may read it.
public struct OperatorSettings: Sendable, Hashable {
    /// `status.listen` (`127.0.0.1:9470`).
    public var listen: ListenAddress
    /// `status.user` + `status.password_file`: HTTP Basic for every path (required off loopback).
    public var credentials: OperatorCredentials?
    /// `status.interface_window` (default 15 min): see ``HealthDecision``.
    public var interfaceWindow: Duration

    public init(listen: ListenAddress, credentials: OperatorCredentials? = nil, interfaceWindow: Duration = .seconds(15 * 60)) {
        self.listen = listen
        self.credentials = credentials
        self.interfaceWindow = interfaceWindow
    }

    /// The port when none is given (`status.listen: 127.0.0.1`).
    public static let defaultPort = 9470
}
