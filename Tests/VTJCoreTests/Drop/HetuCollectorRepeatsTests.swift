import Testing
import VTJTestSupport
import VTJCore

/// The collector finds repeats by sorting the list once it is read (``HetuCollector/finish()``),
/// not through a hash index: checked against a dictionary walked in list order.
struct HetuCollectorRepeatsTests {
    /// What the collector should file, worked out the plain way.
    private struct Expected {
        var hetus: [Henkilotunnus] = []
        var lines: [UInt32] = []
        var duplicates: [DropContent.Duplicate] = []
        var duplicateCount = 0
    }

    private func expected(_ values: [(Henkilotunnus, Int)], detailLimit: Int) -> Expected {
        var result = Expected()
        var firstLine: [Henkilotunnus: Int] = [:]
        for (hetu, line) in values {
            if let first = firstLine[hetu] {
                result.duplicateCount += 1
                if result.duplicates.count < detailLimit {
                    result.duplicates.append(.init(hetu: hetu, line: line, firstLine: first))
                }
            } else {
                firstLine[hetu] = line
                result.hetus.append(hetu)
                result.lines.append(UInt32(line))
            }
        }
        return result
    }

    /// Lists drawn from a small pool (many repeats, some many times over), lines skipping now and
    /// then, cut at several detail limits: the same values, lines and repeats as the dictionary's.
    @Test(arguments: [0, 1, 7, 20_000])
    func repeatsMatchADictionaryWalk(detailLimit: Int) {
        let pool = TestHetu.distinct(700)
        var state: UInt64 = 0x1234_5678
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for size in [0, 1, 2, 63, 64, 65, 1000, 3000] {
            var values: [(Henkilotunnus, Int)] = []
            var line = 0
            for _ in 0..<size {
                line += 1 + (next(10) == 0 ? next(5) : 0)
                values.append((pool[next(pool.count)], line))
            }
            var collector = HetuCollector(detailLimit: detailLimit)
            for (hetu, line) in values { collector.accept(hetu.value, line: line) }
            collector.finish()
            let want = expected(values, detailLimit: detailLimit)
            #expect(Array(collector.hetus) == want.hetus, "size \(size)")
            #expect(Array(collector.hetuLines) == want.lines, "size \(size)")
            #expect(collector.duplicates == want.duplicates, "size \(size)")
            #expect(collector.duplicateCount == want.duplicateCount, "size \(size)")
            #expect(collector.valueCount == size)
        }
    }

    /// A list of distinct codes, given in reverse order of their keys: sorting moves every code,
    /// and each must come back to its place.
    @Test func distinctCodesKeepTheirOrderAndLines() {
        let codes = Array(TestHetu.distinct(5000).sorted { $0.key > $1.key })
        var collector = HetuCollector()
        for (index, code) in codes.enumerated() { collector.accept(code.value, line: 2 * index + 3) }
        collector.finish()
        collector.finish()
        #expect(Array(collector.hetus) == codes)
        let lines: [UInt32] = (0..<5000).map { UInt32(2 * $0 + 3) }
        #expect(Array(collector.hetuLines) == lines)
        #expect(collector.duplicates.isEmpty && collector.duplicateCount == 0)
    }
}
