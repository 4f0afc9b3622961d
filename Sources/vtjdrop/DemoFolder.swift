import Foundation
import Glibc

/// Where `vtjdrop demo` may work: a new folder, an empty one, or one an earlier demo made.
///
/// The demo used to empty its folder whatever it held (`--folder ..` deleted the parent, and
/// `--folder /srv/vtjdrop` would have wiped an installation). Now it works only where it cannot
/// destroy anything it did not create: a marker file says "made by vtjdrop demo", and even there
/// only the demo's own `inbox`, `outbox` and `state` are replaced.
enum DemoFolder {
    /// The marker an earlier demo left in its folder.
    static let markerName = ".vtjdrop-demo"
    /// What the demo creates inside its folder (and so may remove again).
    static let ownEntries = ["inbox", "outbox", "state"]

    /// Why the demo refuses a folder; the message names it and says what to do.
    struct Refusal: Error, CustomStringConvertible {
        let folder: String
        let reason: String
        var description: String {
            "vtjdrop demo: refusing to use \(folder): \(reason). Nothing was changed. "
                + "Give --folder a new or empty folder (or remove that folder yourself if it is an old demo)."
        }
    }

    /// Makes `root` ready for a fresh demo run, or refuses without touching anything.
    static func prepare(_ root: String) throws(Refusal) {
        var info = stat()
        if lstat(root, &info) != 0 {
            guard errno == ENOENT else {
                throw Refusal(folder: root, reason: "it cannot be inspected (\(String(cString: strerror(errno))))")
            }
            do {
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            } catch {
                throw Refusal(folder: root, reason: "it cannot be created (\(error.localizedDescription))")
            }
            try mark(root)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw Refusal(folder: root, reason: "it is a symbolic link")
        default: throw Refusal(folder: root, reason: "it is not a folder")
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw Refusal(folder: root, reason: "it cannot be listed (\(error.localizedDescription))")
        }
        if entries.isEmpty {
            try mark(root)
            return
        }
        var markerInfo = stat()
        guard entries.contains(markerName), lstat(root + "/" + markerName, &markerInfo) == 0,
              markerInfo.st_mode & S_IFMT == S_IFREG
        else {
            throw Refusal(folder: root, reason: "it holds \(entries.count) entries and was not made by vtjdrop demo (no \(markerName) file in it)")
        }
        // An earlier demo's folder: only what the demo itself made goes (links are removed, never followed).
        for name in ownEntries where entries.contains(name) {
            do {
                try FileManager.default.removeItem(atPath: root + "/" + name)
            } catch {
                throw Refusal(folder: root, reason: "the earlier demo's \(name) cannot be removed (\(error.localizedDescription))")
            }
        }
    }

    private static func mark(_ root: String) throws(Refusal) {
        let text = "Made by `vtjdrop demo`: the demo may replace inbox/, outbox/ and state/ here.\n"
        guard FileManager.default.createFile(atPath: root + "/" + markerName, contents: Data(text.utf8)) else {
            throw Refusal(folder: root, reason: "the marker file \(markerName) cannot be written")
        }
    }
}
