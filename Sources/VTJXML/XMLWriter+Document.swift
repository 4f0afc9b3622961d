extension XMLWriter {
    /// A whole document written by `body` into memory: declaration, `body`'s elements, every
    /// open element closed, and the first failure of the write thrown.
    public static func document(
        named name: String, indent: Bool = true, _ body: (XMLWriter) -> Void
    ) throws(XMLWriteError) -> [UInt8] {
        let writer = XMLWriter(indent: indent, documentName: name)
        writer.startDocument()
        body(writer)
        try writer.endDocument()
        return try writer.bytes()
    }
}
