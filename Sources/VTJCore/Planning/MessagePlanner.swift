/// Splits what a drop asks for into interface messages the server accepts.
///
/// Rules (profile section 2.2): at most ``Restriction/maxHetusPerMessage`` hetus per message,
/// hetu messages and municipality messages never mixed, no hetu sent twice. Duplicates are
/// recognised by the exact validated value, so `010190-999K` and `010190Y999K` stay two people.
public struct MessagePlanner: Sendable, Hashable {
    /// Hetus per message; always within 1...``Restriction/maxHetusPerMessage``.
    public let maxHetusPerMessage: Int

    /// A planner; a limit outside 1...1000 is clamped into it (the server refuses more).
    public init(maxHetusPerMessage: Int = Restriction.maxHetusPerMessage) {
        self.maxHetusPerMessage = min(max(maxHetusPerMessage, 1), Restriction.maxHetusPerMessage)
    }

    /// Messages for a set of persons, in first-seen order.
    public func plan(hetus: some Sequence<Henkilotunnus>) -> MessagePlan {
        plan(hetus.lazy.map { Subject.hetu($0) })
    }

    /// Messages for persons and municipalities: hetu messages first, then one `kuntarajaus` message.
    public func plan(_ subjects: some Sequence<Subject>) -> MessagePlan {
        var seenHetus = Set<String>()
        var seenMunicipalities = Set<String>()
        var hetus: [String] = []
        var municipalities: [String] = []
        var wantsAllMunicipalities = false
        var duplicates = 0
        for subject in subjects {
            switch subject {
            case .hetu(let hetu):
                if seenHetus.insert(hetu.value).inserted { hetus.append(hetu.value) } else { duplicates += 1 }
            case .municipality(let code):
                if seenMunicipalities.insert(code).inserted { municipalities.append(code) } else { duplicates += 1 }
            case .licensedMunicipalities:
                if wantsAllMunicipalities { duplicates += 1 }
                wantsAllMunicipalities = true
            }
        }
        var messages: [Restriction] = []
        messages.reserveCapacity(hetus.count / maxHetusPerMessage + 2)
        var start = 0
        while start < hetus.count {
            let end = min(start + maxHetusPerMessage, hetus.count)
            messages.append(.hetulista(Array(hetus[start..<end])))
            start = end
        }
        // An empty kuntarajaus means every licensed municipality, which already covers any listed code.
        if wantsAllMunicipalities {
            messages.append(.kuntarajaus([]))
        } else if !municipalities.isEmpty {
            messages.append(.kuntarajaus(municipalities))
        }
        return MessagePlan(messages: messages, duplicatesDropped: duplicates)
    }

    /// One thing a drop can ask about.
    public enum Subject: Hashable, Sendable {
        /// One person by validated henkilötunnus.
        case hetu(Henkilotunnus)
        /// Residents of one municipality (three-digit code) within the licence.
        case municipality(String)
        /// Residents of every municipality the credentials are licensed for.
        case licensedMunicipalities
    }
}

/// The messages for one request set, and how many repeated subjects were left out.
public struct MessagePlan: Hashable, Sendable {
    /// Messages in sending order; each one valid on its own.
    public var messages: [Restriction]
    /// Subjects that appeared more than once in the input (sent once).
    public var duplicatesDropped: Int

    public init(messages: [Restriction], duplicatesDropped: Int) {
        self.messages = messages
        self.duplicatesDropped = duplicatesDropped
    }

    /// Every hetu across the plan's hetu messages, in sending order.
    public var hetus: [String] {
        messages.flatMap { message -> [String] in
            if case .hetulista(let list) = message { return list }
            return []
        }
    }
}
