import VTJCore

/// Reads a request document drop (`<pyynto …>`, drop contract 2.2) with the same safe libxml2
/// settings as every other read: no network, no entities, DOCTYPE refused (so XXE and
/// billion-laughs documents fail with a clear error instead of being expanded).
public struct RequestDocumentReader: Sendable {
    /// A `hetu`, `tietoryhma` or attribute value longer than this is refused.
    public var maximumValueLength: Int
    /// The longest `tunniste` accepted (it is echoed into result files).
    public var maximumReferenceLength: Int
    /// Size and shape bounds checked before libxml2 parses (its cost is superlinear on some shapes).
    public var limits: RequestDocumentLimits

    public init(maximumValueLength: Int = 1024, maximumReferenceLength: Int = 200,
                limits: RequestDocumentLimits = RequestDocumentLimits()) {
        self.maximumValueLength = maximumValueLength
        self.maximumReferenceLength = maximumReferenceLength
        self.limits = limits
    }

    /// Reads a document held in memory.
    public func read(_ bytes: [UInt8], file: String) throws(DropReadError) -> DropContent {
        try RequestDocumentReader.refuseNonDocument(bytes, file: file)
        try limits.check(bytes, file: file)
        let reader: XMLStreamReader
        do throws(XMLReadError) {
            reader = try XMLStreamReader(bytes: bytes, documentName: file)
        } catch {
            throw DropReadError(file: file, line: error.line, kind: .xml, message: Message(.requestXMLSyntax, ["detail": .text(error.reason)]))
        }
        return try read(reader, file: file, startTagLines: RequestDocumentReader.startTagLines(bytes))
    }

    /// Reads a document from an open descriptor (streamed; the caller closes it). Line numbers
    /// are then libxml2's parser position, which can run ahead of the element; prefer bytes.
    public func read(fileDescriptor: Int32, file: String) throws(DropReadError) -> DropContent {
        let reader: XMLStreamReader
        do throws(XMLReadError) {
            reader = try XMLStreamReader(fileDescriptor: fileDescriptor, documentName: file)
        } catch {
            throw DropReadError(file: file, line: error.line, kind: .xml, message: Message(.requestXMLSyntax, ["detail": .text(error.reason)]))
        }
        return try read(reader, file: file, startTagLines: nil)
    }

    private enum Section { case none, groups, hetus }

    private func read(_ reader: XMLStreamReader, file: String, startTagLines: [Int]?) throws(DropReadError) -> DropContent {
        var startTags = 0
        var request: DropContent?
        var rootLine = 0
        var section = Section.none
        var value: String?
        var valueLine = 0
        var groups: [GroupName] = []
        var sawGroups = false
        var collector = HetuCollector()
        func fail(_ line: Int, _ key: MessageKey, _ arguments: [String: MessageArgument] = [:]) -> DropReadError {
            DropReadError(file: file, line: line, kind: .request, message: Message(key, arguments))
        }
        while true {
            let node: XMLStreamReader.Node?
            do throws(XMLReadError) {
                node = try reader.next()
            } catch {
                throw DropReadError(file: file, line: error.line, kind: .xml, message: Message(.requestXMLSyntax, ["detail": .text(error.reason)]))
            }
            guard let node else { break }
            var line = reader.line
            switch node {
            case .start(let name, let depth, let isEmpty):
                // libxml2's line is where its parser is, which runs ahead in buffered input.
                if let startTagLines, startTags < startTagLines.count { line = startTagLines[startTags] }
                startTags += 1
                switch (depth, name, section) {
                case (0, "pyynto", _):
                    rootLine = line
                    request = try readAttributes(reader, line: line, file: file)
                case (0, _, _):
                    throw fail(line, .requestWrongRoot, ["name": .text(name)])
                case (1, "tietoryhmat", _):
                    section = .groups
                    sawGroups = true
                case (1, "hetulista", _):
                    section = .hetus
                case (2, "tietoryhma", .groups), (2, "hetu", .hetus):
                    value = ""
                    valueLine = line
                    if isEmpty {
                        finish(name: name, value: "", line: line, groups: &groups, collector: &collector, request: &request)
                        value = nil
                    }
                default:
                    throw fail(line, .requestUnexpectedElement, ["name": .text(name)])
                }
            case .text(let text):
                if value != nil {
                    if (value?.utf8.count ?? 0) + text.utf8.count > maximumValueLength {
                        throw fail(valueLine, .requestValueTooLong, ["limit": .count(maximumValueLength)])
                    }
                    value? += text
                } else if !text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                    throw fail(line, .requestStrayText)
                }
            case .end(let name, let depth):
                if depth == 2, let text = value {
                    finish(name: name, value: text, line: valueLine, groups: &groups, collector: &collector, request: &request)
                    value = nil
                } else if depth == 1 {
                    section = .none
                }
            }
        }
        guard var result = request else {
            throw DropReadError(file: file, line: nil, kind: .request, message: Message(.requestNoRoot))
        }
        if sawGroups && !groups.isEmpty || !result.unknownGroups.isEmpty { result.groups = groups }
        result.take(&collector)
        if result.operation.takesHetus && result.hetuElements == 0 {
            throw fail(rootLine, .requestNeedsHetus, ["operation": .text(result.operation.rawValue)])
        }
        if !result.operation.takesHetus && result.hetuElements > 0 {
            throw fail(rootLine, .requestTakesNoHetus, ["operation": .text(result.operation.rawValue)])
        }
        return result
    }

    private func finish(name: String, value: String, line: Int, groups: inout [GroupName],
                        collector: inout HetuCollector, request: inout DropContent?) {
        if name == "hetu" {
            collector.accept(value, line: line)
            return
        }
        let group = GroupName(value.dropRequestTrimmed.uppercased())
        if group.isProductGroup {
            if !groups.contains(group) { groups.append(group) }
        } else {
            // Once per name and a bounded number of names: a document of a million made-up
            // groups must not become a million receipt lines.
            let name = String(value.dropRequestTrimmed.prefix(60))
            request?.unknownGroupCount += 1
            guard let known = request?.unknownGroups, known.count < DropContent.unknownGroupLimit,
                  !known.contains(where: { $0.name == name }) else { return }
            request?.unknownGroups.append(.init(name: name, line: line))
        }
    }

    private func readAttributes(_ reader: XMLStreamReader, line: Int, file: String) throws(DropReadError) -> DropContent {
        func fail(_ key: MessageKey, _ arguments: [String: MessageArgument] = [:]) -> DropReadError {
            DropReadError(file: file, line: line, kind: .request, message: Message(key, arguments))
        }
        func attribute(_ name: String) throws(DropReadError) -> String? {
            guard let raw = reader.attribute(name) else { return nil }
            let value = raw.dropRequestTrimmed
            guard value.utf8.count <= maximumValueLength else { throw fail(.requestAttributeTooLong, ["name": .text(name), "limit": .count(maximumValueLength)]) }
            return value.isEmpty ? nil : value
        }
        let known = DropContent.Operation.allCases.map(\.rawValue).joined(separator: ", ")
        guard let toiminto = try attribute("toiminto") else {
            throw fail(.requestNoOperation, ["known": .text(known)])
        }
        guard let operation = DropContent.Operation(rawValue: toiminto.lowercased()) else {
            throw DropReadError(file: file, line: line, kind: .unknownOperation,
                                message: Message(.requestUnknownOperation, ["value": .text(String(toiminto.prefix(60))), "known": .text(known)]))
        }
        var format: OutputFormat?
        if let muoto = try attribute("muoto") {
            guard let known = OutputFormat(rawValue: muoto.lowercased()) else {
                throw fail(.requestUnknownFormat, ["value": .text(String(muoto.prefix(60)))])
            }
            format = known
        }
        let reference = try attribute("tunniste")
        if let reference {
            guard reference.count <= maximumReferenceLength else {
                throw fail(.requestReferenceTooLong, ["limit": .count(maximumReferenceLength)])
            }
            guard !reference.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw fail(.requestReferenceControl)
            }
        }
        var request = DropContent(origin: .requestDocument, operation: operation, purpose: try attribute("kayttotarkoitus"), format: format, reference: reference)
        // `sarakkeet`: a preset or column names (space- or comma-separated), checked against the
        // department's groups by the pipeline.
        request.columns = try attribute("sarakkeet").map {
            $0.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" }).map(String.init)
        }
        return request
    }
}

extension RequestDocumentReader {
    /// Refuses, before libxml2 sees it, a file with nothing in it and a file that plainly is not
    /// XML (a henkilötunnus list named `.xml`), whose libxml2 errors ("Document is empty") would
    /// mislead. UTF-16 documents are left to libxml2.
    static func refuseNonDocument(_ bytes: [UInt8], file: String) throws(DropReadError) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(2).contains(0) {
            if bytes.count <= 2 { throw DropReadError(file: file, kind: .empty, message: Message(.readEmptyRequest)) }
            return
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) { line += 1 }
            index += 1
        }
        guard index < bytes.count else {
            throw DropReadError(file: file, kind: .empty, message: Message(bytes.isEmpty ? .readEmptyRequestNoBytes : .readEmptyRequest))
        }
        guard bytes[index] == 0x3C else {
            throw DropReadError(file: file, line: line, kind: .wrongFormat,
                                message: Message(.readNotXML))
        }
    }

    /// The line of every start tag in document order, from the raw bytes. Exact for what
    /// libxml2 accepted: in well-formed XML every `<` outside comments, CDATA and processing
    /// instructions opens a tag (attribute values and text cannot hold a raw `<`), and there
    /// are no entities that could add elements. nil for UTF-16 documents (bytes are not ASCII).
    static func startTagLines(_ bytes: [UInt8]) -> [Int]? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(2).contains(0) { return nil }
        var lines: [Int] = []
        var line = 1
        var index = 0
        func skip(past terminator: [UInt8]) {
            while index < bytes.count && !bytes[index...].starts(with: terminator) {
                if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) { line += 1 }
                index += 1
            }
            index += terminator.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x3C {
                let rest = bytes[(index + 1)...]
                if rest.starts(with: Array("!--".utf8)) { skip(past: Array("-->".utf8)); continue }
                if rest.starts(with: Array("![CDATA[".utf8)) { skip(past: Array("]]>".utf8)); continue }
                if rest.starts(with: [0x3F]) { skip(past: Array("?>".utf8)); continue }
                if let next = rest.first, next != 0x2F, next != 0x21 { lines.append(line) }
            } else if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
            }
            index += 1
        }
        return lines
    }
}

extension String {
    /// Blanks (space, tab, line ends, no-break space) removed from both ends.
    fileprivate var dropRequestTrimmed: String {
        let blanks: Set<Character> = [" ", "\t", "\n", "\r", "\r\n", "\u{00A0}"]
        var slice = Substring(self)
        while let first = slice.first, blanks.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, blanks.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
