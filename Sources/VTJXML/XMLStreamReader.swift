import CXMLShim

/// A forward-only reader over an XML document (libxml2's xmlTextReader through CXMLShim).
///
/// Always parses without network access, without entity substitution and without DTD loading;
/// a DOCTYPE or an entity reference ends the read with an error.
public final class XMLStreamReader {
    /// One step of the document.
    public enum Node: Equatable, Sendable {
        case start(name: String, depth: Int, isEmpty: Bool)
        case text(String)
        case end(name: String, depth: Int)
    }

    private let reader: OpaquePointer
    private let buffer: UnsafeMutableRawBufferPointer?
    /// Name used in error messages (file name or URL).
    public let documentName: String

    /// Reads from bytes in memory (copied, so the caller's buffer may go away).
    public init(bytes: some Collection<UInt8>, documentName: String) throws(XMLReadError) {
        vx_init()
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        copy.copyBytes(from: bytes)
        guard let reader = vx_reader_from_memory(copy.baseAddress!.assumingMemoryBound(to: CChar.self), bytes.count, documentName) else {
            copy.deallocate()
            throw XMLReadError(document: documentName, line: 0, reason: "cannot start the XML reader")
        }
        self.reader = reader
        self.buffer = copy
        self.documentName = documentName
    }

    /// Reads from an open file descriptor, streaming (the descriptor stays the caller's to close).
    public init(fileDescriptor: Int32, documentName: String) throws(XMLReadError) {
        vx_init()
        guard let reader = vx_reader_from_fd(fileDescriptor, documentName) else {
            throw XMLReadError(document: documentName, line: 0, reason: "cannot start the XML reader")
        }
        self.reader = reader
        self.buffer = nil
        self.documentName = documentName
    }

    deinit {
        vx_reader_free(reader)
        buffer?.deallocate()
    }

    /// The next element start, text or element end; nil at the end of the document.
    public func next() throws(XMLReadError) -> Node? {
        while true {
            switch vx_reader_next(reader) {
            case 0: return nil
            case 1: break
            default:
                throw XMLReadError(document: documentName, line: Int(vx_reader_error_line(reader)),
                                   reason: String(cString: vx_reader_error(reader)))
            }
            switch vx_reader_kind(reader) {
            case VX_NODE_ELEMENT:
                return .start(name: String(cString: vx_reader_name(reader)), depth: Int(vx_reader_depth(reader)),
                              isEmpty: vx_reader_is_empty(reader) != 0)
            case VX_NODE_END_ELEMENT:
                return .end(name: String(cString: vx_reader_name(reader)), depth: Int(vx_reader_depth(reader)))
            case VX_NODE_TEXT:
                return .text(String(cString: vx_reader_value(reader)))
            default:
                continue
            }
        }
    }

    /// An attribute of the element just returned by ``next()``.
    public func attribute(_ name: String) -> String? {
        guard let value = vx_reader_attribute(reader, name) else { return nil }
        defer { vx_free(value) }
        return String(cString: value)
    }

    /// The line the reader is at.
    public var line: Int { Int(vx_reader_line(reader)) }
}
