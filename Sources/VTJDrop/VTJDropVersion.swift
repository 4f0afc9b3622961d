/// The appliance's version: `vtjdrop --version`, and the first log line of every start.
package enum VTJDropVersion {
    /// Semantic version of this source tree (raise it with every release).
    package static let number = "0.9.0"
}
