import Synchronization

/// Values handed over from the client's worker threads, kept in arrival order.
final class SharedList<Element: Sendable>: Sendable {
    private let elements = Mutex<[Element]>([])

    func append(_ element: Element) { elements.withLock { $0.append(element) } }
    func append(contentsOf more: [Element]) { elements.withLock { $0.append(contentsOf: more) } }
    var all: [Element] { elements.withLock { $0 } }
}
