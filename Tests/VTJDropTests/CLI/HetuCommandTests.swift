import Testing

/// `vtjdrop hetu`, run as the real binary.
@Suite struct HetuCommandTests {
    @Test func validAndInvalidValuesExitOne() async throws {
        let outcome = try await VTJDropBinary.runDetached(["hetu", "010594Y9032", "010594Y9033"])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("010594Y9032\tOK\t1994-05-01\tmies\ttesti") == true)
        #expect(lines.last?.contains("ERROR\tbad check character '3'") == true)
    }

    @Test func allValidExitsZero() async throws {
        let outcome = try await VTJDropBinary.runDetached(["hetu", "020504A902E", "020275-9862"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("2004-05-02\tnainen"))
    }

    @Test func standardInputOnePerLineSkipsBlanksAndComments() async throws {
        let outcome = try await VTJDropBinary.runDetached(["hetu"], stdin: "# list\n010594Y9032\r\n\n\"020594x903p\"\n010594Y000X\n")
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("line 2: 010594Y9032\tOK"))
        #expect(lines[1].contains("OK") && lines[1].contains("warning: lower-case"))
        #expect(lines[2].hasPrefix("line 5:") && lines[2].contains("000 and 001"))
    }

    @Test func nothingToCheckIsAUsageError() async throws {
        let outcome = try await VTJDropBinary.runDetached(["hetu"], stdin: "")
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("no values given"))
    }
}
