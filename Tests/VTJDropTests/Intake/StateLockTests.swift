import Glibc
import Testing
import VTJDrop

@Suite struct StateLockTests {
    @Test func aSecondInstanceIsToldWhoHoldsTheLock() throws {
        let temp = try DropTestFolder()
        defer { temp.remove() }
        var first: StateLock? = try StateLock(stateFolder: temp.path)
        #expect(first?.path == temp.path + "/vtjdrop.lock")
        #expect(throws: IntakeError.stateLocked(path: temp.path, holder: "pid \(getpid())")) {
            try StateLock(stateFolder: temp.path)
        }
        first = nil
        let again = try StateLock(stateFolder: temp.path)
        #expect(again.path.hasSuffix("vtjdrop.lock"))
    }

    @Test func aMissingStateFolderIsAClearError() {
        #expect(throws: IntakeError.self) { try StateLock(stateFolder: "/nonexistent/vtjdrop-state") }
    }
}
