import CXMLShim

/// A small Swift face on libxml2's xmlTextWriter: UTF-8 output, escaping done by libxml2,
/// into memory or onto a file descriptor.
///
/// Calls do not throw one by one: the first failure (a bad name, a failed write) is kept,
/// every later call does nothing, and ``endDocument()`` / ``flush()`` / ``bytes()`` report it.
/// Text and attribute values may hold any Unicode; characters XML 1.0 cannot carry (control
/// characters other than tab, LF and CR; U+FFFE, U+FFFF) are written as U+FFFD. CR is written
/// as `&#13;`, so text and values round-trip through any XML reader unchanged.
///
/// ```swift
/// let writer = XMLWriter()
/// writer.startDocument()
/// writer.startElement("tulos")
/// writer.attribute("versio", "1")
/// writer.element("nimi", text: "Åsa O'Brien <&>")
/// writer.endElement()
/// let bytes = try writer.bytes()
/// ```
public final class XMLWriter {
    private let writer: OpaquePointer?
    private let toMemory: Bool
    var openElements = 0
    private var finished = false
    /// Name used in error messages (file name, or "memory").
    public let documentName: String
    /// The first failure, if any; once set, the writer writes nothing more.
    public private(set) var failure: XMLWriteError?

    /// A writer into memory; read the result with ``bytes()``.
    /// - Parameter indent: two-space indentation (blank text between elements, never inside text).
    public init(indent: Bool = true, documentName: String = "memory") {
        self.writer = vx_writer_to_memory(indent ? 1 : 0)
        self.toMemory = true
        self.documentName = documentName
        if writer == nil { failure = XMLWriteError(document: documentName, reason: "cannot create the XML writer (out of memory?)") }
    }

    /// A writer onto an open file descriptor (the descriptor stays the caller's to close, and
    /// to fsync). Output is buffered: call ``endDocument()`` or ``flush()`` and check for errors.
    public init(fileDescriptor: Int32, documentName: String, indent: Bool = true) throws(XMLWriteError) {
        guard let writer = vx_writer_to_fd(fileDescriptor, indent ? 1 : 0) else {
            throw XMLWriteError(document: documentName, reason: "cannot create the XML writer on the file")
        }
        self.writer = writer
        self.toMemory = false
        self.documentName = documentName
    }

    deinit { _ = vx_writer_free(writer) }

    /// The XML declaration (`<?xml version="1.0" encoding="UTF-8"?>`).
    public func startDocument() {
        run("start the document") { vx_writer_start_document($0) }
    }

    /// Opens an element; ``endElement()`` closes it.
    public func startElement(_ name: String) {
        guard check(name: name, what: "element") else { return }
        run("start <\(name)>") { w in name.withCString { vx_writer_start_element(w, $0) } }
        if failure == nil { openElements += 1 }
    }

    /// An attribute of the element just opened (before any content).
    public func attribute(_ name: String, _ value: String) {
        guard check(name: name, what: "attribute") else { return }
        attribute(qualified: name, value)
    }

    /// An attribute whose name the caller has checked.
    func attribute(qualified name: String, _ value: String) {
        let value = XMLWriter.xmlSafe(value)
        run("write attribute \(name)") { w in
            name.withCString { n in value.withCString { vx_writer_attribute(w, n, $0) } }
        }
    }

    /// An attribute named by a literal (the profile's names).
    func attribute(_ name: StaticString, _ value: String) { attribute(name.description, value) }

    /// Escaped text content.
    public func text(_ text: String) {
        let text = XMLWriter.xmlSafe(text)
        run("write text") { w in text.withCString { vx_writer_text(w, $0) } }
    }

    /// `<name>text</name>` (an empty text gives `<name></name>`).
    public func element(_ name: String, text: String) {
        startElement(name)
        self.text(text)
        endElement()
    }

    /// A comment (`--` is written as `- -`, which XML does not allow in comments).
    public func comment(_ text: String) {
        var safe = ""
        for character in XMLWriter.xmlSafe(text) {
            if character == "-" && safe.last == "-" { safe.append(" ") }
            safe.append(character)
        }
        if safe.last == "-" { safe.append(" ") }
        let text = safe
        run("write a comment") { w in text.withCString { vx_writer_comment(w, $0) } }
    }

    /// Closes the innermost open element.
    public func endElement() {
        guard failure == nil else { return }
        guard openElements > 0 else {
            failure = XMLWriteError(document: documentName, reason: "endElement() without an open element")
            return
        }
        run("end an element") { vx_writer_end_element($0) }
        openElements -= 1
    }

    /// Closes every open element, flushes, and reports the first failure of the whole write.
    public func endDocument() throws(XMLWriteError) {
        if !finished && failure == nil {
            run("end the document") { vx_writer_end_document($0) }
            openElements = 0
            finished = true
        }
        if let failure { throw failure }
    }

    /// Hands buffered output to the file descriptor; reports the first failure so far.
    public func flush() throws(XMLWriteError) {
        run("flush") { vx_writer_flush($0) }
        if let failure { throw failure }
    }

    /// Everything written so far (memory writers; call ``endDocument()`` first for a whole document).
    public func bytes() throws(XMLWriteError) -> [UInt8] {
        if let failure { throw failure }
        guard toMemory, let writer else {
            throw XMLWriteError(document: documentName, reason: "bytes() is only for writers into memory")
        }
        var length = 0
        guard let content = vx_writer_content(writer, &length) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: length))
    }

    // MARK: - Internals

    func run(_ what: String, _ call: (OpaquePointer) -> Int32) {
        guard failure == nil, let writer else { return }
        if call(writer) < 0 {
            let hint = toMemory ? "" : " (disk full, or the file closed?)"
            failure = XMLWriteError(document: documentName, reason: "cannot \(what)\(hint)")
        }
    }

    func check(name: String, what: String) -> Bool {
        guard failure == nil else { return false }
        if XMLWriter.isValidName(name) { return true }
        failure = XMLWriteError(document: documentName, reason: "\"\(name)\" is not a valid XML \(what) name")
        return false
    }
}
