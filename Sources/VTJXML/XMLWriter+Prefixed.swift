import CXMLShim

/// Prefixed names (`cp:coreProperties`, `xmlns:r`, `xml:space`) for documents whose format
/// fixes its prefixes, such as Office packages. Each part is checked as a name on its own, so
/// names from data (always written unprefixed) still cannot smuggle a colon in.
extension XMLWriter {
    /// Opens `prefix:name`; ``endElement()`` closes it. The prefix must be declared (an
    /// `xmlns:prefix` attribute here or on an ancestor), or be `xml`.
    public func startElement(prefix: String, _ name: String) {
        guard check(name: prefix, what: "prefix"), check(name: name, what: "element") else { return }
        let qualified = prefix + ":" + name
        run("start <\(qualified)>") { w in qualified.withCString { vx_writer_start_element(w, $0) } }
        if failure == nil { openElements += 1 }
    }

    /// The attribute `prefix:name` (`xmlns:r` declares the prefix `r`; `xml:space` needs no declaration).
    public func attribute(prefix: String, _ name: String, _ value: String) {
        guard check(name: prefix, what: "prefix"), check(name: name, what: "attribute") else { return }
        attribute(qualified: prefix + ":" + name, value)
    }

    /// `<prefix:name>text</prefix:name>`.
    public func element(prefix: String, _ name: String, text: String) {
        startElement(prefix: prefix, name)
        self.text(text)
        endElement()
    }
}
