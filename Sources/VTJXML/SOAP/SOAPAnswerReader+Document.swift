import VTJCore

extension SOAPAnswerReader {
    /// On `VTJHenkiloVastaussanoma`: the return code, the criterion and the person, elements in any order.
    func readDocument() throws(XMLReadError) -> SOAPDocument {
        var document = SOAPDocument(product: cursor.attribute("sanomatunnus").map { $0.trimmingBlanks })
        guard !cursor.isEmpty else { return document }
        let depth = cursor.depth
        var sawPerson = false
        while try cursor.nextChild(of: depth) != nil {
            guard cursor.isInNamespace(SOAPNames.answer) else {
                try cursor.skipElement()
                continue
            }
            switch cursor.name {
            case "Paluukoodi":
                document.returnCode = cursor.attribute("koodi").map { $0.trimmingBlanks }
                document.returnText = SOAPAnswerReader.oneLine(try cursor.readText())
            case "Hakuperusteet":
                try readCriteria(into: &document)
            case "Henkilo":
                guard !sawPerson else {
                    throw cursor.failure("two Henkilo elements in one answer document; refused rather than guessing which is right",
                                         kind: .invalidMessage)
                }
                sawPerson = true
                try readPerson(into: &document)
            default:
                try cursor.skipElement()
            }
        }
        return document
    }

    /// On `Hakuperusteet`: the queried henkilötunnus (trimmed: real answers end it with a line
    /// break and indentation) and its `hakuperustePaluukoodi`.
    private func readCriteria(into document: inout SOAPDocument) throws(XMLReadError) {
        guard !cursor.isEmpty else { return }
        let depth = cursor.depth
        while try cursor.nextChild(of: depth) != nil {
            if cursor.name == "Henkilotunnus", cursor.isInNamespace(SOAPNames.answer) {
                document.criterionCode = cursor.attribute("hakuperustePaluukoodi").map { $0.trimmingBlanks }
                document.queriedHetu = try cursor.readText().trimmingBlanks
            } else {
                try cursor.skipElement()
            }
        }
    }

    /// On `Henkilo`: every known block, wherever it stands (products order them differently), then
    /// mapped onto the profile's groups. Blocks that are never delivered (temporary and foreign
    /// addresses) are skipped unread, so their text never reaches memory.
    private func readPerson(into document: inout SOAPDocument) throws(XMLReadError) {
        var blocks: [SOAPNode] = []
        if !cursor.isEmpty {
            let depth = cursor.depth
            var count = 0
            while try cursor.nextChild(of: depth) != nil {
                count += 1
                guard count <= Self.maxPersonElements else {
                    throw cursor.failure("Henkilo holds more than \(Self.maxPersonElements) elements; refused as no real answer",
                                         kind: .invalidMessage)
                }
                guard cursor.isInNamespace(SOAPNames.answer), SOAPPersonMapping.readBlocks.contains(cursor.name) else {
                    try cursor.skipElement()
                    continue
                }
                blocks.append(try readNode(level: 0))
            }
        }
        let mapped = SOAPPersonMapping.map(blocks)
        guard let hetu = mapped.hetu else {
            throw cursor.failure("Henkilo has no Henkilotunnus", kind: .invalidMessage)
        }
        document.person = Person(hetu: hetu, records: mapped.records)
        document.validity = mapped.validity
        document.carriedGroups = mapped.carried
        document.hasTurvakielto = mapped.hasTurvakielto
    }

    /// The element at the cursor with its answer-namespace children, read to its end (bounded).
    private func readNode(level: Int) throws(XMLReadError) -> SOAPNode {
        var node = SOAPNode(name: cursor.name)
        if cursor.hasAttributes, let validity = cursor.attribute("voimassaolokoodi") { node.attributes["voimassaolokoodi"] = validity }
        if cursor.isEmpty { return node }
        let depth = cursor.depth
        var text = ""
        while true {
            try cursor.stepInside()
            switch cursor.kind {
            case .text, .whitespace:
                if node.children.isEmpty { text += cursor.value }
            case .element:
                guard cursor.isInNamespace(SOAPNames.answer) else {
                    try cursor.skipElement()
                    continue
                }
                guard level < Self.maxBlockDepth, node.children.count < Self.maxBlockChildren else {
                    throw cursor.failure("<\(node.name)> is nested deeper than \(Self.maxBlockDepth) or holds more than "
                                         + "\(Self.maxBlockChildren) elements; refused as no real answer", kind: .invalidMessage)
                }
                node.children.append(try readNode(level: level + 1))
            case .end:
                guard cursor.depth == depth else { continue }
                node.text = node.children.isEmpty ? text : ""
                return node
            }
        }
    }
}
