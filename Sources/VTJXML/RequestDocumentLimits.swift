import VTJCore

/// How large and how oddly shaped a request document may be. Checked on the bytes before libxml2
/// sees them, because libxml2 2.9.14 (Debian 12) is superlinear on some shapes: a 3.5 MB document
/// of 300,000 attributes took 6 minutes of CPU, and many distinct names slow its dictionary down
/// (docs/reliability.md). A real request has one `<pyynto>` with four attributes, a few dozen
/// `<tietoryhma>` and a `<hetu>` per person, so these bounds leave room for any honest document
/// and keep every accepted one within a few seconds.
public struct RequestDocumentLimits: Hashable, Sendable {
    /// Bytes of the whole document (about 650,000 `<hetu>` elements; larger lists go as .txt/.csv).
    public var maximumBytes = 16 << 20
    /// Elements in the document.
    public var maximumElements = 1_000_000
    /// Attributes on one element (libxml2 checks each against all earlier ones of the element).
    public var maximumAttributesPerElement = 32
    /// Attributes in the whole document.
    public var maximumAttributes = 1_000
    /// Elements open at once.
    public var maximumDepth = 32
    /// Distinct element and attribute names (a request uses about eight).
    public var maximumDistinctNames = 100
    /// Bytes of one element or attribute name.
    public var maximumNameLength = 200

    public init() {}

    /// Refuses a document over a bound, naming the bound and the line where it was crossed.
    func check(_ bytes: [UInt8], file: String) throws(DropReadError) {
        func refuse(_ line: Int?, _ reason: String) -> DropReadError {
            DropReadError(file: file, line: line, kind: .request, message: Message(.requestOverLimit, ["detail": .text(reason)]))
        }
        guard bytes.count <= maximumBytes else {
            throw refuse(nil, "the request document has \(bytes.count) bytes, more than \(maximumBytes)")
        }
        let units = try DocumentUnits(bytes, file: file)
        var scan = RequestDocumentScan(units: units, limits: self)
        if let (line, reason) = scan.run() { throw refuse(line, reason) }
    }
}

/// The document as code units: bytes for UTF-8 and 8-bit encodings, 16-bit units for UTF-16
/// (markup characters are ASCII in both, so one scan reads either).
struct DocumentUnits {
    let bytes: [UInt8]
    /// nil: one unit per byte; else UTF-16 of that byte order, after the BOM when there is one.
    let utf16BigEndian: Bool?
    let start: Int

    init(_ bytes: [UInt8], file: String) throws(DropReadError) {
        self.bytes = bytes
        switch (bytes.first, bytes.dropFirst().first) {
        case (0xFF, 0xFE): (utf16BigEndian, start) = (false, 2)
        case (0xFE, 0xFF): (utf16BigEndian, start) = (true, 2)
        case (0x3C, 0x00): (utf16BigEndian, start) = (false, 0)
        case (0x00, 0x3C): (utf16BigEndian, start) = (true, 0)
        default:
            // UCS-4 and EBCDIC would pass libxml2 but not this scan: refused, no department uses them.
            if bytes.prefix(4).contains(0) {
                throw DropReadError(file: file, line: 1, kind: .xml, message: Message(.requestEncoding))
            }
            (utf16BigEndian, start) = (nil, bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        }
    }

    var count: Int { utf16BigEndian == nil ? bytes.count - start : (bytes.count - start) / 2 }

    subscript(index: Int) -> UInt16 {
        guard let bigEndian = utf16BigEndian else { return UInt16(bytes[start + index]) }
        let first = UInt16(bytes[start + 2 * index]), second = UInt16(bytes[start + 2 * index + 1])
        return bigEndian ? first << 8 | second : second << 8 | first
    }
}

/// One pass over the units counting what libxml2 would have to handle; lenient about syntax
/// (libxml2 reports that afterwards), strict about the bounds.
struct RequestDocumentScan {
    let units: DocumentUnits
    let limits: RequestDocumentLimits
    private var index = 0
    private var line = 1
    private var elements = 0
    private var attributes = 0
    private var depth = 0
    private var names: Set<[UInt16]> = []

    init(units: DocumentUnits, limits: RequestDocumentLimits) {
        self.units = units
        self.limits = limits
    }

    /// The first bound crossed (line and reason), or nil.
    mutating func run() -> (Int, String)? {
        let count = units.count
        while index < count {
            let unit = units[index]
            if unit != 0x3C {
                advance()
                continue
            }
            if let problem = markup() { return problem }
        }
        return nil
    }

    private mutating func advance() {
        let unit = units[index]
        if unit == 0x0A || (unit == 0x0D && (index + 1 == units.count || units[index + 1] != 0x0A)) { line += 1 }
        index += 1
    }

    private func starts(with text: String, at position: Int) -> Bool {
        var offset = position
        for scalar in text.utf8 {
            guard offset < units.count, units[offset] == UInt16(scalar) else { return false }
            offset += 1
        }
        return true
    }

    private mutating func skip(past terminator: String) {
        while index < units.count && !starts(with: terminator, at: index) { advance() }
        index = min(units.count, index + terminator.utf8.count)
    }

    private static func isNameEnd(_ unit: UInt16) -> Bool {
        [0x20, 0x09, 0x0A, 0x0D, 0x3E, 0x2F, 0x3D].contains(unit)  // blank, > / =
    }

    /// Reads a name at `index`; nil when it is over the length bound.
    private mutating func name() -> [UInt16]? {
        var name: [UInt16] = []
        while index < units.count, !Self.isNameEnd(units[index]) {
            guard name.count < limits.maximumNameLength else { return nil }
            name.append(units[index])
            index += 1
        }
        return name
    }

    private mutating func note(_ name: [UInt16]) -> (Int, String)? {
        guard !names.contains(name) else { return nil }
        names.insert(name)
        if names.count > limits.maximumDistinctNames {
            return (line, "the document uses more than \(limits.maximumDistinctNames) distinct element and attribute names")
        }
        return nil
    }

    private mutating func skipBlanks() {
        while index < units.count, [0x20, 0x09, 0x0A, 0x0D].contains(units[index]) { advance() }
    }

    /// At `<`: a comment, CDATA, processing instruction, declaration, end tag or start tag.
    private mutating func markup() -> (Int, String)? {
        if starts(with: "<!--", at: index) { skip(past: "-->"); return nil }
        if starts(with: "<![CDATA[", at: index) { skip(past: "]]>"); return nil }
        if starts(with: "<?", at: index) { skip(past: "?>"); return nil }
        if starts(with: "<!", at: index) { skip(past: ">"); return nil }  // DOCTYPE: libxml2 refuses it
        if starts(with: "</", at: index) {
            depth = max(0, depth - 1)
            skip(past: ">")
            return nil
        }
        let tagLine = line
        index += 1
        guard let element = name() else {
            return (tagLine, "an element name is longer than \(limits.maximumNameLength) bytes")
        }
        elements += 1
        if elements > limits.maximumElements { return (tagLine, "the document has more than \(limits.maximumElements) elements") }
        if let problem = note(element) { return problem }
        var own = 0
        while index < units.count {
            skipBlanks()
            guard index < units.count else { break }
            let unit = units[index]
            if unit == 0x3E {  // >
                index += 1
                depth += 1
                break
            }
            if unit == 0x2F {  // />
                index += 1
                if index < units.count, units[index] == 0x3E { index += 1 }
                break
            }
            guard let attribute = name() else {
                return (line, "an attribute name is longer than \(limits.maximumNameLength) bytes")
            }
            if attribute.isEmpty {
                index += 1  // stray character: libxml2 will say what is wrong
                continue
            }
            own += 1
            attributes += 1
            if own > limits.maximumAttributesPerElement {
                return (tagLine, "an element has more than \(limits.maximumAttributesPerElement) attributes")
            }
            if attributes > limits.maximumAttributes {
                return (line, "the document has more than \(limits.maximumAttributes) attributes")
            }
            if let problem = note(attribute) { return problem }
            skipBlanks()
            if index < units.count, units[index] == 0x3D {  // =
                index += 1
                skipBlanks()
                if index < units.count, units[index] == 0x22 || units[index] == 0x27 {
                    let quote = units[index]
                    index += 1
                    while index < units.count, units[index] != quote { advance() }
                    index += 1
                }
            }
        }
        if depth > limits.maximumDepth { return (tagLine, "elements are nested more than \(limits.maximumDepth) deep") }
        return nil
    }
}
