/// A growing list of fixed-width numbers held in pages of ``pageSize``: appending never copies the
/// list into a buffer twice its size, so a drop's per-person state never holds an old and a new
/// capacity side by side, nor up to half of it unused (issue 15 goal 3).
public struct PagedNumbers<Element: FixedWidthInteger & Sendable>: Sendable {
    /// Numbers a page holds (32 KiB of 64-bit numbers).
    public static var pageSize: Int { 1 << pageShift }
    @usableFromInline static var pageShift: Int { 12 }
    @usableFromInline static var pageMask: Int { pageSize - 1 }

    /// Each page allocated whole when the first number on it is appended; only the page table
    /// (a word per page) grows by doubling.
    @usableFromInline var pages: [[Element]] = []
    /// How many numbers.
    public var count: Int { storedCount }
    @usableFromInline var storedCount = 0

    /// No numbers.
    public init() {}

    /// Adds `value` at the end.
    @inlinable public mutating func append(_ value: Element) {
        let page = storedCount >> Self.pageShift
        if page == pages.count { pages.append([Element](repeating: 0, count: Self.pageSize)) }
        pages[page][storedCount & Self.pageMask] = value
        storedCount += 1
    }

    /// The number at `index` (0 ..< ``count``).
    @inlinable public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "PagedNumbers index out of range")
            return pages[index >> Self.pageShift][index & Self.pageMask]
        }
        set {
            precondition(index >= 0 && index < count, "PagedNumbers index out of range")
            pages[index >> Self.pageShift][index & Self.pageMask] = newValue
        }
    }

    /// Bytes the pages take (for tests and the documentation's figures).
    public var byteCount: Int { pages.count * Self.pageSize * MemoryLayout<Element>.stride }
}
