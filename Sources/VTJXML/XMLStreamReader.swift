/// A forward-only reader over an XML document (libxml2's push parser through CXMLShim).
///
/// Always parses without network access, without entity substitution and without DTD loading;
/// a DOCTYPE or an entity reference ends the read with an error. Blank text between elements
/// is not reported.
public final class XMLStreamReader {
    /// One step of the document.
    public enum Node: Equatable, Sendable {
        case start(name: String, depth: Int, isEmpty: Bool)
        case text(String)
        case end(name: String, depth: Int)
    }

    private let cursor: XMLCursor
    /// Whether text of blanks only is reported too (as ``Node/text(_:)``); by default it is
    /// skipped, being mostly indentation between elements. Spreadsheet cells need it: a cell
    /// of two spaces is a value.
    public var reportsBlankText = false
    /// Name used in error messages (file name or URL).
    public var documentName: String { cursor.documentName }

    /// Reads from bytes in memory (copied, so the caller's buffer may go away).
    public init(bytes: some Collection<UInt8>, documentName: String) throws(XMLReadError) {
        cursor = try XMLCursor(bytes: bytes, documentName: documentName)
    }

    /// Reads from an open file descriptor, streaming (the descriptor stays the caller's to close).
    public init(fileDescriptor: Int32, documentName: String) throws(XMLReadError) {
        cursor = try XMLCursor(fileDescriptor: fileDescriptor, documentName: documentName)
    }

    /// The next element start, text or element end; nil at the end of the document.
    public func next() throws(XMLReadError) -> Node? {
        while try cursor.step() {
            switch cursor.kind {
            case .element: return .start(name: cursor.name, depth: cursor.depth, isEmpty: cursor.isEmpty)
            case .end: return .end(name: cursor.name, depth: cursor.depth)
            case .text: return .text(cursor.value)
            case .whitespace:
                if reportsBlankText { return .text(cursor.value) }
            }
        }
        return nil
    }

    /// An attribute of the element just returned by ``next()``.
    public func attribute(_ name: String) -> String? { cursor.attribute(name) }

    /// An attribute in the namespace `uri` of the element just returned by ``next()``, matched
    /// by the namespace's URI whatever prefix the document binds to it (`r:id` in Office files).
    public func attribute(_ name: String, namespace uri: String) -> String? { cursor.attribute(name, namespace: uri) }

    /// The line the reader is at.
    public var line: Int { cursor.line }
}
