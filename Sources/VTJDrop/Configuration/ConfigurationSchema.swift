/// The shape of the YAML file: which keys exist and what each holds. Anything else is reported.
indirect enum ConfigurationSchema: Sendable {
    /// One scalar value.
    case scalar
    /// A list of scalars (a single scalar is accepted as a list of one).
    case list
    /// Fixed keys.
    case table([String: ConfigurationSchema])
    /// Operator-chosen keys (department ids), each with the same shape.
    case entries(ConfigurationSchema)

    /// The whole file.
    static let root: ConfigurationSchema = .table([
        "inbox": .scalar,
        "outbox": .scalar,
        "state": .scalar,
        "log_level": .scalar,
        "watch": .scalar,
        "scan_interval": .scalar,
        "settle_seconds": .scalar,
        "hard_link_wait_seconds": .scalar,
        "max_file_bytes": .scalar,
        "vtj": .table([
            "url": .scalar,
            "sandbox": .scalar,
            "x_road_client": .scalar,
            "client_cert": .scalar,
            "client_key": .scalar,
            "ca_bundle": .scalar,
            "connect_timeout": .scalar,
            "total_timeout": .scalar,
            "parallelism": .scalar,
            "wire": .scalar,
            "municipality_codes": .list,
            "max_response_bytes": .scalar,
            "soap_product": .scalar,
            "x_road_service": .scalar,
        ]),
        "retention": .table([
            "archive_days": .scalar,
            "quarantine_days": .scalar,
            "outbox_days": .scalar,
        ]),
        "schedule": .table([
            "changes_at": .list,
        ]),
        "duplicates": .table([
            "window": .scalar,
        ]),
        "status": .table([
            "listen": .scalar,
            "user": .scalar,
            "password_file": .scalar,
            "interface_window": .scalar,
        ]),
        "departments": .entries(.table([
            "purposes": .list,
            "default_purpose": .scalar,
            "groups": .list,
            "format": .scalar,
            "columns": .list,
            "carry_columns": .scalar,
            "readiness": .scalar,
            "language": .scalar,
            "municipality_operations": .scalar,
            "csv": .table([
                "delimiter": .scalar,
                "line_ending": .scalar,
                "bom": .scalar,
                "neutralise_formulas": .scalar,
            ]),
        ])),
    ])

    /// Key names that look like a secret: never accepted in the file, never echoed.
    static func isSecretKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ["password", "passwd", "salasana", "secret", "token"].contains { lowered.contains($0) }
    }

    /// Keys that belong in the environment instead, with the variable to use.
    static let environmentOnlyKeys: [String: String] = [
        "user": InterfaceCredentials.userVariable,
        "username": InterfaceCredentials.userVariable,
        "kayttaja": InterfaceCredentials.userVariable,
    ]
}

extension ConfigurationSchema {
    /// Every key path the file may hold, `<id>` standing for a department id (for docs and tests).
    func keyPaths(prefix: String = "") -> [String] {
        switch self {
        case .scalar, .list:
            return [prefix]
        case .table(let keys):
            return keys.keys.sorted().flatMap { key in keys[key]!.keyPaths(prefix: prefix.isEmpty ? key : prefix + "." + key) }
        case .entries(let child):
            return child.keyPaths(prefix: prefix + ".<id>")
        }
    }
}

extension ConfigurationDocument {
    /// Every key path the configuration file may hold (`vtj.url`, `departments.<id>.csv.delimiter`).
    package static var knownKeyPaths: [String] { ConfigurationSchema.root.keyPaths() }
}
