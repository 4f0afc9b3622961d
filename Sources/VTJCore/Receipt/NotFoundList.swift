/// The henkilötunnus a drop asked for and the interface did not return, in asking order (each
/// code's first place in the list).
///
/// For a list it is not a copy of the codes: it keeps the list (held by the drop anyway) and one bit
/// per distinct code, by the code's rank among the list's sorted codes, and makes the texts again when walked — the
/// result's rows and the receipt's list file each walk it once. 800,000 codes not found cost
/// 100 KB here, where a `[String]` and the client's `[Henkilotunnus]` cost 25 MB (issue 15 goal 3).
/// A receipt filled by hand (``append(_:)``) holds its texts as given.
public struct NotFoundList: Sequence, Sendable, Hashable, ExpressibleByArrayLiteral {
    fileprivate enum Storage: Sendable {
        case texts([String])
        case marked(Marks)
    }

    /// The codes of `list` whose rank among its distinct codes has its bit set in `bits`.
    fileprivate struct Marks: Sendable {
        let list: HetuSequence
        let bits: [UInt64]
        let count: Int
    }

    private var storage: Storage

    /// Texts as given, in order.
    public init(_ texts: [String] = []) { storage = .texts(texts) }

    public init(arrayLiteral elements: String...) { self.init(elements) }

    /// The codes of `list` (its order; a code listed twice counts at its first place) whose
    /// position among its distinct codes (``HetuSequence/distinct``) has its bit set in `bits`.
    public init(list: HetuSequence, bits: [UInt64]) {
        let count = bits.reduce(0) { $0 + $1.nonzeroBitCount }
        storage = count == 0 ? .texts([]) : .marked(Marks(list: list, bits: bits, count: count))
    }

    /// How many codes.
    public var count: Int {
        switch storage {
        case .texts(let texts): texts.count
        case .marked(let marks): marks.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    public var underestimatedCount: Int { count }

    /// Adds a code after the others (a list made by walking is copied into texts first: rare, small).
    public mutating func append(_ text: String) {
        var texts = Array(self)
        texts.append(text)
        storage = .texts(texts)
    }

    /// The first `limit` codes (what the receipt itself shows).
    public func first(_ limit: Int) -> [String] { Array(prefix(limit)) }

    public func makeIterator() -> Iterator { Iterator(storage) }

    /// Walks the texts, or the list once, each marked code at its first place.
    public struct Iterator: IteratorProtocol {
        private let texts: [String]
        private var textIndex = 0
        private let list: HetuSequence?
        /// The marks not yet walked past: a code's bit is cleared when it is handed out.
        private var pending: [UInt64]
        private var listIndex = 0

        fileprivate init(_ storage: Storage) {
            switch storage {
            case .texts(let texts):
                self.texts = texts
                list = nil
                pending = []
            case .marked(let marks):
                texts = []
                list = marks.list
                pending = marks.bits
            }
        }

        public mutating func next() -> String? {
            guard let list else {
                guard textIndex < texts.count else { return nil }
                defer { textIndex += 1 }
                return texts[textIndex]
            }
            while listIndex < list.count {
                // The place's rank is held: a code's key is read only when it is handed out.
                let rank = list.rank(at: listIndex)
                listIndex += 1
                let bit: UInt64 = 1 << (rank % 64)
                guard pending[rank / 64] & bit != 0 else { continue }
                pending[rank / 64] &= ~bit
                return HenkilotunnusKeys.text(of: list.distinct.key(at: rank))
            }
            return nil
        }
    }

    public static func == (lhs: NotFoundList, rhs: NotFoundList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for text in self { hasher.combine(text) }
    }
}
