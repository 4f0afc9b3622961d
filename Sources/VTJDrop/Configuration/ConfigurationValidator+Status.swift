import VTJOperator

extension ConfigurationValidator {
    /// `status.*`: the operator endpoint, off without `status.listen`. Off loopback it needs HTTP
    /// Basic (`status.user` + `status.password_file`); without them the appliance refuses to start.
    mutating func statusSettings() -> OperatorSettings? {
        let user = string("status.user")
        let passwordFile = existingFile("status.password_file")
        let window = seconds("status.interface_window", default: 900, range: 60...86_400)
        guard let value = document.value("status.listen"), let text = scalar("status.listen", value) else {
            if let other = ["status.user", "status.password_file", "status.interface_window"].first(where: { document.value($0) != nil }) {
                problem(other, "the operator endpoint is off without status.listen; add status.listen: 127.0.0.1:9470 or remove this key")
            }
            return nil
        }
        let address: ListenAddress
        switch ListenAddress.parse(text) {
        case .success(let parsed): address = parsed
        case .failure(let reason):
            problem("status.listen", "\(reason); e.g. 127.0.0.1:9470 (this machine only) or 0.0.0.0:9470 with status.user and status.password_file")
            return nil
        }
        if let user, user.contains(":") || user.contains(where: \.isNewline) {
            problem("status.user", "an HTTP Basic user name cannot contain ':' or a line break")
        }
        let fileGiven = document.value("status.password_file") != nil
        if (user == nil) != !fileGiven {
            problem(user == nil ? "status.user" : "status.password_file",
                    "status.user and status.password_file go together; set both (HTTP Basic) or neither (loopback only)",
                    line: document.value(user == nil ? "status.password_file" : "status.user")?.line)
        }
        var credentials: OperatorCredentials?
        if let user, let passwordFile,
           let password = InterfaceCredentials.readPasswordFile(passwordFile, key: "status.password_file", problems: &problems, warnings: &warnings) {
            credentials = OperatorCredentials(user: user, password: password.exposedForUse())
        }
        if !address.isLoopback {
            if user == nil, !fileGiven {
                problem("status.listen", "\(address) can be reached from other machines; set status.user and status.password_file "
                        + "(HTTP Basic), or listen on 127.0.0.1 and reach the page through an ssh tunnel")
            } else {
                warnings.append(.init(keyPath: "status.listen", message: "HTTP Basic over plain HTTP on \(address) sends the password "
                                      + "unencrypted; where the network is not trusted, put a TLS proxy in front or use an ssh tunnel",
                                      line: value.line))
            }
        }
        return OperatorSettings(listen: address, credentials: credentials, interfaceWindow: window)
    }
}
