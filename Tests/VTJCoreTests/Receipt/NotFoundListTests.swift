import Testing
@testable import VTJCore

/// Issue 15 goal 3: the not-found codes are walked from the list (one bit per distinct code), not
/// held; what the result and the receipt get from the walk is what a list of the texts gave.
@Suite struct NotFoundListTests {
    /// A list with repeats, its distinct codes, and every third distinct code marked not found.
    static func marked() -> (list: HetuSequence, expected: [String], walked: NotFoundList) {
        let distinct = ReceiptListTests.hetus(300).map { try! Henkilotunnus($0) }
        // Repeats later in the list, and a code repeated before its first place is past: each once, at its first place.
        let list = HetuSequence(distinct + distinct.prefix(40).reversed() + distinct.suffix(7))
        let keys = HenkilotunnusKeys(list)
        var bits = [UInt64](repeating: 0, count: (keys.count + 63) / 64)
        var expected: [String] = []
        for (index, code) in distinct.enumerated() where index % 3 == 1 {
            let position = keys.position(of: code.key)!
            bits[position / 64] |= 1 << (position % 64)
            expected.append(code.value)
        }
        return (list, expected, NotFoundList(list: list, bits: bits))
    }

    @Test func aWalkGivesTheMarkedCodesOnceEachInListOrder() {
        let (_, expected, walked) = Self.marked()
        #expect(walked.count == 100)
        #expect(Array(walked) == expected)
        #expect(Array(walked) == expected, "walked again from the start")
        #expect(walked.first(3) == Array(expected.prefix(3)))
        #expect(walked == NotFoundList(expected) && walked.hashValue == NotFoundList(expected).hashValue)
    }

    @Test func noMarksIsAnEmptyList() {
        let (list, _, _) = Self.marked()
        let keys = HenkilotunnusKeys(list)
        let none = NotFoundList(list: list, bits: [UInt64](repeating: 0, count: (keys.count + 63) / 64))
        #expect(none.isEmpty && Array(none).isEmpty && none == [])
    }

    @Test func appendingKeepsTheOrder() {
        let (_, expected, walked) = Self.marked()
        var list = walked
        list.append("010594Y9032")
        #expect(Array(list) == expected + ["010594Y9032"])
    }

    /// The receipt and its list file are the same bytes whether the codes were listed one by one or walked.
    @Test func aReceiptRendersAWalkedListAsItRenderedTheTexts() {
        let (_, expected, walked) = Self.marked()
        var byText = ReceiptListTests.longLists()
        byText.notFound = []
        byText.counts.notFound = 0
        var byWalk = byText
        for hetu in expected { byText.recordNotFound(hetu) }
        byWalk.recordNotFound(walked)
        #expect(byWalk.counts == byText.counts)
        for renderer in [ReceiptRenderer(), ReceiptRenderer(unmaskNotFound: true, language: .english, listLimit: 20)] {
            #expect(renderer.text(byWalk, listFile: "x.luettelot.txt") == renderer.text(byText, listFile: "x.luettelot.txt"))
            let lists = renderer.listsText(byWalk, receiptName: "x.kuitti.txt")
            #expect(lists != nil && lists == renderer.listsText(byText, receiptName: "x.kuitti.txt"))
        }
    }
}
