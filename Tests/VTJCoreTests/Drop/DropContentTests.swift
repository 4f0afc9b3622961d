import Testing
@testable import VTJCore

/// One content model for lists, request documents and planned fetches (issue 14, item 3).
@Suite struct DropContentTests {
    @Test func henkilotunnusAreTakenInMessageSizedChunksInOrderNoneLostOrRepeated() throws {
        let values = try Henkilotunnus.testValues(count: 2_345, seed: 14).map { try Henkilotunnus($0) }
        let list = try HetuListReader().read(Array(values.map(\.value).joined(separator: "\n").utf8), file: "lista.txt")
        let chunks = Array(list.hetus.chunks(ofCount: 1000))
        #expect(chunks.map(\.count) == [1000, 1000, 345])
        #expect(chunks.flatMap { $0 } == Array(list.hetus))
        #expect(Array(list.hetus) == values)
        #expect(Array(list.hetus.chunks(ofCount: 0)).count == 2_345, "a chunk holds at least one")
        #expect(Array(HetuSequence().chunks(ofCount: 1000)).isEmpty)
    }

    @Test func aListAndARequestDocumentTellTheReceiptTheSameThings() throws {
        let list = try HetuListReader().read(Array("010594Y9032\n010594y9032\nabc\n".utf8), file: "lista.txt")
        #expect(list.origin == .list(encoding: .utf8, dialect: .plain))
        #expect(list.operation == .perustiedot)
        #expect((list.valueLines, list.hetus.count, list.duplicateCount, list.rejectedCount) == (3, 1, 1, 1))
        #expect(list.notes.map(\.key) == [.noteReadPlain, .noteLowerCase])
        #expect(list.receiptRejectedLines.map(\.line) == [3])
        #expect(list.groupNames == nil)
    }

    @Test func aPlannedFetchAsksNothingOfItsOwn() {
        let planned = DropContent.planned(.kuntaMuutokset, reference: "ajastettu")
        #expect(planned.origin == .planned)
        #expect(planned.hetus.isEmpty && planned.valueLines == 0 && planned.notes.isEmpty)
        #expect(planned.purpose == nil && planned.format == nil && planned.groupNames == nil)
        #expect(planned.reference == "ajastettu")
    }
}
