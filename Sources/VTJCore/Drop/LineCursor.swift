/// Physical lines of UTF-8 text ending in CRLF, LF or a lone CR.
struct LineCursor {
    let bytes: [UInt8]

    /// The line starting at `start` (without its terminator) and where the next begins; nil at
    /// the end. A final line without terminator still counts; a final terminator adds no line.
    func line(at start: Int) -> (range: Range<Int>, next: Int)? {
        guard start < bytes.count else { return nil }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { return (start..<index, index + 1) }
            if byte == 0x0D {
                let next = index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
                return (start..<index, next)
            }
            index += 1
        }
        return (start..<index, index)
    }
}
