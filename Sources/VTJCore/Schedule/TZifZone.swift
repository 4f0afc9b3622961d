/// A zone read from a TZif file (RFC 8536, what `/usr/share/zoneinfo/*` holds): its table of offset
/// changes, and after the table's last change the footer's POSIX rule.
///
/// The runtime reads Helsinki's offsets with this instead of Foundation's `TimeZone`, which on Linux
/// loads ICU's calendar and zone data (megabytes of mapped pages) for a sum a few table lookups answer.
public struct TZifZone: UTCOffsetRule, Hashable {
    /// The instants (seconds since the epoch) at which the offset changes, ascending.
    let transitions: [Int64]
    /// The offset in force from each transition on.
    let offsets: [Int32]
    /// The offset before the first transition (the file's first local time type).
    let initialOffset: Int
    /// The rule for instants past the last transition (nil in version 1 files or an empty footer).
    public let footer: POSIXZoneRule?

    /// The zone a TZif file's `bytes` describe; throws when they are not one.
    public init(bytes: [UInt8]) throws(ZoneFileError) {
        var reader = TZifReader(bytes: bytes)
        let first = try reader.header()
        guard first.version >= 2 else {
            let block = try reader.block(first, timeSize: 4)
            self.init(block: block, footer: nil)
            return
        }
        try reader.skip(first.blockLength(timeSize: 4))
        let second = try reader.header()
        let block = try reader.block(second, timeSize: 8)
        let footerText = try reader.footer()
        var footer: POSIXZoneRule?
        if !footerText.isEmpty {
            guard let rule = POSIXZoneRule(footerText) else { throw .badFooter(footerText) }
            footer = rule
        }
        self.init(block: block, footer: footer)
    }

    private init(block: TZifReader.Block, footer: POSIXZoneRule?) {
        transitions = block.transitions
        offsets = block.typeIndices.map { block.typeOffsets[Int($0)] }
        initialOffset = Int(block.typeOffsets.first ?? 0)
        self.footer = footer
    }

    public func utcOffsetSeconds(at instant: Instant) -> Int {
        let t = instant.secondsSinceEpoch
        guard let last = transitions.last, t >= transitions[0] else {
            return transitions.isEmpty ? (footer?.utcOffsetSeconds(at: instant) ?? initialOffset) : initialOffset
        }
        if t >= last, let footer { return footer.utcOffsetSeconds(at: instant) }
        // The last transition at or before t.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if transitions[middle] <= t { low = middle } else { high = middle - 1 }
        }
        return Int(offsets[low])
    }
}
