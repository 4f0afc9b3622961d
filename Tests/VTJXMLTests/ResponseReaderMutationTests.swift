import Testing
import VTJCore
import VTJXML

/// Damaged bodies (bytes flipped, dropped, duplicated) never crash the reader: each either reads
/// to a closed root or ends in an XMLReadError. Seeds make every failure replayable.
struct ResponseReaderMutationTests {
    static let original: [UInt8] = {
        var generator = ModelGenerator(seed: 99)
        return ResponseXML.perustiedot((0..<3).map { _ in generator.person() }, page: PerustiedotPageInfo(upToDate: false, continuation: "x"))
    }()

    static func mutate(_ bytes: [UInt8], seed: UInt64) -> [UInt8] {
        var random = SeededGenerator(seed: seed)
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0...3, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.remove(at: at)
            case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at)
            default: bytes.insert(contentsOf: Array("<!DOCTYPE x [<!ENTITY e \"&e;\">]>&e;<&".utf8).shuffled(using: &random).prefix(6), at: at)
            }
        }
        return bytes
    }

    @Test(arguments: 0..<400 as Range<UInt64>)
    func damagedBodiesEndCleanly(seed: UInt64) {
        let body = Self.mutate(Self.original, seed: seed)
        do {
            var persons = 0
            _ = try ResponseReader(bytes: body, documentName: "damaged").readPerustiedot { _ in persons += 1 }
            #expect(persons <= 3)
        } catch let error as XMLReadError {
            #expect(!error.reason.isEmpty)
            #expect(error.line >= 0)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
        // The same bytes as a request or a change page: again no crash, only results or errors.
        _ = try? MessageXML.read(body, documentName: "damaged")
        _ = try? ResponseReader(bytes: body, documentName: "damaged").readMuutokset { _ in }
        _ = ResponseReader.readError(body)
    }
}
