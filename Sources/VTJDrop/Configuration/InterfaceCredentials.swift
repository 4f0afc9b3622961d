import VTJCore

import Foundation

/// The interface's HTTP Basic credentials, taken only from the environment (never from the YAML file).
package struct InterfaceCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The user name (not secret, but never written to the YAML file either).
    package let user: String
    /// The password.
    package let password: Secret
    /// The file the password was read from (`VTJDROP_VTJ_PASSWORD_FILE`), read again while the
    /// interface refuses the credentials, so fixing the file is enough to resume.
    package let passwordFile: String?

    /// Credentials from values already read.
    package init(user: String, password: Secret, passwordFile: String? = nil) {
        self.user = user
        self.password = password
        self.passwordFile = passwordFile
    }

    /// The same user with the password read again from ``passwordFile``; a message naming the
    /// file (never the value) when it cannot be read.
    package func reread() -> Result<InterfaceCredentials, ConfigurationProblem> {
        guard let passwordFile else { return .success(self) }
        var problems: [ConfigurationProblem] = []
        var warnings: [ConfigurationProblem] = []
        guard let secret = Self.readPasswordFile(passwordFile, problems: &problems, warnings: &warnings) else {
            return .failure(problems.first ?? .init(keyPath: "env.\(Self.passwordFileVariable)", message: "cannot read \(passwordFile)"))
        }
        return .success(InterfaceCredentials(user: user, password: secret, passwordFile: passwordFile))
    }

    /// The built-in sandbox's credentials (`kunta` / `salasana`), used only in sandbox mode.
    package static let sandboxDefault = InterfaceCredentials(user: "kunta", password: Secret("salasana"))

    /// Environment variable holding the user name.
    package static let userVariable = "VTJDROP_VTJ_USER"
    /// Environment variable holding the password.
    package static let passwordVariable = "VTJDROP_VTJ_PASSWORD"
    /// Environment variable naming a file whose content is the password.
    package static let passwordFileVariable = "VTJDROP_VTJ_PASSWORD_FILE"

    package var description: String { "\(user):***" }

    /// Reads the credentials from `environment`; problems are appended, never thrown, so startup can list them all.
    ///
    /// - `required`: false in sandbox mode, where missing values fall back to ``sandboxDefault``.
    /// - Problems and warnings name the variable or file, never the value.
    static func fromEnvironment(
        _ environment: [String: String], required: Bool,
        problems: inout [ConfigurationProblem], warnings: inout [ConfigurationProblem]
    ) -> InterfaceCredentials? {
        let user = environment[userVariable].flatMap { $0.isEmpty ? nil : $0 }
        let inline = environment[passwordVariable].flatMap { $0.isEmpty ? nil : $0 }
        let file = environment[passwordFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        let before = problems.count

        var password: Secret?
        if inline != nil, file != nil {
            problems.append(.init(keyPath: "env.\(passwordVariable)",
                                  message: "both \(passwordVariable) and \(passwordFileVariable) are set; unset one of them"))
        } else if let inline {
            password = Secret(inline)
        } else if let file {
            password = readPasswordFile(file, problems: &problems, warnings: &warnings)
        }

        let passwordGiven = inline != nil || file != nil
        if user == nil, !passwordGiven, !required { return .sandboxDefault }
        if user == nil {
            problems.append(.init(keyPath: "env.\(userVariable)",
                                  message: required ? "is not set; the interface needs a user name"
                                                    : "is not set although a password is; set both or neither"))
        }
        if !passwordGiven {
            problems.append(.init(keyPath: "env.\(passwordVariable)",
                                  message: "is not set; set \(passwordFileVariable) to a file only the service user can read (or \(passwordVariable))"))
        }
        guard problems.count == before, let user, let password else { return nil }
        return InterfaceCredentials(user: user, password: password, passwordFile: inline == nil ? file : nil)
    }

    /// The password in `path` (trailing line breaks dropped); problems and warnings are filed under `key`.
    static func readPasswordFile(_ path: String, key: String = "env.\(passwordFileVariable)",
                                 problems: inout [ConfigurationProblem], warnings: inout [ConfigurationProblem]) -> Secret? {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(.init(keyPath: key, message: "cannot read the password file \(path); check that it exists and the service user may read it"))
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            problems.append(.init(keyPath: key, message: "the password file \(path) is not UTF-8 text"))
            return nil
        }
        while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
        if text.isEmpty {
            problems.append(.init(keyPath: key, message: "the password file \(path) is empty"))
            return nil
        }
        // Only for a permissions warning: the file was just read, so its attributes are there.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o007 != 0 {
            warnings.append(.init(keyPath: key, message: "the password file \(path) is readable by other users; run chmod 0600 (or 0640) on it"))
        }
        return Secret(text)
    }
}
