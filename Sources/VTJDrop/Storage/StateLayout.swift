/// Fixed names inside the state folder that more than one part of the appliance needs to agree on.
package enum StateLayout {
    /// The SQLite database holding the journal, the audit log and the followed register.
    package static let databaseFileName = "vtjdrop.sqlite"
    /// Scratch files: answer and disclosure spools, SQLite's temporary files (mode 0700).
    package static let temporaryFolderName = "tmp"
}
