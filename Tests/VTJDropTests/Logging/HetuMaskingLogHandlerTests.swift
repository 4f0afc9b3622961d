import Logging
import Testing
import VTJDrop
import VTJTestSupport

/// The daemon's last guard: whatever a call site logs, no henkilötunnus reaches the log handler.
@Suite struct HetuMaskingLogHandlerTests {
    struct PathError: Error, CustomStringConvertible {
        var description: String { "cannot open /srv/inbox/sivistys/020594x903p hakemus.txt" }
    }

    @Test func messageMetadataAndNestedValuesAreMasked() {
        let capture = LogCapture()
        var logger = Logger(label: "vtjdrop") { HetuMaskingLogHandler(wrapping: capture.handler(label: $0)) }
        logger.logLevel = .trace
        logger[metadataKey: "file"] = "010594Y9032 oppilas.txt"
        logger.error("lookup of 010516B903X failed", metadata: [
            "error": "\(PathError())",
            "convertible": .stringConvertible(PathError()),
            "nested": .dictionary(["list": .array([.string("a 030516D9037 b"), .string("ok")])]),
            "count": "3",
        ])
        logger.trace("no hetu here: 010594Y9033 has a wrong check character, 12345678901 is a number")

        let text = capture.all.joined(separator: "\n")
        for hetu in ["010594Y9032", "010516B903X", "020594x903p", "020594X903P", "030516D9037"] {
            #expect(!text.contains(hetu), "\(hetu) reached the log: \(text)")
        }
        for masked in ["010594Y***2 oppilas.txt", "lookup of 010516B***X failed", "020594X***P hakemus.txt", "a 030516D***7 b", "count=3"] {
            #expect(text.contains(masked), "\(masked) missing: \(text)")
        }
        #expect(text.contains("010594Y9033") && text.contains("12345678901"), "only valid henkilötunnus are masked")
        #expect(capture.all.count == 2, "the level passes through: \(capture.all)")
    }

    @Test func theLevelAndMetadataOfTheWrappedHandlerStayInUse() {
        let capture = LogCapture()
        var logger = Logger(label: "vtjdrop") { HetuMaskingLogHandler(wrapping: capture.handler(label: $0)) }
        logger.logLevel = .warning
        logger.info("dropped")
        logger.warning("kept")
        #expect(capture.all.count == 1 && capture.all[0].contains("kept"), "\(capture.all)")
        logger[metadataKey: "request"] = "r-1"
        #expect(logger[metadataKey: "request"] == "r-1")
    }
}

extension HetuMaskingLogHandlerTests {
    /// The daemon's handler (`StreamLogHandler`) takes a metadata provider; what it adds is masked too.
    @Test func metadataFromAProviderIsMasked() {
        let capture = LogCapture()
        var inner = capture.handler()
        inner.metadataProvider = Logger.MetadataProvider { ["person": "010594Y9032"] }
        var logger = Logger(label: "vtjdrop") { _ in HetuMaskingLogHandler(wrapping: inner) }
        logger.logLevel = .info
        logger.info("x")
        #expect(capture.all.count == 1 && capture.all[0].contains("person=010594Y***2"), "\(capture.all)")
    }
}
