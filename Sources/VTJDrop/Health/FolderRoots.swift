import Glibc

/// The inbox, outbox and state roots as they were at start.
///
/// A root must exist and be a folder when the daemon starts: nothing creates it, because a missing
/// root is usually a network share that is not mounted, and creating it would let clerks' files
/// land where nobody watches. While running, a root that disappears, stops being a folder, or now
/// lies on another file system (an unmounted share leaves its empty mount point behind) closes
/// intake until it is back; it is never recreated. Department folders under the roots may be
/// created at start.
package struct FolderRoots: Sendable {
    struct Root: Sendable {
        let name: String
        let path: String
        let device: UInt64
    }

    let roots: [Root]

    /// Checks the three roots of `configuration`, or says which one is missing and what to do.
    package init(configuration: DropConfiguration) throws(PipelineError) {
        var roots: [Root] = []
        for (name, path) in [("inbox", configuration.inbox), ("outbox", configuration.outbox), ("state", configuration.state)] {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let reason = errno == ENOENT ? "does not exist" : String(cString: strerror(errno))
                throw .setup("the \(name) folder \(path) \(reason); create it (or mount the share that holds it) and start again. vtjdrop never creates its \(name) root: a missing root is usually an unmounted share")
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw .setup("the \(name) folder \(path) is not a folder; fix the \(name) setting")
            }
            roots.append(Root(name: name, path: path, device: UInt64(info.st_dev)))
        }
        self.roots = roots
    }

    /// What is wrong now, one line naming the folder; nil when every root is as it was at start.
    package func problem() -> String? {
        for root in roots {
            var info = stat()
            guard stat(root.path, &info) == 0 else {
                return "the \(root.name) folder \(root.path) has disappeared (an unmounted share?); nothing is claimed until it is back, and vtjdrop does not recreate it"
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                return "the \(root.name) folder \(root.path) is no longer a folder; nothing is claimed until it is"
            }
            if UInt64(info.st_dev) != root.device {
                return "the \(root.name) folder \(root.path) is on another file system than at start (was a share unmounted?); nothing is claimed until it is back — restart vtjdrop if it was remounted on purpose"
            }
        }
        return nil
    }
}
