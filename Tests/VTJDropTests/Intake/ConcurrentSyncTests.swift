import Foundation
import Glibc
import Synchronization
import Testing
@testable import VTJDrop

/// Durable steps started together, all finished on return (issue 15 goal 4).
@Suite struct ConcurrentSyncTests {
    @Test func everyDescriptorIsSyncedAndEachErrorStaysAtItsPlace() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        let folder = FileSystemCall.openFolder(temp.path)
        #expect(folder >= 0)
        defer { close(folder) }
        let file = open(temp.path + "/a", O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        #expect(file >= 0)
        defer { close(file) }
        #expect(ConcurrentSync.fsync([folder, file]) == [0, 0])
        #expect(ConcurrentSync.fsync([file, -1, folder]) == [0, EBADF, 0])
        #expect(ConcurrentSync.fsync([-1]) == [EBADF])
        #expect(ConcurrentSync.fsync([]).isEmpty)
    }

    @Test func resultsComeBackInOrder() {
        let bodies: [@Sendable () -> Int] = (0..<5).map { index in { index * 10 } }
        #expect(ConcurrentSync.all(bodies) == [0, 10, 20, 30, 40])
    }

    @Test func theOtherStepHasEndedWhenTheOwnOneThrows() {
        struct Refused: Error {}
        // The other step waits until the own one has run: it cannot have ended before the throw.
        let box = Box()
        #expect(throws: Refused.self) {
            _ = try ConcurrentSync.alongside({ box.started.wait(); box.ended.store(true, ordering: .sequentiallyConsistent) }) {
                box.started.signal()
                throw Refused()
            }
        }
        let ended = box.ended.load(ordering: .sequentiallyConsistent)
        #expect(ended)
    }

    @Test func bothResultsComeBack() throws {
        let (other, own) = try ConcurrentSync.alongside({ "other" }) { 42 }
        #expect(other == "other" && own == 42)
    }

    private final class Box: Sendable {
        let ended = Atomic<Bool>(false)
        let started = DispatchSemaphore(value: 0)
    }
}
