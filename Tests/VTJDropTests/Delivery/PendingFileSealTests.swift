import Foundation
import Glibc
import Testing
@testable import VTJDrop

/// A result fsynced before it is published, so the receipt can be written meanwhile (issue 15 goal 4).
@Suite struct PendingFileSealTests {
    private func setUp() throws -> (DropTestFolder, Publisher) {
        let temp = try DropTestFolder()
        let publisher = Publisher(folder: temp.path + "/outbox/sivistys")
        try publisher.prepare()
        return (temp, publisher)
    }

    private func visible(_ publisher: Publisher) throws -> [String] {
        try DropTestFolder.names(publisher.folder).filter { $0 != Publisher.temporaryFolderName }
    }

    @Test func aSealedFileStaysHiddenTakesNoMoreBytesAndPublishesWhatWasWritten() throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        let pending = try publisher.begin("lista.20261208T013000Z-0000000000.csv")
        try pending.append("hetu;tila\r\n")
        // More than the 64 KiB buffer and a tail still buffered: sealing writes the tail too.
        for index in 0..<5_000 { try pending.append("0105\(index);loytyi\r\n") }
        try pending.seal()
        try pending.seal()  // a second seal is nothing
        #expect(try visible(publisher).isEmpty)
        #expect(try DropTestFolder.names(publisher.temporaryFolder).count == 1)
        #expect(throws: DeliveryError.self) { try pending.append("01059999;loytyi\r\n") }
        let path = try pending.commit()
        #expect(try visible(publisher) == ["lista.20261208T013000Z-0000000000.csv"])
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
        let content = try DropTestFolder.read(path)
        #expect(content.hasPrefix("hetu;tila\r\n01050;loytyi\r\n"))
        #expect(content.hasSuffix("01054999;loytyi\r\n"))
        #expect(Int64(content.utf8.count) == pending.byteCount)
    }

    @Test func aSealedFileAbandonedLeavesNothingAndAnAbandonedOneCannotBeSealed() throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        let sealed = try publisher.begin("a.csv")
        try sealed.append("x\n")
        try sealed.seal()
        sealed.abandon()
        #expect(throws: DeliveryError.self) { try sealed.commit() }
        let abandoned = try publisher.begin("b.csv")
        abandoned.abandon()
        #expect(throws: DeliveryError.self) { try abandoned.seal() }
        #expect(try visible(publisher).isEmpty)
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
    }

    @Test func aSealedFileIsNotPublishedOverAnExistingOne() throws {
        let (temp, publisher) = try setUp()
        defer { temp.remove() }
        try publisher.publish("kuitti.txt", bytes: Array("ensin\n".utf8))
        let pending = try publisher.begin("kuitti.txt")
        try pending.append("toinen\n")
        try pending.seal()
        #expect(throws: DeliveryError.alreadyExists(path: publisher.folder + "/kuitti.txt")) { try pending.commit() }
        #expect(try DropTestFolder.read(publisher.folder + "/kuitti.txt") == "ensin\n")
        #expect(try DropTestFolder.names(publisher.temporaryFolder).isEmpty)
    }
}
