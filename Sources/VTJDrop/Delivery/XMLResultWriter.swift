import VTJCore
import VTJXML

/// An XML result: each person's element streamed onto the pending file (flushed per element, so
/// each starts at a known offset); a withdrawn person's element is cut out at the end.
final class XMLResultWriter: ResultWriter {
    private let pending: PendingFile
    private let writer: XMLWriter
    private let xml: ResultXMLWriter

    init(pending: PendingFile, header: ResultXMLWriter.Header) throws {
        self.pending = pending
        let descriptor = try pending.withDescriptor { $0 }
        writer = try XMLWriter(fileDescriptor: descriptor, documentName: pending.name)
        xml = ResultXMLWriter(writer: writer, header: header)
        xml.begin()
        // Out now, so the first person's element starts at a known offset.
        try writer.flush()
    }

    func position() throws -> Int64 { try pending.endOffset() }

    func write(_ person: PersonDisclosure, carried: [[String]], rendered: [CSVRow]?) throws -> [GroupName: Int] {
        xml.write(person)
        try writer.flush()
        return [:]
    }

    func writeNotFound(hetu: String, status: ResultStatus, carried: [[String]]) throws {
        xml.writeNotFound(hetu: hetu, status: status)
    }

    /// An XML result carries no columns of the clerk's list.
    func writeRejected(_ rejected: CarriedColumns.Rejected) throws {}

    func write(_ change: ChangeDisclosure) throws -> [GroupName: Int] {
        xml.write(change)
        try writer.flush()
        return [:]
    }

    func finish(skipping spans: [Range<Int64>]) throws -> [Message] {
        try xml.finish()
        if !spans.isEmpty { try pending.excise(spans) }
        return []
    }

    func abandon() { pending.abandon() }

    func commit() throws -> String { try pending.commit() }
}
