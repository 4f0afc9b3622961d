import Glibc
import VTJCore

/// The small note written into `<state>/claims/<department>/work/<id>/.claim` before the drop is renamed
/// in, so a crash between the claim and the journal never leaves work whose department is unknown.
struct ClaimRecord: Sendable, Hashable {
    /// The note's name; work file names never start with a dot, so it cannot collide.
    static let fileName = ".claim"

    var department: String
    /// The dropped name's escaped display form (one line by construction).
    var originalName: String
    /// The claimed file's name inside the work folder.
    var input: String
    /// Why an inbox entry was quarantined unread (notes in `<state>/quarantine/<id>/` only; one line).
    var reason: String?
    /// The `toiminto` of a fetch the appliance planned itself (a scheduled change delivery): the
    /// folder holds no input, and the note is the plan a restart resumes.
    var planned: String?

    var text: String {
        "department=\(department)\nname=\(originalName)\ninput=\(input)\n" + (reason.map { "reason=\($0)\n" } ?? "")
            + (planned.map { "planned=\($0)\n" } ?? "")
    }

    init(department: String, originalName: String, input: String, reason: String? = nil, planned: String? = nil) {
        self.department = department
        self.originalName = originalName
        self.input = input
        self.reason = reason
        self.planned = planned
    }

    init?(text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        let planned = fields["planned"].flatMap { $0.isEmpty ? nil : $0 }
        guard let department = fields["department"], let name = fields["name"], let input = fields["input"],
              !department.isEmpty, planned != nil || !input.isEmpty, !input.contains("/"), !input.hasPrefix(".") else { return nil }
        self.init(department: department, originalName: name, input: input, reason: fields["reason"], planned: planned)
    }

    /// Writes the note with O_EXCL and fsyncs it.
    func write(in folder: Int32) -> Int32 {
        let descriptor = openat(folder, ClaimRecord.fileName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { return written < 0 ? errno : EIO }
        return fsync(descriptor) == 0 ? 0 : errno
    }

    /// Reads the note of a work folder, nil when it is missing or damaged.
    static func read(in folder: Int32) -> ClaimRecord? {
        let descriptor = openat(folder, fileName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return ClaimRecord(text: String(decoding: buffer[0..<count], as: UTF8.self))
    }
}
