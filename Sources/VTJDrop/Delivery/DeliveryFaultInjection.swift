import Glibc
import Synchronization

/// Test seam: makes publishing into one outbox folder fail with a chosen errno, the way a full
/// disk (ENOSPC while writing) or a read-only mount (EROFS while creating) does, for machines
/// where a test may not mount a small or read-only file system. Empty in production.
enum DeliveryFaultInjection {
    /// Where in a publish the fault strikes.
    enum Point: Sendable, Hashable {
        /// Creating the temp file (a read-only folder fails here).
        case create
        /// Writing bytes (a full disk fails here).
        case write
        /// Renaming the finished file into place.
        case publish
    }

    private static let faults = Mutex<[String: (point: Point, code: Int32)]>([:])

    /// Every publish into `folder` fails at `point` with `code` until ``clear(_:)``.
    static func inject(_ code: Int32, at point: Point, folder: String) {
        faults.withLock { $0[folder] = (point, code) }
    }

    /// Publishing into `folder` works again.
    static func clear(_ folder: String) {
        faults.withLock { $0[folder] = nil }
    }

    /// The errno injected for `folder` at `point`, if any.
    static func error(at point: Point, folder: String) -> Int32? {
        faults.withLock { faults in
            guard let fault = faults[folder], fault.point == point else { return nil }
            return fault.code
        }
    }
}
