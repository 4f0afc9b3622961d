import CXMLShim

/// The message readers' fast path over CXMLShim: one C call per node, element names as small
/// integers (compared without building strings), text only when asked for.
final class XMLCursor {
    enum Kind: Equatable {
        case element, end, text, whitespace
    }

    private let reader: OpaquePointer
    private let buffer: UnsafeMutableRawBufferPointer?
    /// The current node, filled by the shim (a pointer, so reading it costs no exclusivity check).
    private let node: UnsafeMutablePointer<vx_node>
    /// Swift strings for the reader's name numbers, filled as new names appear (behind a
    /// pointer too: a class's array property costs a dynamic exclusivity check per read).
    private let names: UnsafeMutablePointer<[String]>
    let documentName: String

    /// Reads from bytes in memory (copied, so the caller's buffer may go away).
    init(bytes: some Collection<UInt8>, documentName: String) throws(XMLReadError) {
        vx_init()
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        copy.copyBytes(from: bytes)
        guard let base = copy.baseAddress,
            let reader = vx_reader_from_memory(base.assumingMemoryBound(to: CChar.self), bytes.count, documentName)
        else {
            copy.deallocate()
            throw XMLReadError(document: documentName, line: 0, reason: "cannot start the XML reader (out of memory?)")
        }
        self.reader = reader
        self.buffer = copy
        self.documentName = documentName
        self.node = .allocate(capacity: 1)
        node.initialize(to: vx_node())
        self.names = .allocate(capacity: 1)
        names.initialize(to: [])
    }

    /// Reads from an open file descriptor, streaming (the descriptor stays the caller's to close).
    init(fileDescriptor: Int32, documentName: String) throws(XMLReadError) {
        vx_init()
        guard let reader = vx_reader_from_fd(fileDescriptor, documentName) else {
            throw XMLReadError(document: documentName, line: 0, reason: "cannot start the XML reader (out of memory?)")
        }
        self.reader = reader
        self.buffer = nil
        self.documentName = documentName
        self.node = .allocate(capacity: 1)
        node.initialize(to: vx_node())
        self.names = .allocate(capacity: 1)
        names.initialize(to: [])
    }

    deinit {
        vx_reader_free(reader)
        buffer?.deallocate()
        node.deallocate()
        names.deinitialize(count: 1)
        names.deallocate()
    }

    // MARK: - The current node

    var kind: Kind {
        switch node.pointee.kind {
        case VX_NODE_ELEMENT: .element
        case VX_NODE_END_ELEMENT: .end
        case VX_NODE_WHITESPACE: .whitespace
        default: .text
        }
    }

    var depth: Int { Int(node.pointee.depth) }
    var isEmpty: Bool { node.pointee.is_empty != 0 }
    var hasAttributes: Bool { node.pointee.has_attributes != 0 }
    /// The element's name number (-1 for text, or for names beyond the table's capacity).
    var nameID: Int32 { node.pointee.name_id }

    /// Whether the current element is in the namespace `uri`, whatever prefix binds it (or none:
    /// a default namespace); "" asks for no namespace at all.
    func isInNamespace(_ uri: StaticString) -> Bool {
        uri.utf8Start.withMemoryRebound(to: CChar.self, capacity: uri.utf8CodeUnitCount + 1) {
            vx_reader_namespace_is(reader, $0) == 1
        }
    }

    /// The current element's namespace URI ("" for none), for error messages.
    var namespaceURI: String { String(cString: vx_reader_namespace(reader)) }

    /// The element's local name.
    var name: String {
        let id = Int(node.pointee.name_id)
        guard id >= 0 else { return node.pointee.name.map { String(cString: $0) } ?? "" }
        while names.pointee.count <= id {
            names.pointee.append(String(cString: vx_reader_name_of(reader, Int32(names.pointee.count))))
        }
        return names.pointee[id]
    }

    /// The text of a text or whitespace node.
    var value: String { Self.string(node.pointee.value, node.pointee.value_length) }

    /// UTF-8 bytes the shim hands over with their length (no strlen, no second pass).
    private static func string(_ bytes: UnsafePointer<CChar>?, _ length: Int) -> String {
        guard let bytes, length > 0 else { return "" }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// An attribute of the current element.
    func attribute(_ name: String) -> String? {
        name.withCString { attribute(cString: $0) }
    }

    /// An attribute of the current element, named by a literal (no conversion per call).
    func attribute(_ name: StaticString) -> String? {
        guard name.hasPointerRepresentation else { return attribute(name.description) }
        return name.utf8Start.withMemoryRebound(to: CChar.self, capacity: name.utf8CodeUnitCount + 1) {
            attribute(cString: $0)
        }
    }

    /// An attribute of the current element handed to `body` as its UTF-8 bytes (no string made;
    /// the bytes live until the cursor moves), nil when the element has none of that name.
    func attributeBytes<T>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        precondition(name.hasPointerRepresentation, "an attribute name is a literal")
        var value: UnsafePointer<CChar>?
        var length = 0
        let found = name.utf8Start.withMemoryRebound(to: CChar.self, capacity: name.utf8CodeUnitCount + 1) {
            vx_reader_attribute_value(reader, $0, &value, &length)
        }
        guard found == 1 else { return nil }
        guard let value, length > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return value.withMemoryRebound(to: UInt8.self, capacity: length) { body(UnsafeBufferPointer(start: $0, count: length)) }
    }

    private func attribute(cString name: UnsafePointer<CChar>) -> String? {
        var value: UnsafePointer<CChar>?
        var length = 0
        guard vx_reader_attribute_value(reader, name, &value, &length) == 1 else { return nil }
        return Self.string(value, length)
    }

    /// An attribute of the current element in the namespace `uri` (whatever its prefix).
    func attribute(_ name: String, namespace uri: String) -> String? {
        var value: UnsafePointer<CChar>?
        var length = 0
        let found = name.withCString { n in uri.withCString { vx_reader_attribute_ns_value(reader, n, $0, &value, &length) } }
        return found == 1 ? Self.string(value, length) : nil
    }

    /// The number this reader gives a name (for comparing with ``nameID``).
    func id(of name: String) -> Int32 { vx_reader_name_id(reader, name) }

    /// The line the parser is at.
    var line: Int { Int(vx_reader_line(reader)) }

    // MARK: - Moving

    /// Moves to the next element, end, text or blank node; false at the end of the document.
    func step(elementsOnly: Bool = false) throws(XMLReadError) -> Bool {
        switch vx_reader_step(reader, node, elementsOnly ? 1 : 0) {
        case 1: return true
        case 0: return false
        default:
            let reason = String(cString: vx_reader_error(reader))
            let kind: XMLReadError.Kind =
                reason.contains("DOCTYPE") || reason.contains("entit") ? .forbiddenConstruct : .malformed
            throw XMLReadError(document: documentName, line: Int(vx_reader_error_line(reader)), reason: reason, kind: kind)
        }
    }

    /// Like ``step()`` but the document must go on (used inside an open element).
    func stepInside(elementsOnly: Bool = false) throws(XMLReadError) {
        guard try step(elementsOnly: elementsOnly) else { throw failure("the document ends before its elements are closed") }
    }

    /// The name of the next child element of the open element at `depth` (the cursor is then on
    /// the child's start), or nil on that element's end. The caller reads or skips each child.
    func nextChild(of depth: Int) throws(XMLReadError) -> Int32? {
        while true {
            try stepInside(elementsOnly: true)
            switch node.pointee.kind {
            case VX_NODE_ELEMENT: return node.pointee.name_id
            case VX_NODE_END_ELEMENT where Int(node.pointee.depth) == depth: return nil
            default: continue
            }
        }
    }

    /// From an element start, moves past its end (the element and its content are skipped).
    func skipElement() throws(XMLReadError) {
        if isEmpty { return }
        let depth = self.depth
        while true {
            try stepInside(elementsOnly: true)
            if node.pointee.kind == VX_NODE_END_ELEMENT && Int(node.pointee.depth) == depth { return }
        }
    }

    /// From an element start, the element's text (child elements are skipped); ends on its end.
    func readText() throws(XMLReadError) -> String {
        if isEmpty { return "" }
        let depth = self.depth
        var text = ""
        while true {
            try stepInside()
            switch node.pointee.kind {
            case VX_NODE_TEXT, VX_NODE_WHITESPACE:
                if text.isEmpty { text = value } else { text += value }
            case VX_NODE_ELEMENT:
                try skipElement()
            default:
                if Int(node.pointee.depth) == depth { return text }
            }
        }
    }

    /// An error at the current line.
    func failure(_ reason: String, kind: XMLReadError.Kind = .malformed) -> XMLReadError {
        XMLReadError(document: documentName, line: line, reason: reason, kind: kind)
    }

    /// Reads to the first element; errors when the document has none.
    func moveToRoot() throws(XMLReadError) {
        while try step() {
            if node.pointee.kind == VX_NODE_ELEMENT { return }
            if node.pointee.kind == VX_NODE_TEXT { throw failure("text before the root element") }
        }
        throw failure("the document is empty (no root element)")
    }

    /// After the root element's end: the rest must be well-formed and hold no other element.
    func finishDocument() throws(XMLReadError) {
        while try step() {
            if node.pointee.kind == VX_NODE_ELEMENT { throw failure("content after the root element") }
        }
    }
}
