import Foundation
import Testing
import VTJCore
import VTJXML

/// Persons are handed on while the body is still arriving: nothing waits for the whole page.
struct ResponseReaderStreamingTests {
    @Test func firstPersonArrivesBeforeTheBodyEnds() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }
        let whole = ResponseXML.perustiedot(
            [Person(hetu: "010594Y9032", records: [Record(group: .kotikunta, fields: [.text("kuntakoodi", "091")])]),
             Person(hetu: "010516B903X")],
            page: PerustiedotPageInfo(upToDate: true))
        let text = Fixture.text(whole)
        let split = try #require(text.range(of: "</henkilo>")).upperBound
        let head = Array(text[..<split].utf8) + Array(repeating: UInt8(ascii: " "), count: 16 * 1024)
        let tail = Array(text[split...].utf8)

        let firstPersonSeen = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let waitedInVain = LockedFlag()
        Thread.detachNewThread {
            Self.writeAll(head, to: writeEnd)
            // A non-streaming reader would wait for the end of input here; don't hang the test.
            if firstPersonSeen.wait(timeout: .now() + 10) == .timedOut { waitedInVain.set() }
            Self.writeAll(tail, to: writeEnd)
            close(writeEnd)
            writerDone.signal()
        }
        var hetus: [String] = []
        let reader = try ResponseReader(fileDescriptor: readEnd, documentName: "pipe")
        _ = try reader.readPerustiedot { person in
            hetus.append(person.hetu)
            if hetus.count == 1 { firstPersonSeen.signal() }
        }
        writerDone.wait()
        #expect(hetus == ["010594Y9032", "010516B903X"])
        #expect(!waitedInVain.isSet, "the first person was only handed on after the whole body arrived")
    }

    @Test func aBodyCutInTheMiddleOfAPipeIsAnError() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let whole = ResponseXML.perustiedot((0..<50).map { _ in Person(hetu: "010594Y9032") }, page: PerustiedotPageInfo(upToDate: true))
        Self.writeAll(Array(whole[0..<(whole.count - 30)]), to: fds[1])
        close(fds[1])
        var count = 0
        let reader = try ResponseReader(fileDescriptor: fds[0], documentName: "pipe")
        #expect(throws: XMLReadError.self) { _ = try reader.readPerustiedot { _ in count += 1 } }
        #expect(count < 50)
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// A flag set by one thread and read by another.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
