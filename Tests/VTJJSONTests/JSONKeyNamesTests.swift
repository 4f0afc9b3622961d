import Testing
@testable import VTJJSON

/// The answer's field names made once per reader (issue 15): every key reads as exactly the string
/// the reader would make for it, repeated or not, escaped or not, longer than the cache keeps, and more keys than it has slots.
@Suite struct JSONKeyNamesTests {
    /// Keys of every length the profile uses and more, each sent twice, with escapes and non-ASCII
    /// among them, and more distinct keys than the cache has slots.
    @Test func everyKeyReadsAsTheReaderMakesIt() throws {
        var keys: [[UInt8]] = []
        for index in 0 ..< JSONKeyNames.slotCount * 3 {
            let length = 1 + index % (JSONKeyNames.maxBytes + 10)
            keys.append(Array("k\(index)_".utf8) + Array(repeating: UInt8(ascii: "a") + UInt8(index % 26), count: length))
        }
        keys += [Array("turvakieltoAktiivinen".utf8), Array("k\\u00e4ytt\\u00f6".utf8), Array("käyttö".utf8),
                 Array("kb".utf8), Array("kc".utf8), Array("".utf8)]
        var document: [UInt8] = Array("{".utf8)
        var count = 0
        for round in 0 ..< 2 {
            for key in keys {
                if count > 0 { document.append(UInt8(ascii: ",")) }
                document += [UInt8(ascii: "\"")] + key + Array("\":\(round)".utf8)
                count += 1
            }
        }
        document += Array("}".utf8)

        let reader = JSONReader(bytes: document, documentName: "keys.json")
        let names = JSONKeyNames()
        var read = 0
        try reader.enterObject()
        var first = true
        while try reader.nextKey(&first) {
            let expected = reader.keyString()
            #expect(names.name(of: reader) == expected, "key \(read): \(expected)")
            #expect(names.name(of: reader) == expected, "key \(read) asked twice")
            _ = try reader.readNumber()
            read += 1
        }
        #expect(read == count)
    }
}
